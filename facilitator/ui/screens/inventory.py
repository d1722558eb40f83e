"""Inventory: controlled-substance lots, receipts, witnessed waste, counts, corrections and session reconciliation."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.inventory import (
    CountResult,
    LotRow,
    StockSessionRow,
    last_activity,
    list_lots,
    lot_history,
    stock_sessions,
)
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs import stock_dialogs as dialogs
from facilitator.ui.dialogs.lot_history import LotHistoryDialog, entry_text
from facilitator.ui.dialogs.pdf_preview import PdfPreviewDialog
from facilitator.ui.screens.inventory_model import COL_ACTIVITY, COL_FORM, LotsTableModel, lots_proxy, units
from facilitator.ui.screens.inventory_print import PrintLogDialog, StockPrinter
from facilitator.ui.screens.reconciliation_view import ReconciliationView
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import Page, card, label

OPEN_SHOWN = 4


class InventoryScreen(Page):
    """Stock on hand and the sessions whose stock is still to reconcile; a reconciliation opens in place."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Inventory", "Controlled-substance stock: every milligram received, given, wasted and "
                         "counted, in an append-only log.", parent, max_width=1180)
        self.ctx = ctx
        self.printer = StockPrinter(ctx, self)
        self.destroyed.connect(partial(_remove_folder, self.printer))
        self.preview: PdfPreviewDialog | None = None
        self.receive_button = QPushButton("Receive a lot")
        self.receive_button.setProperty("kind", "primary")
        self.print_button = QPushButton("Print log…")
        self.header_right.addWidget(self.print_button)
        self.header_right.addWidget(self.receive_button)
        self.message = label("", "muted", wrap=True)
        self.message.hide()
        self.body.addWidget(self.message)

        self.stack = QStackedWidget()
        self.body.addWidget(self.stack)
        self.stock = QWidget()
        self.stack.addWidget(self.stock)
        self.reconciliation = ReconciliationView(ctx)
        self.stack.addWidget(self.reconciliation)
        column = QVBoxLayout(self.stock)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)

        self.sessions_title = label("Sessions to reconcile", "section")
        self.sessions_card = card()
        self.sessions_list = QVBoxLayout(self.sessions_card)
        self.sessions_list.setContentsMargins(20, 12, 20, 12)
        column.addWidget(self.sessions_title)
        column.addWidget(self.sessions_card)

        self.lots_title = label("Lots in stock", "section")
        self.show_empty = QCheckBox("Show used-up lots")
        top = QHBoxLayout()
        top.addWidget(self.lots_title)
        top.addStretch(1)
        top.addWidget(self.show_empty)
        column.addSpacing(8)
        column.addLayout(top)
        actions = QHBoxLayout()
        self.lot_buttons: dict[str, QPushButton] = {}
        for key, text in (("more", "Receive more…"), ("waste", "Record waste…"), ("count", "Record a count…"),
                          ("correct", "Correction…"), ("history", "History")):
            button = QPushButton(text)
            self.lot_buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        column.addLayout(actions)

        self.model = LotsTableModel()
        self.proxy = lots_proxy(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        # No sort column at first: the service's order (soonest expiry first, the lot to use next) stands.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FORM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ACTIVITY, QHeaderView.ResizeMode.ResizeToContents)
        column.addWidget(self.table)
        self.empty = EmptyState("inventory", "No stock yet",
                                "Receive the first lot when a delivery arrives: its lot number, expiry and quantity "
                                "start the log every dose and waste is counted against.",
                                action="Receive the first lot")
        column.addWidget(self.empty)
        column.addStretch(1)  # the stack is as tall as the reconciliation view; spare room goes below

        self.receive_button.clicked.connect(self.receive_lot)
        assert self.empty.action is not None
        self.empty.action.clicked.connect(self.receive_lot)
        self.print_button.clicked.connect(self.print_log)
        self.show_empty.toggled.connect(self.reload)
        self.lot_buttons["more"].clicked.connect(self.receive_more)
        self.lot_buttons["waste"].clicked.connect(self.record_waste)
        self.lot_buttons["count"].clicked.connect(self.record_count)
        self.lot_buttons["correct"].clicked.connect(lambda: self.correct())
        self.lot_buttons["history"].clicked.connect(self.show_history)
        self.table.doubleClicked.connect(self.show_history)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.reconciliation.back.connect(self.show_stock)
        self.reconciliation.signed.connect(self.reload)
        self.reconciliation.print_requested.connect(self.print_sheet)

    # --- loading

    def activated(self) -> None:
        self.reload()

    def reload(self) -> None:
        now = self.ctx.clock.now()
        selected = self.selected_lot()
        lots = self.ctx.store.run(list_lots, include_empty=self.show_empty.isChecked(), clock=self.ctx.clock)
        self.model.set_rows(lots, self.ctx.store.run(last_activity), now)
        self.select_lot(selected.id if selected else (lots[0].id if lots else None))
        has_lots = bool(lots) or self.show_empty.isChecked()
        self.table.setVisible(has_lots)
        self.empty.setVisible(not has_lots)
        for button in self.lot_buttons.values():
            button.setVisible(has_lots)
        self.show_empty.setVisible(has_lots)
        self._fit_table()
        self._fill_sessions(self.ctx.store.run(stock_sessions, limit=None, open_only=True))
        self._enable()

    def _fit_table(self) -> None:
        """As tall as its rows (a few lots leave no empty box), scrolling past about twelve."""
        rows = self.proxy.rowCount()
        row_height = self.table.verticalHeader().defaultSectionSize()
        height = self.table.horizontalHeader().sizeHint().height() + rows * row_height + 6
        self.table.setFixedHeight(max(120, min(height, 12 * row_height + 60)))

    def _fill_sessions(self, rows: list[StockSessionRow]) -> None:
        _clear(self.sessions_list)
        now = self.ctx.clock.now()
        if not rows:
            self.sessions_list.addWidget(label("Every session that used stock is reconciled.", "muted"))
        for row in rows[:OPEN_SHOWN]:
            line = QHBoxLayout()
            when = f"{fmt.day_label(row.scheduled_start, now)}, {fmt.time_of_day(row.scheduled_start)}"
            line.addWidget(label(f"{when} · {row.title} · {fmt.count(row.doses, 'dose')}"), 1)
            button = QPushButton("Reconcile")
            button.setAccessibleName(f"Reconcile the session of {when}")
            button.clicked.connect(partial(self.open_reconciliation, row.session_id))
            line.addWidget(button)
            self.sessions_list.addLayout(line)
        if len(rows) > OPEN_SHOWN:
            self.sessions_list.addWidget(label(f"and {len(rows) - OPEN_SHOWN} older sessions.", "muted"))
        self.sessions_title.setText("Sessions to reconcile" + (f" ({len(rows)})" if rows else ""))

    def selected_lot(self) -> LotRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.lot_at(self.proxy.mapToSource(rows[0]).row())

    def select_lot(self, lot_id: int | None) -> None:
        for row in range(self.model.rowCount()):
            if self.model.lot_at(row).id == lot_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def _enable(self, *_args: object) -> None:
        lot = self.selected_lot()
        for key, button in self.lot_buttons.items():
            button.setEnabled(lot is not None and (key in ("history", "correct") or not lot.expired or key == "waste"
                                                   or key == "count"))

    def say(self, text: str, role: str = "muted") -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    # --- actions

    def _run(self, dialog: dialogs.StockDialog) -> object | None:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.ctx.dataChanged.emit()
        self.reload()
        value: object | None = dialog.result_value
        return value

    def receive_lot(self) -> None:
        lot = self._run(dialogs.ReceiveLotDialog(self.ctx, self))
        if isinstance(lot, LotRow):
            self.select_lot(lot.id)
            self.say(f"Received {units(lot.received, lot.unit)} of lot {lot.lot_number}.")

    def receive_more(self) -> None:
        lot = self.selected_lot()
        if lot and isinstance(done := self._run(dialogs.ReceiveMoreDialog(self.ctx, lot, self)), LotRow):
            self.say(f"Lot {lot.lot_number} now holds {units(done.balance, lot.unit)}.")

    def record_waste(self) -> None:
        lot = self.selected_lot()
        if lot and (done := self._run(dialogs.WasteDialog(self.ctx, lot, self))) is not None:
            self.say(f"Waste recorded; lot {lot.lot_number} holds {units(done.balance, lot.unit)}.")  # type: ignore[attr-defined]

    def record_count(self) -> None:
        lot = self.selected_lot()
        if lot is None:
            return
        done = self._run(dialogs.CountDialog(self.ctx, lot, self))
        if isinstance(done, CountResult):
            if done.flagged:
                sign = "+" if done.difference > 0 else "−"
                self.say(f"The count of lot {lot.lot_number} differs from the log by {sign}"
                         f"{units(abs(done.difference), lot.unit)} (found {units(done.counted, lot.unit)}, the log "
                         f"says {units(done.expected, lot.unit)}). Find out why, then record a correction with the "
                         "reason.", "flag")
            else:
                self.say(f"The count of lot {lot.lot_number} matches the log: {units(done.counted, lot.unit)}.", "ok")

    def correct(self, entry_id: int | None = None) -> None:
        lot = self.selected_lot()
        if lot is None:
            return
        log = self.ctx.store.run(lot_history, lot.id, clock=self.ctx.clock)
        entries = [(line.entry_id, entry_text(line, lot.unit)) for line in reversed(log.lines)]
        latest_count = next((ln for ln in reversed(log.lines) if ln.kind == "count"), None)
        if entry_id is None and latest_count is not None and latest_count.difference:
            entry_id = latest_count.entry_id
        change = None
        chosen = next((ln for ln in log.lines if ln.entry_id == entry_id), None)
        if chosen is not None and chosen.kind == "count" and chosen.difference:
            change = chosen.difference  # adjusting the books to the shelf
        done = self._run(dialogs.CorrectionDialog(self.ctx, lot, entries, entry_id=entry_id, change=change,
                                                  parent=self))
        if done is not None:
            self.say(f"Correction recorded; lot {lot.lot_number} holds {units(done.balance, lot.unit)}.")  # type: ignore[attr-defined]

    def show_history(self, *_args: object) -> None:
        lot = self.selected_lot()
        if lot is None:
            return
        dialog = LotHistoryDialog(self.ctx, lot.id, parent=self)

        def correct(entry_id: int | None) -> None:
            dialog.accept()
            self.correct(entry_id)

        dialog.correct_button.setEnabled(True)
        dialog.correct_button.clicked.connect(lambda: correct(dialog.selected_entry()))
        dialog.exec()

    # --- reconciliation and printing

    def open_reconciliation(self, session_id: int) -> None:
        self.say("")
        self.reconciliation.load(session_id)
        self.stack.setCurrentWidget(self.reconciliation)

    def show_stock(self) -> None:
        self.stack.setCurrentWidget(self.stock)
        self.reload()

    def print_log(self) -> None:
        lots = self.ctx.store.run(list_lots, include_empty=True, clock=self.ctx.clock)
        selected = self.selected_lot()
        dialog = PrintLogDialog(self.ctx, lots, selected.id if selected else None, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return
        start, end, lot_id = dialog.choice
        self.say("Preparing the dispensing log…")
        self.printer.dispensing_log(start, end, lot_id, partial(self.show_pdf, "Dispensing log"), self._failed)

    def print_sheet(self, session_id: int) -> None:
        self.say("Preparing the reconciliation sheet…")
        self.printer.reconciliation_sheet(session_id, partial(self.show_pdf, "Reconciliation sheet"), self._failed)

    def _failed(self, sentence: str) -> None:
        self.say(f"The document could not be made: {sentence}", "error")

    def show_pdf(self, title: str, path: Path) -> None:
        self.say("")
        if self.preview is not None:
            self.preview.close()
        self.preview = PdfPreviewDialog(path, title, path.name, parent=self)
        self.preview.show()


def _clear(layout: QLayout) -> None:
    """Remove every widget and nested layout (the session rows are rebuilt on each reload)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        inner = item.layout() if item is not None else None
        if widget is not None:
            widget.deleteLater()
        elif inner is not None:
            _clear(inner)


def _remove_folder(printer: StockPrinter, *_args: object) -> None:
    try:
        printer.cleanup()
    except RuntimeError:  # the printer object went first; its folder path is gone with it
        pass


def create(ctx: AppContext) -> QWidget:
    return InventoryScreen(ctx)
