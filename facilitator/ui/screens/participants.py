"""Participants: the roster table (filter as you type, sort by any column) and each person's profile.

The roster and a profile share one screen, so the sidebar stays on Participants while a profile is
open; Escape or "Back to roster" returns to the table with its filter as it was.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import UserError
from facilitator.services.participant_csv import export_participants_csv
from facilitator.services.participant_import import ImportReport, import_participants_csv
from facilitator.services.roster import RosterRow, roster_rows
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs.import_report import ImportDialog
from facilitator.ui.icons import icon, set_icon
from facilitator.ui.models.roster_table import (
    COL_AGE,
    COL_FLAGS,
    COL_GROUPS,
    COL_LAST,
    COL_NAME,
    COL_PREFERRED,
    COL_PRONOUNS,
    COL_STATUS,
    ID_ROLE,
    STATUS_FILTERS,
    RosterFilterProxyModel,
    RosterTableModel,
)
from facilitator.ui.screens.participant import ParticipantEditor
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import label
from facilitator.ui.workers import Task

log = logging.getLogger(__name__)
# Columns that must show their whole value get a fixed width; the rest share what is left by weight,
# never below their minimum, so a 1024 px laptop and a wide monitor both read cleanly.
FIXED_WIDTHS = {COL_AGE: 64, COL_STATUS: 116, COL_LAST: 126}
FLEX_WEIGHTS = {COL_NAME: 1.65, COL_PREFERRED: 1.3, COL_PRONOUNS: 1.05, COL_GROUPS: 2.05, COL_FLAGS: 1.35}
FLEX_MINIMUMS = {COL_NAME: 150, COL_PREFERRED: 120, COL_PRONOUNS: 90, COL_GROUPS: 130, COL_FLAGS: 100}


def today_of(ctx: AppContext) -> date:
    """The clinic's today (local date of the context's clock)."""
    return ctx.clock.now().astimezone().date()


class RosterTable(QTableView):
    """The table; Enter opens the current row as a double-click does, and the columns share its width."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        available = self.viewport().width() - sum(FIXED_WIDTHS.values())
        unit = max(0.0, available) / sum(FLEX_WEIGHTS.values())
        for column, width in FIXED_WIDTHS.items():
            self.setColumnWidth(column, width)
        for column, weight in FLEX_WEIGHTS.items():
            self.setColumnWidth(column, max(FLEX_MINIMUMS[column], int(unit * weight)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class RosterView(QWidget):
    """The roster: heading with actions, a search box and status filter, and the table.

    Signals:
        openParticipant(int): a row was opened (double-click or Enter).
        newParticipant(): "New participant" was pressed.
    """

    openParticipant = Signal(int)
    newParticipant = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.ctx = ctx
        self.rows: list[RosterRow] = []
        self.model = RosterTableModel(self)
        self.proxy = RosterFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)

        self.subtitle = label("", "subtitle")
        import_button = QPushButton("Import CSV\u2026")
        set_icon(import_button, "import")
        import_button.clicked.connect(self.choose_import)
        export_button = QPushButton("Export CSV\u2026")
        set_icon(export_button, "export")
        export_button.clicked.connect(self.choose_export)
        new_button = QPushButton("New participant")
        new_button.setProperty("kind", "primary")
        set_icon(new_button, "add-person", role="on-accent", on_role="on-accent")
        new_button.clicked.connect(self.newParticipant.emit)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(label("Participants", "title"))
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addLayout(heading, 1)
        top.addWidget(import_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(export_button, 0, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(new_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name or group")
        self.search.setAccessibleName("Search participants")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search-field"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(340)
        self.search.textChanged.connect(self._filter_changed)
        self.search.installEventFilter(self)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show participants by status")
        for text, _statuses in STATUS_FILTERS:
            self.status_filter.addItem(text)
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        self.count_label = label("", "muted")
        filters = QHBoxLayout()
        filters.setSpacing(12)
        filters.addWidget(self.search)
        filters.addWidget(self.status_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)

        self.table = self._build_table()
        self.empty = EmptyState("participants", "No participants yet",
                                "Add the first person, or import a roster from a CSV file.",
                                action="New participant")
        assert self.empty.action is not None
        self.empty.action.clicked.connect(self.newParticipant.emit)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.message = label("", "muted", wrap=True)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.setSpacing(18)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)
        self._tasks: list[Task] = []

    def _build_table(self) -> RosterTable:
        table = RosterTable()
        table.setModel(self.proxy)
        table.setAccessibleName("Participants")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(max(40, table.fontMetrics().height() + 22))
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        table.activated.connect(self._open_index)
        return table

    # --- loading and filtering -------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload every row (two queries), keeping the filter, the sort and the selected person."""
        selected = self.selected_id()
        scroll = self.table.verticalScrollBar().value()
        try:
            rows = self.ctx.store.run(roster_rows, today_of(self.ctx))
        except Exception:  # a lost server connection must not take the window down with it
            log.exception("roster failed to load")
            self._say("The roster could not be loaded from the database; try again in a moment.", "error")
            return
        self.rows = rows
        self.model.set_rows(rows)
        self.body.setCurrentWidget(self.table if rows else self.empty)
        active = sum(r.status == "active" for r in rows)
        self.subtitle.setText(f"{fmt.count(len(rows), 'person', 'people')} on file, {active} active")
        self._update_count()
        if selected is not None:
            self.select(selected)
        self.table.verticalScrollBar().setValue(scroll)  # a reload keeps the place in a long roster

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _status_changed(self, index: int) -> None:
        self.proxy.set_statuses(STATUS_FILTERS[index][1])
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"Showing {shown} of {total}" if shown != total else f"{total} shown")

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, participant_id: int) -> bool:
        """Make ``participant_id`` the current row if it is shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, COL_NAME)
            if index.data(ID_ROLE) == participant_id:
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                return True
        return False

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openParticipant.emit(index.data(ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the search box, Down goes into the table and Enter opens the first match.
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                if not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.proxy.index(0, COL_NAME))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                self._open_index(self.proxy.index(0, COL_NAME))
                return True
        return super().eventFilter(watched, event)

    def _say(self, text: str, role: str = "muted") -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    # --- CSV ---------------------------------------------------------------------------------------

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Import participants", "", "CSV files (*.csv);;All files (*)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ImportDialog:
        """Check and import ``path`` on a worker thread, showing progress and then the report.

        Returns:
            The dialog (already open), so tests and callers can wait for its report.
        """
        dialog = ImportDialog(path.name, self)
        dialog.setModal(True)
        store, today = self.ctx.store, today_of(self.ctx)

        def work(progress):  # type: ignore[no-untyped-def]  # pool thread
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise UserError(f"The file {path.name} could not be read ({exc.strerror or exc}).") from None
            return store.run(import_participants_csv, data, today=today, progress=progress)

        task = Task(work, parent=self)
        task.progress.connect(dialog.show_progress)
        task.succeeded.connect(lambda report: self._imported(dialog, report))
        task.failed.connect(dialog.show_failure)
        self._tasks.append(task)
        dialog.open()
        task.start()
        return dialog

    def _imported(self, dialog: ImportDialog, report: ImportReport) -> None:
        dialog.show_report(report)
        if report.imported:
            self.refresh()
            self.ctx.dataChanged.emit()

    def choose_export(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, "Export participants", "participants.csv",
                                                    "CSV files (*.csv)")
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> Task:
        """Write every participant to ``path`` on a worker thread; the outcome shows above the table."""
        store = self.ctx.store
        self._say(f"Exporting to {path.name}\u2026")

        def work(progress):  # type: ignore[no-untyped-def]  # pool thread
            return store.run(export_participants_csv, path)

        task = Task(work, parent=self)
        task.succeeded.connect(lambda n: self._say(
            f"Exported {fmt.count(n, 'participant')} to {path.name}. The file holds health information: keep it "
            "on an encrypted drive and delete it when you are done."))
        task.failed.connect(lambda sentence: self._say(sentence, "error"))
        self._tasks.append(task)
        task.start()
        return task


class ParticipantsScreen(QStackedWidget):
    """The roster, and a profile opened from it (or from anywhere through ``ctx.open``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.roster = RosterView(ctx)
        self.profile = ParticipantEditor(ctx)
        self.addWidget(self.roster)
        self.addWidget(self.profile)
        self.roster.openParticipant.connect(lambda pid: self.open_target(participant_id=pid))
        self.roster.newParticipant.connect(lambda: self.open_target(new=True))
        self.profile.closed.connect(self.show_roster)
        ctx.dataChanged.connect(self._data_changed)
        ctx.databaseChanged.connect(self._database_changed)
        self._stale = True

    def activated(self) -> None:
        if self.currentWidget() is self.roster or self._stale:
            self.roster.refresh()
            self._stale = False
        if self.currentWidget() is self.roster:
            self.roster.search.setFocus()  # keyboard first: start typing a name at once

    def open_target(self, participant_id: int | None = None, new: bool = False) -> None:
        """Open a profile (``participant_id``) or an empty form for a new participant (``new=True``)."""
        if new:
            self.profile.start_new()
        elif participant_id is not None:
            if not self.profile.load(participant_id):
                return
        self.setCurrentWidget(self.profile)
        self.profile.focus_first()

    def show_roster(self, changed_id: int | None = None) -> None:
        self.setCurrentWidget(self.roster)
        self.roster.refresh()
        if changed_id is not None:
            self.roster.select(changed_id)
        self.roster.table.setFocus()

    def _data_changed(self) -> None:
        self._stale = True
        if self.isVisible() and self.currentWidget() is self.roster:
            self.roster.refresh()
            self._stale = False


    def _database_changed(self) -> None:
        """A change here or on another laptop: the shown roster or profile reloads, keeping edits."""
        if not self.isVisible():
            self._stale = True
        elif self.currentWidget() is self.roster:
            self.roster.refresh()
            self._stale = False
        else:
            self.profile.refresh_if_unchanged()


def create(ctx: AppContext) -> QWidget:
    return ParticipantsScreen(ctx)
