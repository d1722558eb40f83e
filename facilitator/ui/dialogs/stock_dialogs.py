"""Stock dialogs: receive a lot or more of one, witnessed waste, a shelf count, and a correction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from facilitator.errors import UserError
from facilitator.services.inventory import (
    LotRow,
    receive_lot,
    receive_more,
    record_correction,
    record_count,
    record_waste,
)
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs.account_dialogs import FormDialog
from facilitator.ui.screens.inventory_model import units
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.witness_field import WitnessField

FORMS = (("rapid-dissolve tablet", "tablet"), ("troche", "tablet"), ("vial", "mL"))


def amount_of(field: QLineEdit, what: str) -> Decimal:
    """The number typed in ``field``, or one sentence naming the field."""
    text = field.text().strip().replace(",", ".")
    if not text:
        field.setFocus()
        raise UserError(f"Enter the {what}.")
    try:
        value = Decimal(text)
    except InvalidOperation:
        field.setFocus()
        raise UserError(f"The {what} must be a number, such as 12 or 0.5.") from None
    if not value.is_finite():
        raise UserError(f"The {what} must be a number, such as 12 or 0.5.")
    return value


def notes_field(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(72)
    return edit


class StockDialog(FormDialog):
    """A stock form: the result of the service call is kept in :attr:`result_value`."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.ctx = ctx
        self.setMinimumWidth(560)
        self.result_value: Any = None


