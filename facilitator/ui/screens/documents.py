"""Documents: choose a session or a participant and a document, make it off the UI thread, preview and print.

The PDFs go to a private temporary folder, removed when the screen is destroyed or the app quits.
Other screens ask for a document through :meth:`AppContext.request_document` (the session record's
"Print summary" and "Handouts" buttons).
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.participants import ParticipantRow, list_participants
from facilitator.services.sessions import SessionRow, list_sessions
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.screens import documents_jobs as jobs
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import card, label
from facilitator.ui.widgets.pdf_view import PdfViewer
from facilitator.ui.workers import Task

log = logging.getLogger(__name__)


def session_order(rows: list[SessionRow], now: datetime) -> list[SessionRow]:
    """Running sessions first, then past ones newest first, then planned ones soonest first."""
    running = [r for r in rows if r.status == "running"]
    past = sorted((r for r in rows if r.status != "running" and r.scheduled_start <= now),
                  key=lambda r: r.scheduled_start, reverse=True)
    future = sorted((r for r in rows if r.status != "running" and r.scheduled_start > now),
                    key=lambda r: r.scheduled_start)
    return running + past + future


def session_text(row: SessionRow) -> str:
    when = fmt.local(row.scheduled_start)
    state = {"running": "  ·  running", "planned": "  ·  planned"}.get(row.status, "")
    return f"{row.group_name}\n{when:%Y-%m-%d}  ·  {fmt.time_of_day(row.scheduled_start)}{state}"


class DocumentsScreen(QWidget):
    """The picker on the left, the embedded preview on the right (UI thread)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.ctx = ctx
        self.folder = jobs.PrivateFolder()
        self.task: Task | None = None
        self.shown: tuple[str, int] | None = None
        folder = self.folder
        # Connected to a plain function, not a method: it runs after the Python side is gone.
        self.destroyed.connect(lambda *_a: folder.remove())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(folder.remove)

        self.kind_box = QComboBox()
        for k in jobs.KINDS:
            self.kind_box.addItem(k.label, k.id)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by group or date (2026-03)")
        self.search.setClearButtonEnabled(True)
        self.sessions = QListWidget()
        self.people = QListWidget()
        for widget in (self.sessions, self.people):
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.lists = QStackedWidget()
        self.lists.addWidget(self.sessions)
        self.lists.addWidget(self.people)
        self.generate_button = QPushButton("Preview")
        self.generate_button.setProperty("kind", "primary")
        self.progress_label = label("", "muted", wrap=True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(6)
        self.problem = label("", "error", wrap=True)
        for hidden in (self.progress_label, self.progress_bar, self.problem):
            hidden.hide()

        picker = card()
        picker.setFixedWidth(340)
        box = QVBoxLayout(picker)
        box.setContentsMargins(20, 18, 20, 20)
        box.setSpacing(10)
        box.addWidget(label("Document", "section"))
        box.addWidget(self.kind_box)
        box.addSpacing(6)
        self.list_title = label("Session", "section")
        box.addWidget(self.list_title)
        box.addWidget(self.search)
        box.addWidget(self.lists, 1)
        box.addWidget(self.problem)
        box.addWidget(self.progress_label)
        box.addWidget(self.progress_bar)
        box.addWidget(self.generate_button)

        self.viewer = PdfViewer()
        self.empty = EmptyState("documents", "Nothing to preview yet",
                                "Choose a document and a session or participant, then press Preview.")
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        self.right.addWidget(self.viewer)

        self.subtitle = label("Session summaries, handouts and progress reports to preview, print and save.",
                              "subtitle", wrap=True)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(label("Documents", "title"))
        heading.addWidget(self.subtitle)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(picker)
        row.addWidget(self.right, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.setSpacing(24)
        outer.addLayout(heading)
        outer.addLayout(row, 1)

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.search.textChanged.connect(self._filter)
        self.generate_button.clicked.connect(self.generate)
        for widget in (self.sessions, self.people):
            widget.itemDoubleClicked.connect(lambda _item: self.generate())
        ctx.dataChanged.connect(lambda: setattr(self, "_loaded", False))
        self._loaded = False

    # -- choosing -------------------------------------------------------------------------------------------------

    def activated(self) -> None:
        if not self._loaded:
            self.reload()
        request = getattr(self.ctx, "document_request", None)
        if request is not None:
            self.ctx.document_request = None
            self.open_document(*request)

    def reload(self) -> None:
        try:
            sessions = self.ctx.store.run(list_sessions)
            people = self.ctx.store.run(list_participants, include_archived=False)
        except Exception:
            log.exception("documents lists failed")
            self._fail("The sessions and participants could not be loaded from the database; try again.")
            return
        self._loaded = True
        self.sessions.clear()
        for row in session_order(sessions, self.ctx.clock.now()):
            haystack = f"{row.group_name} {fmt.local(row.scheduled_start):%Y-%m-%d}"
            self._add(self.sessions, session_text(row), row.id, haystack)
        self.people.clear()
        for person in sorted(people, key=lambda p: p.full_name.casefold()):
            self._add(self.people, _person_text(person), person.id, f"{person.full_name} {person.preferred_name}")
        self._filter(self.search.text())

    @staticmethod
    def _add(widget: QListWidget, text: str, item_id: int, haystack: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, haystack.casefold())
        widget.addItem(item)

    def _current_kind(self) -> jobs.Kind:
        return jobs.kind(self.kind_box.currentData())

    def _current_list(self) -> QListWidget:
        return self.people if self._current_kind().about == "participant" else self.sessions

    def _kind_changed(self) -> None:
        about = self._current_kind().about
        self.lists.setCurrentWidget(self.people if about == "participant" else self.sessions)
        self.list_title.setText("Participant" if about == "participant" else "Session")
        self.search.setPlaceholderText("Search by name" if about == "participant"
                                       else "Search by group or date (2026-03)")
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        widget = self._current_list()
        for i in range(widget.count()):
            item = widget.item(i)
            haystack = item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(not all(w in haystack for w in words))

    def select(self, kind_id: str, target_id: int) -> bool:
        """Choose a document and the session or participant it is about; False if that one is not listed."""
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind_id)))
        self.search.clear()
        widget = self._current_list()
        for i in range(widget.count()):
            if widget.item(i).data(Qt.ItemDataRole.UserRole) == target_id:
                widget.setCurrentRow(i)
                widget.scrollToItem(widget.item(i))
                return True
        return False

    # -- making ---------------------------------------------------------------------------------------------------

    def open_document(self, kind_id: str, target_id: int) -> Task | None:
        """Choose, then make and preview a document (what other screens' buttons call)."""
        if not self._loaded:
            self.reload()
        self.select(kind_id, target_id)
        return self.start(kind_id, target_id)

    def generate(self) -> Task | None:
        item = self._current_list().currentItem()
        if item is None or item.isHidden():
            self._fail(f"Choose a {self._current_kind().about} first.")
            return None
        return self.start(self._current_kind().id, item.data(Qt.ItemDataRole.UserRole))

    def start(self, kind_id: str, target_id: int) -> Task | None:
        if self.task is not None:
            return None  # one document at a time; the button is disabled meanwhile
        self.problem.hide()
        self.generate_button.setEnabled(False)
        self.progress_label.setText(f"Preparing the {jobs.kind(kind_id).label.lower()}…")
        self.progress_label.show()
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        task = Task(jobs.make_document, self.ctx.store, kind_id, target_id, self.folder.get(), self.ctx.clock.now(),
                    parent=self)
        task.progress.connect(self._progress)
        task.succeeded.connect(partial(self._done, kind_id, target_id))
        task.failed.connect(self._fail)
        self.task = task
        task.start()
        return task

    def _progress(self, fraction: float, message: str) -> None:
        if fraction >= 0:
            self.progress_bar.setValue(round(fraction * 100))
        if message:
            self.progress_label.setText(message)

    def _finish(self) -> None:
        self.task = None
        self.generate_button.setEnabled(True)
        self.progress_label.hide()
        self.progress_bar.hide()

    def _done(self, kind_id: str, target_id: int, path: Path) -> None:
        self._finish()
        self.shown = (kind_id, target_id)
        self.viewer.load(path, path.name)
        self.right.setCurrentWidget(self.viewer)

    def _fail(self, sentence: str) -> None:
        self._finish()
        self.problem.setText(sentence)
        self.problem.show()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block in a local event loop until the running document is ready (screenshots, scripts)."""
        if self.task is None:
            return True
        loop = QEventLoop()
        self.task.succeeded.connect(loop.quit)
        self.task.failed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        return self.task is None

    def preview_latest_summary(self) -> bool:
        """Show the summary of the most recent finished session and wait for it (the screenshots' picture)."""
        if not self._loaded:
            self.reload()
        rows = self.ctx.store.run(list_sessions)
        finished = [r for r in session_order(rows, self.ctx.clock.now()) if r.status == "finished"]
        if not finished:
            return False
        self.open_document(jobs.SUMMARY, finished[0].id)
        ready = self.wait()
        # The view renders pages on its own thread; give it a moment before a picture is taken.
        loop = QEventLoop()
        QTimer.singleShot(800, loop.quit)
        loop.exec()
        return ready


def _person_text(person: ParticipantRow) -> str:
    if person.preferred_name and person.preferred_name not in person.full_name:
        return f"{person.full_name} ({person.preferred_name})"
    return person.full_name


def create(ctx: AppContext) -> QWidget:
    return DocumentsScreen(ctx)
