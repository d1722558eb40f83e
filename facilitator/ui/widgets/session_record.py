"""A session's record, read-only: when it ran, each phase planned vs actual, its quick notes and its shares.

Reusable wherever a past session is opened (Today's recently finished, the runner after
finishing, the history screen): give it a :class:`RunnerSnapshot` from ``runner.get_snapshot``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from facilitator.domain.phase_timer import PhaseStatus, format_clock
from facilitator.services.documents import CircleRecord
from facilitator.services.runner_snapshot import RunnerSnapshot
from facilitator.ui import format as fmt
from facilitator.ui.widgets.page import card, divider, label
from facilitator.ui.widgets.phase_clock import minutes_text
from facilitator.ui.widgets.phase_timeline import difference_text
from facilitator.ui.widgets.progress import Dot
from facilitator.ui.widgets.quick_notes import QuickNoteList

COLUMNS = ("Phase", "Planned", "Actual", "Difference", "Paused")


def when_text(snapshot: RunnerSnapshot) -> str:
    """"Thursday 12 March 2026  ·  09:22 – 12:41" (or the planned start before it ran)."""
    timeline = snapshot.timeline
    start = timeline.started_at or snapshot.scheduled_start
    text = f"{fmt.long_date(start)}  ·  {fmt.time_of_day(start)}"
    if timeline.ended_at is not None:
        text += f" \u2013 {fmt.time_of_day(timeline.ended_at)}"
    return text


def totals_text(snapshot: RunnerSnapshot) -> str:
    timer = snapshot.timer
    planned = fmt.duration_minutes(round(timer.session_planned_seconds / 60))
    if snapshot.timeline.started_at is None:
        return f"{planned} planned"
    ran = format_clock(timer.session_elapsed_seconds)
    paused = f"  ·  paused {format_clock(timer.session_paused_seconds)}" if timer.session_paused_seconds >= 1 else ""
    return f"Ran {ran} of {planned} planned{paused}"


class SessionRecordView(QWidget):
    """The record of one session (built once; make a new one for another session)."""

    def __init__(self, snapshot: RunnerSnapshot, circles: tuple[CircleRecord, ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshot = snapshot
        self.share_rows: list[list[str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        self.when_label = label(when_text(snapshot), "section")
        self.totals_label = label(totals_text(snapshot), "muted")
        head = QVBoxLayout()
        head.setSpacing(4)
        head.addWidget(self.when_label)
        head.addWidget(self.totals_label)
        layout.addLayout(head)
        layout.addWidget(self._phase_table())
        notes = QuickNoteList()
        notes.show_notes(snapshot.notes)
        frame = card()
        box = QVBoxLayout(frame)
        box.setContentsMargins(24, 18, 24, 20)
        box.setSpacing(12)
        box.addWidget(label(f"Quick notes  ·  {len(snapshot.notes)}", "section"))
        box.addWidget(notes)
        layout.addWidget(frame)
        if circles:
            layout.addWidget(self._circles(circles))

    def _circles(self, circles: tuple[CircleRecord, ...]) -> QWidget:
        """Each share: round and order, who, how long, the note and its tags."""
        frame = card()
        grid = QGridLayout(frame)
        grid.setContentsMargins(24, 18, 24, 20)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(3, 1)
        count = sum(len(c.shares) for c in circles)
        grid.addWidget(label(f"Integration circle  ·  {fmt.count(count, 'share')}", "section"), 0, 0, 1, 5)
        row = 1
        for circle in circles:
            grid.addWidget(label(circle.phase_name, "day"), row, 0, 1, 5)
            grid.addWidget(divider(), row + 1, 0, 1, 5)
            row += 2
            for share in circle.shares:
                length = "passed" if share.passed else (
                    format_clock(share.seconds) if share.seconds is not None else "speaking")
                values = [f"Round {share.round} · {share.position}", share.name, length, share.note_text,
                          "  ".join(f"#{t}" for t in share.tags)]
                for column, value in enumerate(values):
                    cell = label(value, "muted" if column in (0, 4) or share.passed else None, wrap=column == 3)
                    if column == 2:
                        cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                    grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
                self.share_rows.append(values)
                row += 1
        return frame

    def _phase_table(self) -> QWidget:
        frame = card()
        grid = QGridLayout(frame)
        grid.setContentsMargins(24, 18, 24, 18)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        for column, title in enumerate(COLUMNS):
            head = label(title, "day")
            if column:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(head, 0, column)
        grid.addWidget(divider(), 1, 0, 1, len(COLUMNS))
        self.rows: list[list[str]] = []
        for row, (phase, timing) in enumerate(zip(self.snapshot.phases, self.snapshot.timer.phases, strict=True),
                                              start=2):
            name = QWidget()
            line = QHBoxLayout(name)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(10)
            line.addWidget(Dot(phase.colour))
            line.addWidget(label(phase.name, None, wrap=True), 1)
            grid.addWidget(name, row, 0)
            ran = timing.status in (PhaseStatus.DONE, PhaseStatus.SKIPPED, PhaseStatus.CURRENT)
            actual = format_clock(timing.active_seconds) if ran else "not run"
            if timing.status is PhaseStatus.SKIPPED:
                actual += " (skipped)"
            values = [
                minutes_text(timing.planned_seconds)
                + (f" (+{timing.extension_minutes})" if timing.extension_minutes else ""),
                actual,
                difference_text(timing.difference_seconds) if ran else "",
                format_clock(timing.paused_seconds) if timing.paused_seconds >= 1 else "",
            ]
            for column, value in enumerate(values, start=1):
                cell = label(value, "muted" if not ran else None)
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(cell, row, column)
            self.rows.append([phase.name, *values])
        return frame
