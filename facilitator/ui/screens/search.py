"""Search: words across notes, addenda, intentions, quick notes and shares, ranked with highlighted snippets.

The search runs off the UI thread a moment after typing stops; an answer to older text is dropped.
Any text is accepted (the service turns operators and quotes into plain words). Enter or a double
click opens a note on the Notes screen and anything else in the session's record.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QVBoxLayout, QWidget

from facilitator.services.search import SearchHit, SearchResult, search
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.workers import Task

DEBOUNCE_MS = 250
LIMIT = 50


def snippet_html(hit: SearchHit) -> str:
    """The snippet as rich text: matches in bold, everything else escaped (hostile text stays text)."""
    parts = (f"<b>{html.escape(text)}</b>" if bold else html.escape(text) for text, bold in hit.segments)
    return " ".join("".join(parts).split())


class HitRow(QFrame):
    """One hit as a card; a click, Enter or Space opens it (Tab moves between hits)."""

    opened = Signal()

    def __init__(self, hit: SearchHit, now: Any) -> None:
        super().__init__()
        self.setObjectName("searchHit")
        self.setProperty("card", "true")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(4)
        details = [hit.kind_label, f"{fmt.day_label(hit.session_start, now)}", hit.group_name]
        if hit.participant_name:
            details.append(hit.participant_name)
        meta = label("  ·  ".join(details), "small")
        column.addWidget(meta)
        self.snippet = label("", None, wrap=True)
        self.snippet.setTextFormat(Qt.TextFormat.RichText)
        self.snippet.setText(snippet_html(hit))
        column.addWidget(self.snippet)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.opened.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.opened.emit()
        else:
            super().keyPressEvent(event)


class SearchScreen(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Search", "Words from notes, addenda, intentions, quick notes and shares of every session.",
                         parent=parent)
        self.ctx = ctx
        self.generation = 0
        self.hits: list[SearchHit] = []
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setAccessibleName("Search")
        self.field.setPlaceholderText("Search notes and intentions, for example  grief  or  breath")
        self.field.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._enter)
        self.status = label("Type a word or two; the best matches show first.", "muted")
        self.status.setObjectName("searchStatus")
        self.rows: list[HitRow] = []
        self.results = QWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.list = QVBoxLayout(self.results)
        self.list.setContentsMargins(0, 0, 0, 0)
        self.list.setSpacing(10)
        self.results.hide()
        top = QVBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.field)
        top.addWidget(self.status)
        self.body.addLayout(top)
        self.body.addWidget(self.results)

    def activated(self) -> None:
        self.field.setFocus()

    def run(self) -> None:
        """Search for the field's text now (the debounce timer calls this)."""
        self.generation += 1
        text, generation, store = self.field.text(), self.generation, self.ctx.store
        if not text.strip():
            self._show(generation, SearchResult((), ()))
            return
        self.status.setText("Searching…")

        def work(progress: Any = None) -> SearchResult:
            return store.run(search, text, limit=LIMIT)
        task = Task(work, parent=self)
        task.succeeded.connect(lambda result: self._show(generation, result))
        task.failed.connect(lambda message: self._failed(generation, message))
        task.start()

    def _show(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return
        for old in self.rows:
            old.hide()
            old.deleteLater()
        self.hits, self.rows = list(result.hits), []
        now = self.ctx.clock.now()
        for index, hit in enumerate(self.hits):
            row = HitRow(hit, now)
            row.opened.connect(lambda index=index: self.open_hit(index))
            self.rows.append(row)
            self.list.addWidget(row)
        if not self.field.text().strip():
            self.status.setText("Type a word or two; the best matches show first.")
        elif not result.terms:
            self.status.setText("That text holds no words to search for.")
        elif not self.hits:
            self.status.setText("Nothing matches. Try fewer or shorter words.")
        else:
            more = " (the best 50)" if len(self.hits) == LIMIT else ""
            self.status.setText(fmt.count(len(self.hits), "match", "matches") + more + "; Enter opens the first.")
        self.results.setVisible(bool(self.hits))

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.status.setText(message)

    def _enter(self) -> None:
        self.timer.stop()
        if self.hits:
            self.open_hit(0)
        else:
            self.run()

    def open_hit(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.ctx.open_session(hit.session_id, "notes" if hit.kind == "note" else "session-detail")


def create(ctx: AppContext) -> QWidget:
    return SearchScreen(ctx)
