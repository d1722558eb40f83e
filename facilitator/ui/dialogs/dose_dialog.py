"""The Dose dialog: medication, route, mg, time (now, editable), lot, booster; a hold asks a clinician's reason."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QPlainTextEdit, QWidget

from facilitator.domain.enums import Route
from facilitator.errors import UserError
from facilitator.services.monitoring import DoseOnHold, MonitoringCard, record_dose
from facilitator.ui.dialogs.monitoring_base import MonitoringDialog, moment, time_field
from facilitator.ui.i18n import QT_TRANSLATE_NOOP
from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.vitals_words import reasons_text
from facilitator.ui.widgets.page import label

MONITOR_SENTENCE = QT_TRANSLATE_NOOP("DoseDialog", "A clinician must override this hold: ask one to sign in here, "
                                                  "or wait and recheck the vitals.")
ROUTES = {"sublingual": QT_TRANSLATE_NOOP("DoseDialog", "Sublingual"),
          "intramuscular": QT_TRANSLATE_NOOP("DoseDialog", "Intramuscular"),
          "intravenous": QT_TRANSLATE_NOOP("DoseDialog", "Intravenous"),
          "intranasal": QT_TRANSLATE_NOOP("DoseDialog", "Intranasal"), "oral": QT_TRANSLATE_NOOP("DoseDialog", "Oral")}


class DoseDialog(MonitoringDialog):
    def __init__(self, feed: MonitoringFeed, card: MonitoringCard, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Record a dose"), feed, card, parent)
        last = card.doses[-1] if card.doses else None
        self.medication = QLineEdit(last.medication if last else "ketamine")
        self.route = QComboBox()
        for route in Route:
            self.route.addItem(self.tr(ROUTES[route.value]) if route.value in ROUTES else route.value.capitalize(),
                               route.value)
        if last is not None:
            self.route.setCurrentIndex(max(0, self.route.findData(last.route)))
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1000)
        self.amount.setDecimals(1)
        self.amount.setSuffix(" mg")
        self.amount.setValue(last.amount_mg if last else 0)
        self.given_at = time_field(feed.ctx.clock.now())
        self.lot = QLineEdit(last.lot_number if last else "")
        self.booster = QCheckBox(self.tr("This is a booster"))
        self.booster.setChecked(last is not None)
        for text, field in ((self.tr("Medication"), self.medication), (self.tr("Route"), self.route),
                            (self.tr("Amount"), self.amount), (self.tr("Given at"), self.given_at),
                            (self.tr("Lot number"), self.lot), ("", self.booster)):
            self.form.addRow(text, field)
        self.hold = label("", "holdReasons", wrap=True)
        self.hold.hide()
        self.override = QPlainTextEdit()
        self.override.setPlaceholderText(self.tr("Why dose over the hold (recorded with your name)"))
        self.override.setFixedHeight(72)
        self.override.hide()
        self.monitor_note = label(self.tr(MONITOR_SENTENCE), "muted", wrap=True)
        self.monitor_note.hide()
        for widget in (self.hold, self.override, self.monitor_note):
            self.extra.addWidget(widget)
        self.amount.setFocus()

    def save(self) -> None:
        reason = self.override.toPlainText().strip() if not self.override.isHidden() else ""
        try:
            result = self.feed.ctx.store.run(
                record_dose, self.session_id, self.card.participant_id, self.feed.ctx.clock,
                amount_mg=self.amount.value(), route=self.route.currentData(), medication=self.medication.text(),
                given_at=moment(self.given_at, self.feed.ctx.clock.now()), lot_number=self.lot.text().strip(),
                booster=self.booster.isChecked(), override_reason=reason)
        except DoseOnHold as held:
            self._held(held.reasons)
            return
        except UserError as exc:
            self.refuse(str(exc))
            return
        self.warnings = result.warnings
        self.done_saving()

    def _held(self, reasons: tuple[str, ...]) -> None:
        self.hold.setText(self.tr("On hold: {reasons}").format(reasons=reasons_text(reasons)))
        self.hold.show()
        if self.feed.can_override:
            self.override.show()
            self.override.setFocus()
            self.refuse("" if not self.override.toPlainText().strip() else self.tr("The override was not accepted."))
            self.save_button.setText(self.tr("Dose with override"))
        else:
            self.monitor_note.show()
            self.save_button.setEnabled(False)
            self.refuse("")