class ReceiveLotDialog(StockDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Receive a lot", parent)
        self.medication = QLineEdit("ketamine")
        self.form_choice = QComboBox()
        self.form_choice.setEditable(True)
        for form, unit in FORMS:
            self.form_choice.addItem(form, unit)
        self.unit = QComboBox()
        self.unit.addItem("tablets", "tablet")
        self.unit.addItem("mL", "mL")
        self.form_choice.currentIndexChanged.connect(self._unit_for_form)
        self.strength = QLineEdit()
        self.strength.setPlaceholderText("mg per tablet, or per mL")
        self.lot_number = QLineEdit()
        self.expiry = QDateEdit()
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        today = ctx.clock.now().astimezone().date()
        self.expiry.setDate(QDate(today.year + 1, today.month, 1))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText("whole tablets, or mL")
        self.supplier = QLineEdit()
        self.witness = WitnessField(ctx, required=False)
        for text, widget in (("Medication", self.medication), ("Form", self.form_choice), ("Counted in", self.unit),
                             ("Strength (mg)", self.strength), ("Lot number", self.lot_number),
                             ("Expiry", self.expiry), ("Quantity", self.quantity), ("Supplier", self.supplier),
                             ("Checked in with", self.witness)):
            self.form.addRow(label(text), widget)

    def _unit_for_form(self) -> None:
        unit = self.form_choice.currentData()
        if unit:
            self.unit.setCurrentIndex(self.unit.findData(unit))

    def apply(self) -> None:
        strength = amount_of(self.strength, "strength in mg")
        quantity = amount_of(self.quantity, "quantity received")
        if not self.lot_number.text().strip():
            self.lot_number.setFocus()
            raise UserError("Enter the lot number printed on the delivery.")
        d = self.expiry.date()
        witness = self.witness.resolve()
        self.result_value = self.ctx.store.run(
            receive_lot, form=self.form_choice.currentText(), strength_mg=strength, unit=self.unit.currentData(),
            lot_number=self.lot_number.text(), expiry=date(d.year(), d.month(), d.day()), quantity=quantity,
            supplier=self.supplier.text(), medication=self.medication.text(), witness=witness, clock=self.ctx.clock)


class ReceiveMoreDialog(StockDialog):
    def __init__(self, ctx: AppContext, lot: LotRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Receive more of this lot", parent)
        self.lot = lot
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(f"in {lot.unit}s" if lot.unit == "tablet" else "in mL")
        self.witness = WitnessField(ctx, required=False)
        self.form.addRow(label("Lot"), label(lot.label, "muted", wrap=True))
        self.form.addRow(label("Quantity"), self.quantity)
        self.form.addRow(label("Checked in with"), self.witness)

    def apply(self) -> None:
        quantity = amount_of(self.quantity, "quantity received")
        self.result_value = self.ctx.store.run(receive_more, self.lot.id, quantity, witness=self.witness.resolve(),
                                               clock=self.ctx.clock)


class WasteDialog(StockDialog):
    """Destroy stock outside a dose, in front of a witness (required)."""

    def __init__(self, ctx: AppContext, lot: LotRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Record waste", parent)
        self.lot = lot
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(f"on hand: {units(lot.balance, lot.unit)}")
        self.reason = notes_field("a dropped tablet, an expired lot destroyed…")
        self.witness = WitnessField(ctx, required=True)
        self.form.addRow(label("Lot"), label(lot.label, "muted", wrap=True))
        self.form.addRow(label("Amount destroyed"), self.quantity)
        self.form.addRow(label("Reason"), self.reason)
        self.form.addRow(label("Witness"), self.witness)

    def apply(self) -> None:
        quantity = amount_of(self.quantity, "amount destroyed")
        witness = self.witness.resolve()
        self.result_value = self.ctx.store.run(record_waste, self.lot.id, quantity, witness=witness,
                                               reason=self.reason.toPlainText(), clock=self.ctx.clock)


class CountDialog(StockDialog):
    """A shelf count; a difference from the log is shown before the dialog closes."""

    def __init__(self, ctx: AppContext, lot: LotRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Record a count", parent)
        self.lot = lot
        self.counted = QLineEdit()
        self.counted.setPlaceholderText(f"in {lot.unit}s" if lot.unit == "tablet" else "in mL")
        self.note = notes_field("periodic count, biennial inventory…")
        self.witness = WitnessField(ctx, required=False)
        self.form.addRow(label("Lot"), label(lot.label, "muted", wrap=True))
        self.form.addRow(label("Found on the shelf"), self.counted)
        self.form.addRow(label("Note"), self.note)
        self.form.addRow(label("Counted with"), self.witness)

    def apply(self) -> None:
        counted = amount_of(self.counted, "number found on the shelf")
        self.result_value = self.ctx.store.run(record_count, self.lot.id, counted, witness=self.witness.resolve(),
                                               note=self.note.toPlainText(), clock=self.ctx.clock)


class CorrectionDialog(StockDialog):
    """A signed change that references the entry it corrects; the reason is required."""

    def __init__(self, ctx: AppContext, lot: LotRow, entries: list[tuple[int, str]], *, entry_id: int | None = None,
                 change: Decimal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Record a correction", parent)
        self.lot = lot
        self.entry = QComboBox()
        for eid, text in entries:
            self.entry.addItem(text, eid)
        if entry_id is not None:
            self.entry.setCurrentIndex(max(0, self.entry.findData(entry_id)))
        self.change = QLineEdit("" if change is None else format(change.normalize(), "f"))
        self.change.setPlaceholderText("+1 adds to the balance, −1 takes away")
        self.reason = notes_field("why, in writing: kept in the log and printed")
        self.witness = WitnessField(ctx, required=False)
        self.form.addRow(label("Lot"), label(lot.label, "muted", wrap=True))
        self.form.addRow(label("Corrects entry"), self.entry)
        self.form.addRow(label("Change to balance"), self.change)
        self.form.addRow(label("Reason"), self.reason)
        self.form.addRow(label("Witness"), self.witness)

    def apply(self) -> None:
        if self.entry.currentData() is None:
            raise UserError("Choose the entry this correction fixes.")
        self.change.setText(self.change.text().replace("−", "-"))
        change = amount_of(self.change, "change to the balance")
        if not self.reason.toPlainText().strip():
            self.reason.setFocus()
            raise UserError("A correction needs its reason in writing.")
        self.result_value = self.ctx.store.run(record_correction, int(self.entry.currentData()), change,
                                               reason=self.reason.toPlainText(), witness=self.witness.resolve(),
                                               clock=self.ctx.clock)
