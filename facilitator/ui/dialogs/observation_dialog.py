"""The Observation dialog: kind, severity, MOAA/S 0–5 for sedation, what was seen and the action taken."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from facilitator.domain.enums import ObservationKind, Severity
from facilitator.errors import UserError
from facilitator.services.monitoring import MonitoringCard, record_observation
from facilitator.services.observations import KIND_LABELS
from facilitator.ui.dialogs.monitoring_base import MonitoringDialog
from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.monitoring_text import service_word

KINDS = (ObservationKind.NAUSEA, ObservationKind.VOMITING, ObservationKind.DISSOCIATION, ObservationKind.ANXIETY,
         ObservationKind.SEDATION, ObservationKind.DIZZINESS, ObservationKind.HYPERTENSION, ObservationKind.OTHER)


class ObservationDialog(MonitoringDialog):
    def __init__(self, feed: MonitoringFeed, card: MonitoringCard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record an observation"), feed, card, parent)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(service_word(KIND_LABELS[kind]), kind.value)
        self.severity = QComboBox()
        for severity in Severity:
            self.severity.addItem(service_word(severity.value).capitalize(), severity.value)
        self.moaas = QSpinBox()
        self.moaas.setRange(0, 5)
        self.moaas.setValue(5)
        self.moaas.setToolTip(self.tr("0 no response · 5 responds readily to name"))
        self.detail = QLineEdit()
        self.detail.setPlaceholderText(self.tr("What was seen (optional, needed for Other)"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("What was done (optional)"))
        for text, field in ((self.tr("Kind"), self.kind), (self.tr("Severity"), self.severity),
                            ("MOAA/S (0–5)", self.moaas), (self.tr("Seen"), self.detail),
                            (self.tr("Action taken"), self.action)):
            self.form.addRow(text, field)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.kind.setFocus()

    def _kind_changed(self) -> None:
        self.moaas.setEnabled(self.kind.currentData() == ObservationKind.SEDATION.value)

    def save(self) -> None:
        sedation = self.kind.currentData() == ObservationKind.SEDATION.value
        try:
            self.feed.ctx.store.run(
                record_observation, self.session_id, self.card.participant_id, self.feed.ctx.clock,
                kind=self.kind.currentData(), severity=self.severity.currentData(),
                moaas=self.moaas.value() if sedation else None, detail=self.detail.text(), action=self.action.text())
        except UserError as exc:
            self.refuse(str(exc))
            return
        self.done_saving()
