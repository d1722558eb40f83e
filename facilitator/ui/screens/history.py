"""History: every past session, newest first, filtered by group, participant, dates and protocol.

Pages of 50 load off the UI thread: the first when the screen shows or a filter changes, the next
when the list is scrolled near its end. Opening a row shows the session's read-only record. With one
participant chosen, that person's GAD-7 and PHQ-9 chart shows above the list.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QTableView, QWidget

from facilitator.services.history import Cursor, HistoryFilter, HistoryPage, history_choices, list_history
from facilitator.services.participants import list_participants
from facilitator.services.progress import ParticipantProgress, participant_progress
from facilitator.ui.context import AppContext
from facilitator.ui.screens.history_model import HistoryModel
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.widgets.progress_chart import ProgressChart
from facilitator.ui.workers import Task

PAGE = 50
NEAR_END_ROWS = 8  # start fetching the next page this many rows before the end
NO_DATE = QDate(2000, 1, 1)  # the date fields' "any" value


class HistoryScreen(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("History", "Every past session, newest first. Open one to read its record.",
                         parent=parent, max_width=1200)
        self.ctx = ctx
        self.model = HistoryModel(ctx.clock.now())
        self.next: Cursor | None = None
        self.loading = False
        self.generation = 0  # results of an older filter are dropped

        self.group = self._combo("Group")
        self.person = self._combo("Participant")
        self.protocol = self._combo("Protocol")
        self.start, self.end = self._date("From"), self._date("To")
        filters = QHBoxLayout()
        filters.setSpacing(10)
        for widget in (self.group, self.person, self.protocol):
            filters.addWidget(widget, 1)
        filters.addWidget(label("From", "muted"))
        filters.addWidget(self.start)
        filters.addWidget(label("to", "muted"))
        filters.addWidget(self.end)
        self.body.addLayout(filters)

        self.chart = ProgressChart()
        self.chart.hide()
        self.body.addWidget(self.chart)
        self.count = label("", "muted")
        self.body.addWidget(self.count)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(560)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.body.addWidget(self.table)
        self._choices_loaded = False

    @staticmethod
    def _combo(name: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        return box

    def _date(self, name: str) -> QDateEdit:
        field = QDateEdit()
        field.setAccessibleName(f"{name} date")
        field.setCalendarPopup(True)
        field.setMinimumDate(NO_DATE)
        field.setSpecialValueText("Any")
        field.setDate(NO_DATE)
        field.setDisplayFormat("d MMM yyyy")
        field.dateChanged.connect(lambda _d: self.reload())
        return field

    def activated(self) -> None:
        if not self._choices_loaded:
            self._load_choices()
        self.reload()

    def _load_choices(self) -> None:
        choices = self.ctx.store.run(history_choices)
        people = self.ctx.store.run(list_participants)
        for box, entries in ((self.group, [("All groups", None), *[(n, i) for i, n in choices.groups]]),
                             (self.person, [("All participants", None),
                                            *[(p.full_name, p.id) for p in people]]),
                             (self.protocol, [("All protocols", None), *[(p, p) for p in choices.protocols]])):
            box.blockSignals(True)
            box.clear()
            for text, data in entries:
                box.addItem(text, data)
            box.blockSignals(False)
            box.currentIndexChanged.connect(lambda _i: self.reload())
        self._choices_loaded = True

    def current_filter(self) -> HistoryFilter:
        def day(field: QDateEdit) -> date | None:
            value = field.date()
            return None if value == NO_DATE else date(value.year(), value.month(), value.day())
        return HistoryFilter(group_id=self.group.currentData(), participant_id=self.person.currentData(),
                             start=day(self.start), end=day(self.end), protocol_name=self.protocol.currentData())

    def reload(self) -> None:
        """Start again from the newest session with the filters as they are now."""
        self.generation += 1
        flt = self.current_filter()
        self.model.reset(self.ctx.clock.now(), flt.participant_id is not None)
        self.next, self.loading = None, False
        self.count.setText("Loading…")
        self._fetch(None)
        self._show_chart(flt.participant_id)

    def _fetch(self, after: Cursor | None) -> None:
        self.loading = True
        store, now, flt, generation = self.ctx.store, self.ctx.clock.now(), self.current_filter(), self.generation

        def page(progress: Any = None) -> HistoryPage:
            return store.run(list_history, now, flt, after=after, limit=PAGE)
        task = Task(page, parent=self)
        task.succeeded.connect(lambda result: self._arrived(generation, result))
        task.failed.connect(lambda message: self._failed(generation, message))
        task.start()

    def _arrived(self, generation: int, page: HistoryPage) -> None:
        if generation != self.generation:
            return
        self.loading = False
        self.model.append(page.rows)
        self.next = page.next
        shown = len(self.model.rows)
        if not shown:
            self.count.setText("No past sessions match these filters.")
        else:
            self.count.setText(f"{shown} sessions" + (" shown; scroll for more" if self.next else ""))
        self._scrolled(self.table.verticalScrollBar().value())

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.loading = False
            self.count.setText(message)

    def _scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        rows_left = (bar.maximum() - value) / max(1, self.table.verticalHeader().defaultSectionSize())
        if self.next is not None and not self.loading and rows_left <= NEAR_END_ROWS:
            self._fetch(self.next)

    def _open(self, index: QModelIndex) -> None:
        session_id = index.data(Qt.ItemDataRole.UserRole)
        if session_id is not None:
            self.ctx.open_session(int(session_id), "session-detail")

    def _show_chart(self, participant_id: int | None) -> None:
        if participant_id is None:
            self.chart.hide()
            return
        store, generation = self.ctx.store, self.generation

        def load(progress: Any = None) -> ParticipantProgress:
            return store.run(participant_progress, participant_id)
        task = Task(load, parent=self)
        task.succeeded.connect(lambda result: self._chart_arrived(generation, result))
        task.start()

    def _chart_arrived(self, generation: int, progress: ParticipantProgress) -> None:
        if generation == self.generation:
            self.chart.set_progress(progress)
            self.chart.show()


def create(ctx: AppContext) -> QWidget:
    return HistoryScreen(ctx)
