"""Search: words across notes, addenda, intentions, quick notes and shares, ranked with highlighted snippets.

The search runs off the UI thread a moment after typing stops; an answer to older text is dropped.
Any text is accepted (the service turns operators and quotes into plain words). Enter or a double
click opens a note on the Notes screen and anything else in the session's record.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from facilitator.services.search import SearchHit, SearchResult, search
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.workers import Task

DEBOUNCE_MS = 250
LIMIT = 50
HIT_WIDTH = 900  # the snippet's wrapping width, for the rows' heights


def snippet_html(hit: SearchHit) -> str:
    """The snippet as rich text: matches in bold, everything else escaped (hostile text stays text)."""
    parts = (f"<b>{html.escape(text)}</b>" if bold else html.escape(text) for text, bold in hit.segments)
    return " ".join("".join(parts).split())


class HitRow(QWidget):
    def __init__(self, hit: SearchHit, now: Any) -> None:
        super().__init__()
        self.setObjectName("searchHit")
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(4)
        details = [hit.kind_label, f"{fmt.day_label(hit.session_start, now)}", hit.group_name]
        if hit.participant_name:
            details.append(hit.participant_name)
        column.addWidget(label("  ·  ".join(details), "small"))
        self.snippet = label("", None, wrap=True)
        self.snippet.setTextFormat(Qt.TextFormat.RichText)
        self.snippet.setText(snippet_html(hit))
        self.snippet.setFixedWidth(HIT_WIDTH - 28)
        column.addWidget(self.snippet)


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
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._enter)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.status = label("Type a word or two; the best matches show first.", "muted")
        self.status.setObjectName("searchStatus")
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName("Search results")
        self.results.setMinimumHeight(560)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._open)
        self.results.hide()
        self.body.addWidget(self.field)
        self.body.addWidget(self.status)
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
        self.results.clear()
        self.hits = list(result.hits)
        now = self.ctx.clock.now()
        for hit in self.hits:
            row = HitRow(hit, now)
            item = QListWidgetItem()
            item.setSizeHint(QSize(HIT_WIDTH, row.sizeHint().height()))
            self.results.addItem(item)
            self.results.setItemWidget(item, row)
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
            self._open(self.results.item(max(0, self.results.currentRow())))
        else:
            self.run()

    def _open(self, item: QListWidgetItem | None) -> None:
        row = self.results.row(item) if item is not None else -1
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.ctx.open_session(hit.session_id, "notes" if hit.kind == "note" else "session-detail")


def create(ctx: AppContext) -> QWidget:
    return SearchScreen(ctx)
