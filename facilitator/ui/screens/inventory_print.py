"""Stock documents for the Inventory screen: the PDFs are written off the UI thread into a private folder."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from facilitator.reports.dispensing_log import write_dispensing_log
from facilitator.reports.reconciliation_sheet import write_reconciliation_sheet
from facilitator.services.inventory import LotRow
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs.account_dialogs import FormDialog
from facilitator.ui.widgets.page import label
from facilitator.ui.workers import Task


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class PrintLogDialog(FormDialog):
    """Choose the period and the lot of a dispensing log; :attr:`choice` holds (start, end, lot id or None)."""

    def __init__(self, ctx: AppContext, lots: list[LotRow], selected: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__("Print the dispensing log", parent)
        today = ctx.clock.now().astimezone().date()
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.start.setDate(QDate(today.year, today.month, 1).addMonths(-2))
        self.end.setDate(QDate(today.year, today.month, today.day))
        self.lot = QComboBox()
        self.lot.addItem("Every lot used in the period", None)
        for lot in lots:
            self.lot.addItem(lot.label, lot.id)
        if selected is not None:
            self.lot.setCurrentIndex(max(0, self.lot.findData(selected)))
        self.form.addRow(label("From"), self.start)
        self.form.addRow(label("To"), self.end)
        self.form.addRow(label("Lot"), self.lot)
        self.choice: tuple[date, date, int | None] | None = None

    def apply(self) -> None:
        from facilitator.errors import UserError

        if _day(self.end) < _day(self.start):
            raise UserError("The period ends before it starts.")
        self.choice = (_day(self.start), _day(self.end), self.lot.currentData())


class StockPrinter(QObject):
    """Writes stock PDFs on the thread pool into one private folder, removed by :meth:`cleanup`.

    Signals come from each :class:`Task`; ``done(path)`` and ``failed(sentence)`` are called on the UI thread.
    """

    def __init__(self, ctx: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder: Path | None = None
        self.tasks: list[Task] = []

    def _target(self, name: str) -> Path:
        if self.folder is None:
            # Private to this user (mkdtemp makes it 0700): the documents name participants.
            self.folder = Path(tempfile.mkdtemp(prefix="facilitator-stock-"))
        return self.folder / name

    def dispensing_log(self, start: date, end: date, lot_id: int | None, done: Callable[[Path], Any],
                       failed: Callable[[str], Any]) -> Task:
        target = self._target(f"dispensing-log-{start.isoformat()}-to-{end.isoformat()}.pdf")
        store, clock = self.ctx.store, self.ctx.clock

        def work(progress: object = None) -> Path:  # pool thread
            store.run(write_dispensing_log, target, start=start, end=end, lot_id=lot_id, clock=clock)
            return target

        return self._start(work, done, failed)

    def reconciliation_sheet(self, session_id: int, done: Callable[[Path], Any],
                             failed: Callable[[str], Any]) -> Task:
        target = self._target(f"reconciliation-session-{session_id}.pdf")
        store, clock = self.ctx.store, self.ctx.clock

        def work(progress: object = None) -> Path:  # pool thread
            store.run(write_reconciliation_sheet, session_id, target, clock=clock)
            return target

        return self._start(work, done, failed)

    def _start(self, work: Callable[..., Path], done: Callable[[Path], Any], failed: Callable[[str], Any]) -> Task:
        task = Task(work, parent=self)
        task.succeeded.connect(done)
        task.failed.connect(failed)
        task.succeeded.connect(lambda _r: self._forget(task))
        task.failed.connect(lambda _r: self._forget(task))
        self.tasks.append(task)
        task.start()
        return task

    def _forget(self, task: Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)

    def cleanup(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
