"""The runner's large phase clock: the phase's name, the time left in big digits, a calm bar.

Readable from two metres: the digits are ``timer_px`` (104 px, 120 px with large text) in the
calm text colour. Past the plan the time counts up as ``+mm:ss`` in a soft warm colour, never a
flashing red. A chime shows as a slow glow over the whole clock (see :class:`GlowFrame`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from facilitator.domain.phase_timer import TimerView, format_clock, format_remaining
from facilitator.domain.timeline import TimerState
from facilitator.services.runner_snapshot import RunnerPhase
from facilitator.ui import format as fmt
from facilitator.ui import theme as theming
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.progress import CalmBar, GlowFrame, colour_or


def set_role(widget: QLabel, role: str) -> None:
    """Change a label's style role, re-polishing only when it actually changes."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_text(widget: QLabel, text: str) -> None:
    """Set a label's text only when it changed (a tick must not relayout for nothing)."""
    if widget.text() != text:
        widget.setText(text)


def minutes_text(seconds: float) -> str:
    return fmt.duration_minutes(round(seconds / 60))


class PhaseClock(GlowFrame):
    """The current phase, large. :meth:`show_view` is cheap enough to call on every tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "clock")
        self.step_label = label("", "day")
        self.state_label = label("", "tag")
        self.state_label.hide()
        self.name_label = label("", "phaseName", wrap=True)
        self.time_label = label("", "timerDigits")
        self.time_label.setObjectName("timeLeft")
        self.time_label.setAccessibleName(self.tr("Time left in this phase"))
        self.bar = CalmBar(14)
        self.detail_label = label("", "muted")

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.step_label)
        top.addWidget(self.state_label)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 26)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.name_label)
        layout.addWidget(self.time_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(self.bar)
        layout.addSpacing(6)
        layout.addWidget(self.detail_label)
        self._phase_key: tuple[int, str, str] | None = None

    def show_view(self, phase: RunnerPhase | None, view: TimerView, count: int) -> None:
        """Show ``view`` (the timer now) for ``phase`` (the current or first phase) of ``count`` phases."""
        if phase is None:
            self._show_empty(view)
            return
        key = (phase.position, phase.name, phase.colour)
        if key != self._phase_key:
            self._phase_key = key
            set_text(self.name_label, phase.name)
            self.glow_colour = colour_or(phase.colour, theming.current_theme().accent)
        index = view.current_index if view.current_index is not None else 0
        set_text(self.step_label, self.tr("PHASE {number} OF {count}").format(number=index + 1, count=count))
        remaining = view.remaining_seconds
        overrun = remaining < 0 and view.state is not TimerState.NOT_STARTED
        set_text(self.time_label, format_remaining(remaining))
        paused = view.state is TimerState.PAUSED
        set_role(self.time_label, "timerOver" if overrun else "timerPaused" if paused else "timerDigits")
        colour = QColor(theming.current_theme().warning) if overrun else colour_or(
            phase.colour, theming.current_theme().accent)
        self.bar.set_progress(1.0 if overrun else view.progress, colour)
        if paused:
            set_text(self.state_label, self.tr("Paused"))
        elif overrun:
            set_text(self.state_label, self.tr("Over the plan"))
        elif view.state is TimerState.NOT_STARTED:
            set_text(self.state_label, self.tr("Not started"))
        self.state_label.setVisible(paused or overrun or view.state is TimerState.NOT_STARTED)
        set_role(self.state_label, "warmTag" if overrun else "tag")
        set_text(self.detail_label, self._detail(view))

    def _detail(self, view: TimerView) -> str:
        planned = minutes_text(view.planned_seconds)
        current = view.current
        if view.state is TimerState.NOT_STARTED:
            start = current.projected_start if current is not None else None
            return self.tr("{minutes} planned").format(minutes=planned) + (
                "  ·  " + self.tr("from {time}").format(time=fmt.time_of_day(start)) if start else "")
        parts = [self.tr("{elapsed} of {planned}").format(elapsed=format_clock(view.elapsed_seconds), planned=planned)]
        if current is not None and current.extension_minutes:
            parts.append(self.tr("extended by {minutes} min").format(minutes=current.extension_minutes))
        if view.remaining_seconds >= 0 and current is not None and current.projected_end is not None:
            parts.append(self.tr("ends about {time}").format(time=fmt.time_of_day(current.projected_end)))
        return "  ·  ".join(parts)

    def _show_empty(self, view: TimerView) -> None:
        set_text(self.step_label, "")
        finished = view.state is TimerState.FINISHED
        set_text(self.name_label, self.tr("Session finished") if finished else self.tr("No phases"))
        set_text(self.time_label, format_clock(view.session_elapsed_seconds))
        set_role(self.time_label, "timerPaused")
        self.bar.set_progress(1.0, QColor(theming.current_theme().accent))
        set_text(self.detail_label, self.tr("Total time of the session"))
        self.state_label.hide()
        self._phase_key = None
