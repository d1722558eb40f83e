"""Today: the running session(s) first and large, then the next two weeks, then recently finished."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.services.note_lists import notes_to_finish
from facilitator.services.sessions import SessionRow, TodayOverview, today_overview
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.notes_to_finish import NotesToFinish
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.widgets.session_cards import RunningCard, SessionList

log = logging.getLogger(__name__)

# Elapsed time shows whole minutes, so a half-minute refresh is never visibly late; the same tick
# reloads the overview so a session started on another laptop appears without a restart.
REFRESH_MS = 30_000


class TodayScreen(Page):
    """The overview. Reloads when shown and every half minute while visible (UI thread)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Today", parent=parent)
        self.ctx = ctx
        self.overview: TodayOverview | None = None
        self.running_cards: list[RunningCard] = []
        self.empty_state: EmptyState | None = None
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        self.body.addWidget(self.problem)
        self.sections = QVBoxLayout()
        self.sections.setSpacing(28)
        self.body.addLayout(self.sections)
        # Notes to finish: its own block under the sessions, reloaded with them.
        self.unfinished = NotesToFinish()
        self.unfinished.opened.connect(lambda sid: self.ctx.open_session(sid, "notes"))
        self.body.addWidget(self.unfinished)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        ctx.dataChanged.connect(self._on_data_changed)
        # Rebuilt only when the overview differs, so a change elsewhere costs one query here.
        ctx.databaseChanged.connect(lambda: self.refresh() if self.isVisible() else None)

    def activated(self) -> None:
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def refresh(self) -> None:
        """Reload the overview; rebuild only when it changed, else just move the times on."""
        now = self.ctx.clock.now()
        self.subtitle_label.setText(fmt.long_date(now))
        self.subtitle_label.show()
        try:
            overview = self.ctx.store.run(today_overview, now)
        except Exception:  # a lost server connection must not take the window down with it
            log.exception("today overview failed")
            self.problem.setText("Today's sessions could not be loaded from the database; retrying shortly.")
            self.problem.show()
            return
        self.problem.hide()
        if overview != self.overview:
            self.overview = overview
            self._rebuild(overview, now)
        for card in self.running_cards:
            card.update_time(now)
        try:
            unfinished = self.ctx.store.run(notes_to_finish, now, older_than_days=self.ctx.settings.unsigned_note_days)
        except Exception:
            log.exception("notes to finish failed")
            unfinished = []
        self.unfinished.show_notes(unfinished, now)

    def _on_data_changed(self) -> None:
        self.overview = None  # force a rebuild on the next refresh
        if self.isVisible():
            self.refresh()

    def _clear(self) -> None:
        while self.sections.count():
            item = self.sections.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.running_cards = []
        self.empty_state = None

    def _rebuild(self, overview: TodayOverview, now: datetime) -> None:
        self._clear()
        if not (overview.running or overview.upcoming or overview.recent):
            self.empty_state = EmptyState(
                "today", "No sessions today",
                "Plan one from Session setup. Running, upcoming and recent sessions will show here.",
                action="Go to Session setup")
            assert self.empty_state.action is not None
            self.empty_state.action.clicked.connect(lambda: self.ctx.open_session(None, "session-setup"))
            self.sections.addWidget(self.empty_state)
            return
        for row in overview.running:
            card = RunningCard(row, now)
            card.openRunner.connect(lambda sid: self.ctx.open_session(sid, "runner"))
            card.checkIn.connect(lambda sid: self.ctx.open("check-in", session_id=sid))
            self.running_cards.append(card)
            self.sections.addWidget(card)
        self._section("Next two weeks", overview.upcoming, now, finished=False,
                      empty="Nothing is planned for the next two weeks.")
        if overview.recent:
            self._section("Recently finished", overview.recent, now, finished=True, empty="")

    def _section(self, title: str, rows: Sequence[SessionRow], now: datetime, *, finished: bool, empty: str) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(label(title, "section"))
        if rows:
            listing = SessionList(rows, now, finished=finished)
            screen = "session-detail" if finished else "session-setup"
            listing.opened.connect(lambda sid, screen=screen: self.ctx.open_session(sid, screen))
            listing.checkIn.connect(lambda sid: self.ctx.open("check-in", session_id=sid))
            layout.addWidget(listing)
        else:
            line = QHBoxLayout()
            line.addWidget(label(empty, "muted"))
            plan = QPushButton("Plan a session")
            plan.setProperty("kind", "link")
            plan.clicked.connect(lambda: self.ctx.open_session(None, "session-setup"))
            line.addWidget(plan)
            line.addStretch(1)
            layout.addLayout(line)
        self.sections.addWidget(box)


def create(ctx: AppContext) -> QWidget:
    return TodayScreen(ctx)
