"""One session's stock reconciliation: per lot drawn, given, wasted, expected and counted, and the sign-off."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.errors import UserError
from facilitator.services.inventory import SessionReconciliation, session_reconciliation, sign_reconciliation
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs.stock_dialogs import amount_of
from facilitator.ui.screens.inventory_model import number, units
from facilitator.ui.widgets.page import card, label
from facilitator.ui.widgets.witness_field import WitnessField

LOT_HEADERS = ("Lot", "Before", "Drawn", "Given", "Wasted", "Expected", "Counted", "Difference")


def _signed(value: Decimal, unit: str) -> str:
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + units(abs(value), unit)


class ReconciliationView(QWidget):
    """Loads a session, previews the figures as counts are typed, and signs.

    Signals:
        back(): the person is done here.
        signed(): the reconciliation was signed (the screen reloads its lists).
        print_requested(int): the session id whose sheet should be printed.
    """

    back = Signal()
    signed = Signal()
    print_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rec: SessionReconciliation | None = None
        self.count_edits: dict[int, QLineEdit] = {}
        self.title = label("", "section")
        self.when = label("", "muted")
        self.back_button = QPushButton("Back to stock")
        self.back_button.setProperty("kind", "link")
        self.print_button = QPushButton("Print reconciliation sheet")
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.when)
        top.addLayout(heading, 1)
        top.addWidget(self.back_button)
        top.addWidget(self.print_button)

        self.lots_card = card()
        self.grid = QGridLayout(self.lots_card)
        self.grid.setContentsMargins(20, 16, 20, 16)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(10)
        self.doses = label("", "muted", wrap=True)
        self.status = label("", "muted", wrap=True)
        self.status.setObjectName("reconciliationStatus")
        self.explanation = QPlainTextEdit()
        self.explanation.setPlaceholderText("What happened, in writing: needed to sign when anything does not add up")
        self.explanation.setFixedHeight(90)
        self.explanation.setTabChangesFocus(True)
        self.witness = WitnessField(ctx, required=False)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        self.sign_button = QPushButton("Sign the reconciliation")
        self.sign_button.setProperty("kind", "primary")
        self.signoff = label("", "muted", wrap=True)

        self.form = QWidget()
        self.form.setMaximumWidth(720)
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(10)
        form.addWidget(label("Explanation", "section"))
        form.addWidget(self.explanation)
        form.addWidget(label("Counted with (optional)", "section"))
        form.addWidget(self.witness)
        form.addWidget(self.error)
        form.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.lots_card)
        layout.addWidget(self.status)
        layout.addWidget(self.doses)
        layout.addWidget(self.signoff)
        layout.addWidget(self.form)
        self.back_button.clicked.connect(self.back)
        self.print_button.clicked.connect(lambda: self.rec and self.print_requested.emit(self.rec.session_id))
        self.sign_button.clicked.connect(self.sign)

    def load(self, session_id: int) -> None:
        self.error.hide()
        self.explanation.clear()
        self.rec = self.ctx.store.run(session_reconciliation, session_id)
        self._build_grid()
        self._refresh()

    def counts(self) -> dict[int, Decimal]:
        """The counts typed so far (lot id → units); a field not yet filled is left out."""
        found = {}
        for lot_id, edit in self.count_edits.items():
            if edit.text().strip():
                try:
                    found[lot_id] = amount_of(edit, "count")
                except UserError:
                    continue
        return found

    def _build_grid(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.count_edits = {}
        for col, text in enumerate(LOT_HEADERS):
            head = label(text, "muted")
            self.grid.addWidget(head, 0, col, Qt.AlignmentFlag.AlignRight if col else Qt.AlignmentFlag.AlignLeft)
        assert self.rec is not None
        signed = self.rec.signoff is not None
        for row, line in enumerate(self.rec.lots, start=1):
            self.grid.addWidget(label(line.lot.label, wrap=True), row, 0)
            edit = QLineEdit()
            edit.setPlaceholderText("count")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setFixedWidth(110)
            edit.setAccessibleName(f"Count of lot {line.lot.lot_number}")
            if line.figures.counted is not None:
                edit.setText(number(line.figures.counted))
            edit.setReadOnly(signed)
            edit.textChanged.connect(self._refresh)
            self.count_edits[line.lot.id] = edit
            self.grid.addWidget(edit, row, 6, Qt.AlignmentFlag.AlignRight)
        self.grid.setColumnStretch(0, 1)

    def _refresh(self) -> None:
        assert self.rec is not None
        if self.rec.signoff is None:
            self.rec = self.ctx.store.run(session_reconciliation, self.rec.session_id, counts=self.counts())
        rec = self.rec
        self.title.setText(rec.title)
        self.when.setText(f"{fmt.long_date(rec.scheduled_start)}, {fmt.time_of_day(rec.scheduled_start)}"
                          + (f" · {rec.location}" if rec.location else ""))
        for row, line in enumerate(rec.lots, start=1):
            f, unit = line.figures, line.lot.unit
            cells = (units(f.opening, unit), units(f.drawn, unit), units(f.given, unit), units(f.wasted, unit),
                     units(f.expected, unit))
            for col, text in enumerate(cells, start=1):
                self._cell(row, col, text, "")
            diff = "—" if f.counted is None and f.dose_difference == 0 else _signed(f.discrepancy, unit)
            self._cell(row, 7, diff, "flag" if f.flagged else "")
        self.doses.setText(self._doses_text(rec))
        self._status(rec)

    def _cell(self, row: int, col: int, text: str, role: str) -> None:
        item = self.grid.itemAtPosition(row, col)
        cell = item.widget() if item else None
        if cell is None:
            cell = label()
            cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(cell, row, col)
        cell.setText(text)  # type: ignore[attr-defined]
        if cell.property("role") != (role or None):
            cell.setProperty("role", role or None)
            cell.style().polish(cell)

    @staticmethod
    def _doses_text(rec: SessionReconciliation) -> str:
        n = len(rec.doses)
        wasted = sum(1 for d in rec.doses if d.waste_units)
        text = f"{fmt.count(n, 'dose')} in this session"
        if wasted:
            text += f", {wasted} with a remainder destroyed in front of a witness"
        missing = len(rec.not_in_log)
        if missing:
            text += f". {fmt.count(missing, 'dose')} not in the stock log yet: dispense each from its lot first"
        return text + "."

    def _status(self, rec: SessionReconciliation) -> None:
        signed = rec.signoff is not None
        self.form.setVisible(not signed)
        self.signoff.setVisible(signed)
        if signed:
            s = rec.signoff
            assert s is not None
            text = f"Signed by {s.signature} on {fmt.long_date(s.signed_at)} at {fmt.time_of_day(s.signed_at)}"
            text += f", counted with {s.witness_signature}." if s.witness_signature else "."
            if s.explanation:
                text += f" Explanation: {s.explanation}"
            self.signoff.setText(text)
        if rec.flagged:
            lines = [ln for ln in rec.lots if ln.figures.flagged]
            parts = [f"lot {ln.lot.lot_number} differs by {_signed(ln.figures.discrepancy, ln.lot.unit)}"
                     for ln in lines]
            message = "Discrepancy: " + "; ".join(parts) + "."
            message += " It is printed on the sheet." if signed else " Explain it in writing to sign."
            self._set_status(message, "flag")
        elif signed:
            self._set_status("Reconciled: every lot balances.", "ok")
        elif rec.counted and rec.lots:
            self._set_status("Everything adds up: no discrepancy. Ready to sign.", "ok")
        else:
            self._set_status("Count each lot on the shelf and type the number found.", "muted")

    def _set_status(self, text: str, role: str) -> None:
        self.status.setText(text)
        self.status.setProperty("role", role)
        self.status.style().polish(self.status)

    def sign(self) -> None:
        assert self.rec is not None
        self.error.hide()
        try:
            counts = {}
            for line in self.rec.lots:
                edit = self.count_edits[line.lot.id]
                if not edit.text().strip():
                    edit.setFocus()
                    raise UserError(f"Count lot {line.lot.lot_number} before signing.")
                counts[line.lot.id] = amount_of(edit, f"count of lot {line.lot.lot_number}")
            witness = self.witness.resolve()
            self.rec = self.ctx.store.run(sign_reconciliation, self.rec.session_id, counts,
                                          explanation=self.explanation.toPlainText(), witness=witness,
                                          clock=self.ctx.clock)
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self._build_grid()
        self._refresh()
        self.ctx.dataChanged.emit()
        self.signed.emit()
