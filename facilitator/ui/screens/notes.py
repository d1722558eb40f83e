"""Notes: the group note and a note per present participant, autosaved, signed, then only added to.

The session is the one in focus (from Today's "notes to finish", the runner or History), else the one
running, else the most recently finished. Its quick notes and phases sit beside the editor.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import UserError
from facilitator.logs import scrubbed_traceback
from facilitator.services.note_lists import suggest_themes
from facilitator.services.note_views import NoteView
from facilitator.services.notes import get_notes, get_session_notes
from facilitator.services.runner import get_snapshot
from facilitator.services.runner_snapshot import RunnerSnapshot
from facilitator.services.sessions import today_overview
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.note_editor import NoteEditor
from facilitator.ui.widgets.page import Page, card, label
from facilitator.ui.widgets.quick_notes import QuickNoteList

log = logging.getLogger(__name__)


class NotesScreen(Page):
    """A list of the session's notes on the left, the chosen note's editor, the session beside it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Notes", parent=parent, max_width=1360)
        self.ctx = ctx
        self.session_id: int | None = None
        self.editors: list[NoteEditor] = []
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Session")
        self.chooser.setMinimumWidth(320)
        self.chooser.activated.connect(lambda _i: self.load(self.chooser.currentData()))
        self.header_right.addWidget(self.chooser)
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        self.empty = EmptyState("notes", "No session to write up",
                                "Notes are written for a running or finished session. Start one from Today.",
                                action="Go to Today")
        assert self.empty.action is not None
        self.empty.action.clicked.connect(lambda: self.ctx.navigate("today"))

        self.list = QListWidget()
        self.list.setObjectName("noteList")
        self.list.setAccessibleName("Notes of this session")
        # Both side columns give way a little on a 1,280-px laptop, so the page never scrolls sideways.
        self.list.setMinimumWidth(200)
        self.list.setMaximumWidth(230)
        self.list.currentRowChanged.connect(self._pick)
        self.stack = QStackedWidget()
        self.quick = QuickNoteList()
        self.phases = QVBoxLayout()
        self.phases.setSpacing(4)
        side = card()
        side.setMinimumWidth(220)
        side.setMaximumWidth(280)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(16, 14, 16, 14)
        side_column.setSpacing(10)
        side_column.addWidget(label("Timeline", "cardTitle"))
        side_column.addLayout(self.phases)
        side_column.addSpacing(8)
        side_column.addWidget(label("Quick notes", "cardTitle"))
        side_column.addWidget(self.quick)
        side_column.addStretch(1)

        self.content = QWidget()
        row = QHBoxLayout(self.content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        row.addWidget(self.list, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.stack, 1)
        row.addWidget(side, 0)  # the row's full height: wrapped lines get the height their width needs
        self.body.addWidget(self.problem)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.content)
        self.content.hide()
        ctx.databaseChanged.connect(self._database_changed)

    def _database_changed(self) -> None:
        """Notes saved or signed on another laptop show here, except in an editor holding unsaved typing."""
        if not self.isVisible() or not self.editors:
            return
        try:
            views = self.ctx.store.run(get_notes, [e.view.id for e in self.editors])
        except Exception as exc:  # the next change tries again; what is shown stays
            log.warning("notes not refreshed\n%s", scrubbed_traceback(exc))
            return
        by_id = {v.id: v for v in views}
        for editor in self.editors:
            view = by_id.get(editor.view.id)
            if view is not None and editor.refresh(view):
                self._note_changed(view, announce=False)

    def activated(self) -> None:
        try:
            overview = self.ctx.store.run(today_overview, self.ctx.clock.now())
        except Exception as exc:
            log.error("notes: sessions could not be listed\n%s", scrubbed_traceback(exc))
            self._problem("The sessions could not be loaded from the database; try again.")
            return
        rows = [*overview.running, *overview.recent]
        self.chooser.clear()
        for row in rows:
            when = fmt.day_label(row.scheduled_start, self.ctx.clock.now())
            self.chooser.addItem(f"{row.group_name} · {when}", row.id)
        wanted = self.ctx.session_id
        if wanted is not None and self.chooser.findData(wanted) < 0:
            self.chooser.addItem(f"Session {wanted}", wanted)
        if wanted is None and rows:
            wanted = rows[0].id
        self.chooser.setVisible(self.chooser.count() > 0)
        if wanted is None:
            self._clear()
            self.empty.show()
            return
        self.chooser.setCurrentIndex(self.chooser.findData(wanted))
        if wanted != self.session_id:
            self.load(wanted)

    def load(self, session_id: int | None) -> None:
        """Show ``session_id``'s notes (the editors of the previous session save first)."""
        if session_id is None:
            return
        self.flush()
        try:
            notes = self.ctx.store.run(get_session_notes, session_id)
            snapshot = self.ctx.store.run(get_snapshot, session_id, self.ctx.clock)
            themes = [t.tag for t in self.ctx.store.run(suggest_themes, limit=40)]
        except UserError as exc:
            self._problem(str(exc))
            return
        except Exception as exc:
            log.error("notes could not be loaded\n%s", scrubbed_traceback(exc))
            self._problem("The session's notes could not be loaded from the database; try again.")
            return
        self._clear()
        self.problem.hide()
        self.empty.hide()
        self.session_id = session_id
        self.title_label.setText(f"Notes · {snapshot.group_name}")
        self.subtitle_label.setText(f"{fmt.long_date(snapshot.scheduled_start)}  ·  {snapshot.protocol_name}")
        self.subtitle_label.show()
        for view in notes.all:
            editor = NoteEditor(self.ctx, view, themes)
            editor.changed.connect(self._note_changed)
            self.editors.append(editor)
            self.stack.addWidget(editor)
            item = QListWidgetItem(self._item_text(view))
            item.setData(Qt.ItemDataRole.UserRole, view.id)
            self.list.addItem(item)
        self.list.setFixedHeight(min(600, 12 + 52 * self.list.count()))
        self._show_session(snapshot)
        self.content.show()
        self.list.setCurrentRow(0)

    @staticmethod
    def _item_text(view: NoteView) -> str:
        name = view.participant_name or "Group note"
        return f"{name}\n{'Signed' if view.signed else ('Draft' if not view.is_blank else 'Not started')}"

    def _show_session(self, snapshot: RunnerSnapshot) -> None:
        for phase in snapshot.phases:
            start = phase.timing.started_at
            self.phases.addWidget(label(f"{fmt.time_of_day(start) if start else '—'}   {phase.name}", "small",
                                        wrap=True))
        self.quick.show_notes(snapshot.notes)

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.editors):
            current = self.stack.currentWidget()
            if isinstance(current, NoteEditor):
                current.flush()
            self.stack.setCurrentIndex(row)

    def _note_changed(self, view: NoteView, announce: bool = True) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == view.id:
                item.setText(self._item_text(view))
        if announce:
            self.ctx.dataChanged.emit()

    def flush(self) -> None:
        for editor in self.editors:
            editor.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _clear(self) -> None:
        self.list.clear()
        for editor in self.editors:
            self.stack.removeWidget(editor)
            editor.hide()
            editor.setParent(self.content)  # saves still in flight finish and report to a live widget
        self.editors = []
        while self.phases.count():
            item = self.phases.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.content.hide()
        self.session_id = None


def create(ctx: AppContext) -> QWidget:
    return NotesScreen(ctx)
