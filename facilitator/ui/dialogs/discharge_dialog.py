"""The Discharge dialog: the checklist, escort, "would have been ready at", and discharge (override needs a reason)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.errors import UserError
from facilitator.services.monitoring import (
    DischargeState,
    MonitoringCard,
    NotReadyForDischarge,
    discharge_participant,
    set_escort,
    set_would_have_been_ready_at,
    tick_item,
)
from facilitator.ui.dialogs.monitoring_base import MonitoringDialog, moment, time_field
from facilitator.ui.discharge_words import discharge_reason, label_text
from facilitator.ui.i18n import QT_TRANSLATE_NOOP
from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.phase_clock import set_text

MONITOR_SENTENCE = QT_TRANSLATE_NOOP("DischargeDialog", "Only a clinician can discharge someone who is not ready; "
                                                       "ask one to sign in here.")


class DischargeDialog(MonitoringDialog):
    def __init__(self, feed: MonitoringFeed, card: MonitoringCard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Discharge"), feed, card, parent)
        self.state: DischargeState = card.discharge
        self.items = QVBoxLayout()
        self.items.setSpacing(6)
        self.boxes: dict[str, QCheckBox] = {}
        self.lines: dict[str, Any] = {}
        for item in self.state.items:
            if item.ticked:
                box = QCheckBox(label_text(item.key, item.label))
                box.clicked.connect(
                    lambda checked, key=item.key: self._change(tick_item, key, feed.ctx.clock, ok=checked))
                self.boxes[item.key] = box
                self.items.addWidget(box)
            else:
                line = label("", "monitorValue", wrap=True)
                self.lines[item.key] = line
                self.items.addWidget(line)
        self.form.addRow(self.items)
        self.escort = QLineEdit(self.state.escort_name)
        self.escort.setPlaceholderText(self.tr("Who takes them home"))
        self.escort.editingFinished.connect(self._escort)
        self.form.addRow(self.tr("Escort"), self.escort)
        suggested = self.state.would_have_been_ready_at or self.state.suggested_ready_at or feed.ctx.clock.now()
        self.ready_at = time_field(suggested)
        self.ready_button = QPushButton(self.tr("Record"))
        self.ready_button.setProperty("kind", "quiet")
        self.ready_button.clicked.connect(self._ready_at)
        ready = QHBoxLayout()
        ready.addWidget(self.ready_at)
        ready.addWidget(self.ready_button)
        ready.addStretch(1)
        self.form.addRow(self.tr("Would have been ready at"), ready)
        self.reasons = label("", "holdReasons", wrap=True)
        self.override = QPlainTextEdit()
        self.override.setPlaceholderText(self.tr("Why discharge before every item holds (recorded with your name)"))
        self.override.setFixedHeight(72)
        self.override.hide()
        self.monitor_note = label(self.tr(MONITOR_SENTENCE), "muted", wrap=True)
        self.monitor_note.hide()
        for widget in (self.reasons, self.override, self.monitor_note):
            self.extra.addWidget(widget)
        self.save_button.setText(self.tr("Discharge"))
        self._show(self.state)

    def _show(self, state: DischargeState) -> None:
        self.state = state
        for item in state.items:
            if item.key in self.boxes:
                self.boxes[item.key].setChecked(item.holds)
            elif item.key in self.lines:
                mark = "\u2713" if item.holds else "\u2013"
                name = label_text(item.key, item.label)
                why = "" if item.holds else f": {discharge_reason(item.reason)}"
                set_text(self.lines[item.key], f"{mark}  {name}{why}")
        if state.ready:
            set_text(self.reasons, self.tr("Ready for discharge."))
            self.reasons.setProperty("role", "monitorValue")
        else:
            set_text(self.reasons, self._not_ready(state.reasons))
            self.reasons.setProperty("role", "holdReasons")
        self.reasons.style().polish(self.reasons)

    def _not_ready(self, reasons: tuple[str, ...]) -> str:
        return self.tr("Not ready: {reasons}").format(reasons=" ".join(discharge_reason(r) for r in reasons))

    def _change(self, fn: Callable[..., DischargeState], *args: Any, **kwargs: Any) -> bool:
        try:
            state = self.feed.ctx.store.run(fn, self.session_id, self.card.participant_id, *args, **kwargs)
        except UserError as exc:
            self.refuse(str(exc))
            self._show(self.state)
            return False
        self.refuse("")
        self._show(state)
        return True

    def _escort(self) -> None:
        if self.escort.text().strip() != self.state.escort_name:
            self._change(set_escort, self.escort.text(), self.feed.ctx.clock)

    def _ready_at(self) -> None:
        clock = self.feed.ctx.clock
        self._change(set_would_have_been_ready_at, clock, moment(self.ready_at, clock.now()))

    def save(self) -> None:
        self._escort()
        reason = self.override.toPlainText().strip() if not self.override.isHidden() else ""
        try:
            self.feed.ctx.store.run(discharge_participant, self.session_id, self.card.participant_id,
                                    self.feed.ctx.clock, override_reason=reason)
        except NotReadyForDischarge as refused:
            set_text(self.reasons, self._not_ready(refused.reasons))
            if self.feed.can_override:
                self.override.show()
                self.override.setFocus()
                self.save_button.setText(self.tr("Discharge with override"))
            else:
                self.monitor_note.show()
            self.refuse("")
            return
        except UserError as exc:
            self.refuse(str(exc))
            return
        self.done_saving()
