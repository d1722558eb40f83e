"""A session's phases in order: planned vs actual for those done, clock times for those ahead.

Used live by the runner (updated each tick, only labels whose text changed) and, frozen, by a
finished session's record.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from facilitator.domain.phase_timer import PhaseStatus, PhaseTiming, TimerView, format_clock
from facilitator.services.runner_snapshot import RunnerPhase
from facilitator.ui import format as fmt
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.phase_clock import minutes_text, set_role, set_text
from facilitator.ui.widgets.progress import Dot

translate = QCoreApplication.translate


def difference_text(seconds: float) -> str:
    """"+3 min", "−2 min", "on time" (within half a minute) for actual minus planned."""
    minutes = round(seconds / 60)
    if minutes == 0:
        return translate("PhaseTimeline", "on time")
    return f"+{minutes} min" if minutes > 0 else f"\u2212{-minutes} min"


def timing_text(timing: PhaseTiming) -> str:
    """What the timeline says about one phase at the moment of the view."""
    planned = minutes_text(timing.planned_seconds)
    if timing.status is PhaseStatus.DONE:
        return translate("PhaseTimeline", "{elapsed} of {planned}").format(
            elapsed=format_clock(timing.active_seconds), planned=planned) + "  ·  " + difference_text(
            timing.difference_seconds)
    if timing.status is PhaseStatus.SKIPPED:
        return translate("PhaseTimeline", "skipped after {elapsed}").format(elapsed=format_clock(timing.active_seconds))
    if timing.status is PhaseStatus.CURRENT:
        return translate("PhaseTimeline", "now  ·  {elapsed} of {planned}").format(
            elapsed=format_clock(timing.active_seconds), planned=planned)
    if timing.status is PhaseStatus.NOT_RUN:
        return translate("PhaseTimeline", "not run")
    if timing.projected_start is not None and timing.projected_end is not None:
        return f"{fmt.time_of_day(timing.projected_start)} \u2013 {fmt.time_of_day(timing.projected_end)}  ·  {planned}"
    return planned


class _Row(QWidget):
    def __init__(self, phase: RunnerPhase) -> None:
        super().__init__()
        self.setObjectName("timelineRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        dot = Dot(phase.colour)
        self.name = label(phase.name, "timelineName", wrap=True)
        self.detail = label("", "small")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        line = QHBoxLayout(self)
        line.setContentsMargins(10, 7, 10, 7)
        line.setSpacing(10)
        line.addWidget(dot, 0, Qt.AlignmentFlag.AlignVCenter)
        line.addWidget(self.name, 1)
        line.addWidget(self.detail, 0, Qt.AlignmentFlag.AlignVCenter)
        self.status: PhaseStatus | None = None

    def show_timing(self, timing: PhaseTiming) -> None:
        set_text(self.detail, timing_text(timing))
        if timing.status is not self.status:
            self.status = timing.status
            self.setProperty("current", timing.status is PhaseStatus.CURRENT)
            set_role(self.name, "timelineName" if timing.status is not PhaseStatus.NOT_RUN else "muted")
            self.style().unpolish(self)
            self.style().polish(self)
            self.name.style().unpolish(self.name)
            self.name.style().polish(self.name)
        self.setAccessibleName(f"{self.name.text()}: {self.detail.text()}")


class PhaseTimeline(QWidget):
    """The phases as rows. :meth:`show` rebuilds only when the phases themselves changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_Row] = []
        self._key: tuple[tuple[int, str, str], ...] = ()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)

    def show_view(self, phases: Sequence[RunnerPhase], view: TimerView) -> None:
        key = tuple((p.position, p.name, p.colour) for p in phases)
        if key != self._key:
            self._rebuild(phases)
            self._key = key
        for row, timing in zip(self.rows, view.phases, strict=False):
            row.show_timing(timing)

    def _rebuild(self, phases: Sequence[RunnerPhase]) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = [_Row(p) for p in phases]
        for row in self.rows:
            self.column.addWidget(row)
