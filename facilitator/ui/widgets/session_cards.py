"""Sessions as cards: the prominent card of a running session and compact lists of the others.

Both take the rows the sessions service returns and a "now"; elapsed time is always computed from
the stored start and that "now", never counted, so the card is right after a sleep or a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.ui import format as fmt
from facilitator.ui.icons import IconLabel, set_icon
from facilitator.ui.widgets.page import card, divider, label

if TYPE_CHECKING:
    from facilitator.services.sessions import SessionRow


def started_at(row: SessionRow) -> tuple[datetime, bool]:
    """When a running session began, and whether that is the recorded start (True) or the plan.

    The overview rows carry only the scheduled start today; once they carry ``started_at`` the
    card uses it without a change here.
    """
    actual = getattr(row, "started_at", None)
    return (actual, True) if actual is not None else (row.scheduled_start, False)


def _details(row: SessionRow) -> str:
    parts = [row.protocol_name]
    if row.title and row.title != row.group_name:
        parts.insert(0, row.title)
    if row.location:
        parts.append(row.location)
    return "  ·  ".join(p for p in parts if p)


class RunningCard(QWidget):
    """A running session, large: group, protocol, start, and how long it has been running.

    Signals:
        openRunner(int): the session id, when "Open runner" is pressed.
        checkIn(int): the session id, when "Check in" is pressed.
    """

    openRunner = Signal(int)
    checkIn = Signal(int)

    def __init__(self, row: SessionRow, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        frame = card("running")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)

        pill = label("Running now", "pill")
        self.started_label = label("", "muted")
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(pill)
        top.addWidget(self.started_label)
        top.addStretch(1)

        self.elapsed_label = label("", "display")
        self.elapsed_label.setAccessibleName("Time since the session started")
        people = label(f"{row.present} of {fmt.count(row.expected, 'participant')} present", "muted")
        button = QPushButton("Open runner")
        button.setProperty("kind", "primary")
        set_icon(button, "arrow-right", role="on-accent", on_role="on-accent")
        button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        button.clicked.connect(lambda: self.openRunner.emit(self.row.id))
        check_in = QPushButton("Check in")
        check_in.clicked.connect(lambda: self.checkIn.emit(self.row.id))
        bottom = QHBoxLayout()
        bottom.setSpacing(16)
        bottom.addWidget(self.elapsed_label)
        bottom.addStretch(1)
        bottom.addWidget(people)
        bottom.addWidget(check_in)
        bottom.addWidget(button)

        layout = QVBoxLayout(frame)
        layout.setContentsMargins(28, 22, 28, 24)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(label(row.group_name, "cardTitle"))
        layout.addWidget(label(_details(row), "muted", wrap=True))
        layout.addSpacing(10)
        layout.addLayout(bottom)
        self.update_time(now)

    def update_time(self, now: datetime) -> None:
        """Re-derive the start line and the elapsed time from the stored start and ``now``."""
        start, recorded = started_at(self.row)
        when = fmt.time_of_day(start)
        self.started_label.setText(f"Started {when}" if recorded else f"Planned start {when}")
        elapsed = max(now - start, timedelta(0))
        self.elapsed_label.setText(f"running for {fmt.duration(elapsed)}")


class SessionList(QWidget):
    """A card listing sessions one to a row: day and time, group and protocol, attendance, actions.

    Signals:
        opened(int): the session id whose row's button ("Open" or "View") was pressed.
        checkIn(int): the session id, when a planned session's "Check in" is pressed.
    """

    opened = Signal(int)
    checkIn = Signal(int)

    def __init__(self, rows: Sequence[SessionRow], now: datetime, *, finished: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[int, QPushButton] = {}
        frame = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(0)
        for i, row in enumerate(rows):
            if i:
                layout.addWidget(divider())
            layout.addWidget(self._row(row, now, finished))

    def _row(self, row: SessionRow, now: datetime, finished: bool) -> QWidget:
        widget = QWidget()
        line = QHBoxLayout(widget)
        line.setContentsMargins(0, 12, 0, 12)
        line.setSpacing(20)
        when = QVBoxLayout()
        when.setSpacing(2)
        when.addWidget(label(fmt.day_label(row.scheduled_start, now), "day"))
        when.addWidget(label(fmt.time_of_day(row.scheduled_start), "section"))
        when_box = QWidget()
        when_box.setLayout(when)
        when.setContentsMargins(0, 0, 0, 0)
        when_box.setFixedWidth(130)
        line.addWidget(when_box, 0, Qt.AlignmentFlag.AlignVCenter)
        icon = IconLabel("finished" if finished else "calendar", size=20, role="accent" if finished else "muted")
        line.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        what = QVBoxLayout()
        what.setSpacing(2)
        what.addWidget(label(row.group_name, "section"))
        what.addWidget(label(_details(row), "muted", wrap=True))
        line.addLayout(what, 1)
        if finished:
            people = f"{row.present} of {row.expected} attended" if row.expected else "No attendance recorded"
        else:
            people = fmt.count(row.expected, "participant") + " expected" if row.expected else "No one booked yet"
        line.addWidget(label(people, "tag"), 0, Qt.AlignmentFlag.AlignVCenter)
        if not finished:
            check_in = QPushButton("Check in")
            check_in.setProperty("kind", "link")
            check_in.clicked.connect(lambda: self.checkIn.emit(row.id))
            line.addWidget(check_in, 0, Qt.AlignmentFlag.AlignVCenter)
        button = QPushButton("View" if finished else "Open")
        button.setProperty("kind", "link")
        button.setAccessibleName(f"{'View the record of' if finished else 'Open the plan of'} {row.group_name}, "
                                 f"{fmt.day_label(row.scheduled_start, now)} {fmt.time_of_day(row.scheduled_start)}")
        button.clicked.connect(lambda _checked=False, sid=row.id: self.opened.emit(sid))
        self.buttons[row.id] = button
        line.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        widget.setAccessibleName(f"{row.group_name}, {fmt.day_label(row.scheduled_start, now)} "
                                 f"{fmt.time_of_day(row.scheduled_start)}")
        return widget
