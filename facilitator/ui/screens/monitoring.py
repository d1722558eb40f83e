"""Monitoring board: everyone in the running (or chosen) session, who needs attention next first.

Each row shows the same monitoring panel as the runner's cards (dose, vitals and its class, next
reading due, the one-line vitals entry and the quick buttons). Rows are reordered, never rebuilt,
when the order changes, so text being typed and keyboard focus survive a reload. A one-second timer
repaints countdowns from the cards; the board is read again every ten seconds off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from facilitator.services.monitoring import MonitoringBoard, MonitoringCard
from facilitator.services.runner import find_running_session
from facilitator.ui.context import AppContext
from facilitator.ui.monitoring_actions import connect_panel
from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.monitoring_panel import MonitoringPanel, restyle
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.widgets.phase_clock import set_text

TICK_MS = 1000
RELOAD_MS = 10_000


def short_name(name: str) -> str:
    """"Bea O.": the board may be glimpsed by others in the room."""
    parts = name.split()
    return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else name


class BoardRow(QWidget):
    """One participant: the name on the left, the monitoring panel on the right."""

    def __init__(self, card: MonitoringCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participantCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.participant_id = card.participant_id
        self.name_label = label(short_name(card.name), "section")
        self.name_label.setMinimumWidth(150)
        self.panel = MonitoringPanel()
        self.panel.attentionChanged.connect(lambda value: restyle(self, "attention", value))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(18)
        layout.addWidget(self.name_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.panel, 1)
        self.panel.show_card(card)


class MonitoringScreen(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Monitoring", parent=parent, max_width=1100)
        self.ctx = ctx
        self.feed = MonitoringFeed(ctx, self)
        self.feed.boardChanged.connect(self._show_board)
        self._requested: int | None = None
        self.rows: dict[int, BoardRow] = {}
        self.empty = EmptyState("monitoring", "No session is running",
                                "When a dosing session is running, everyone in the room is listed here, "
                                "who needs attention next first.", action="Go to Session setup")
        assert self.empty.action is not None
        self.empty.action.clicked.connect(lambda: ctx.navigate("session-setup"))
        self.heading = label("", "section")
        self.not_dosing = label("This session has no doses; vitals and discharge apply to dosing sessions.", "muted")
        self.list = QVBoxLayout()
        self.list.setSpacing(12)
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        column.addWidget(self.heading)
        column.addWidget(self.not_dosing)
        column.addLayout(self.list)
        column.addStretch(1)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.content)
        self.content.hide()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self.reload_timer = QTimer(self)
        self.reload_timer.setInterval(RELOAD_MS)
        self.reload_timer.timeout.connect(self.feed.reload_async)
        ctx.sessionFocused.connect(self._focused)
        ctx.databaseChanged.connect(self._database_changed)

    def _focused(self, session_id: object, screen_id: str = "") -> None:
        if screen_id == "monitoring" and isinstance(session_id, int):
            self._requested = session_id

    def activated(self) -> None:
        """Shown: the session asked for, else the one followed, else the running one."""
        target, self._requested = self._requested, None
        if target is None:
            try:
                target = self.ctx.store.run(find_running_session)
            except Exception:
                target = None
            target = target or self.feed.session_id
        self.feed.follow(target)

    def _database_changed(self) -> None:
        """A change here or on another laptop: the board is read again off the UI thread (typing stays)."""
        if not self.isVisible():
            return
        if self.feed.session_id is None:
            self.activated()  # a session started elsewhere shows at once
        else:
            self.feed.reload_async()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.tick_timer.start()
        self.reload_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.tick_timer.stop()
        self.reload_timer.stop()

    def _show_board(self, board: MonitoringBoard | None) -> None:
        self.empty.setVisible(board is None)
        self.content.setVisible(board is not None)
        if board is None:
            self.subtitle_label.hide()
            for row in self.rows.values():
                row.deleteLater()
            self.rows = {}
            return
        cards = board.cards if board.dosing else ()
        self.not_dosing.setVisible(not board.dosing)
        attention = sum(1 for c in cards if c.alert or c.schedule_view.overdue)
        summary = f"In the room  ·  {len(board.cards)}"
        set_text(self.heading, summary + (f"  ·  {attention} need attention now" if attention else ""))
        wanted = {c.participant_id for c in cards}
        for pid in [p for p in self.rows if p not in wanted]:
            self.rows.pop(pid).deleteLater()
        for index, card in enumerate(cards):
            known = self.rows.get(card.participant_id)
            if known is None:
                row = self.rows[card.participant_id] = BoardRow(card)
                connect_panel(row.panel, self.feed, self)
            else:
                row = known
                row.panel.show_card(card)
            if self.list.indexOf(row) != index:
                self.list.removeWidget(row)
                self.list.insertWidget(index, row)

    def tick(self) -> None:
        now = self.ctx.clock.now()
        for row in self.rows.values():
            row.panel.tick(now)


def create(ctx: AppContext) -> QWidget:
    return MonitoringScreen(ctx)
