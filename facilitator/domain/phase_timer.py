"""The phase timer: what a session's recorded timeline means at a given moment.

Nothing here counts. :func:`compute_view` derives every value (elapsed, remaining, overrun,
planned vs actual, projected clock times, chimes due) from a :class:`Timeline` of stored wall-clock
UTC timestamps and one time, so a crash, a sleeping laptop or a restart resumes exactly.

How a system clock change is handled:

* What is *recorded* is wall-clock UTC (``Clock.now()``), because it must survive a restart and
  mean the same on every laptop of a clinic.
* A wall clock set backwards can never produce negative durations: the view and every action use
  :meth:`Timeline.moment`, which never goes earlier than the last recorded instant, and every span
  is clamped at zero. The timeline simply stands still until the clock catches up.
* What is *shown* between two repaints comes from the monotonic clock: the runner keeps the
  snapshot's timeline and the wall time and ``Clock.monotonic()`` it was taken at, and computes
  the view for ``taken_at + (monotonic() - taken_mono)``. A clock jump therefore changes nothing
  on screen until the next action or restart re-reads the stored timestamps, which stay the truth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from facilitator.domain.timeline import PhaseRecord, Timeline, TimerState

CHIME_WARNING = timedelta(minutes=2)
_ZERO = timedelta(0)


class PhaseStatus(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"
    NOT_RUN = "not_run"  # the session finished before reaching it


class ChimeKind(StrEnum):
    TWO_MINUTES = "two_minutes"
    ZERO = "zero"


@dataclass(frozen=True)
class ChimeEvent:
    """A chime moment of the current phase that has been reached.

    ``planned_seconds`` is part of its identity: after an extension the phase has a new plan, and
    its two-minute warning and zero are new events that chime again.
    """

    position: int
    kind: ChimeKind
    planned_seconds: float


@dataclass(frozen=True)
class PhaseTiming:
    """One phase at the moment of the view: planned vs actual, or projected clock times."""

    index: int
    position: int
    name: str
    status: PhaseStatus
    planned_seconds: float
    extension_minutes: int
    started_at: datetime | None
    ended_at: datetime | None
    active_seconds: float  # wall time in the phase minus its pauses; 0 while upcoming
    paused_seconds: float
    projected_start: datetime | None  # upcoming and current phases of an unfinished session
    projected_end: datetime | None

    @property
    def difference_seconds(self) -> float:
        """Actual minus planned: positive when the phase ran over."""
        return self.active_seconds - self.planned_seconds


@dataclass(frozen=True)
class TimerView:
    """The whole timer at one moment.

    Attributes:
        now: the moment the view describes (never earlier than the last recorded instant).
        current_index: the running phase; the first phase before the start; None once finished.
        elapsed_seconds: active time in the current phase (pauses excluded).
        planned_seconds: the current phase's plan including extensions.
        remaining_seconds: planned minus elapsed; negative once the phase runs over.
        session_elapsed_seconds: wall time since the session started (pauses included).
        projected_end: when the session will end if every phase from now runs to plan.
        chimes_due: chime moments of the current phase already reached (see :func:`new_chimes`).
    """

    now: datetime
    state: TimerState
    current_index: int | None
    elapsed_seconds: float
    planned_seconds: float
    remaining_seconds: float
    session_elapsed_seconds: float
    session_paused_seconds: float
    session_planned_seconds: float
    projected_end: datetime | None
    phases: tuple[PhaseTiming, ...]
    chimes_due: tuple[ChimeEvent, ...]

    @property
    def current(self) -> PhaseTiming | None:
        return None if self.current_index is None else self.phases[self.current_index]

    @property
    def progress(self) -> float:
        """How far the current phase is through its plan, from 0.0 to 1.0."""
        if self.planned_seconds <= 0:
            return 0.0
        return min(1.0, max(0.0, self.elapsed_seconds / self.planned_seconds))


def _span(start: datetime, end: datetime) -> timedelta:
    return max(end - start, _ZERO)


def _actual(phase: PhaseRecord, moment: datetime) -> tuple[timedelta, timedelta]:
    """Active and paused time of a phase that has started, up to its end or ``moment``."""
    assert phase.started_at is not None
    end = phase.ended_at or moment
    wall = _span(phase.started_at, end)
    paused = _ZERO
    for pause in phase.pauses:
        # Only the part of a pause inside the phase counts, so paused never exceeds wall time.
        paused += _span(max(pause.start, phase.started_at), min(pause.end or end, end))
    paused = min(paused, wall)
    return wall - paused, paused


def _chimes(phase: PhaseRecord, active: timedelta) -> tuple[ChimeEvent, ...]:
    if not phase.chime:
        return ()
    planned = phase.planned
    remaining = planned - active
    seconds = planned.total_seconds()
    events = []
    if planned > CHIME_WARNING and remaining <= CHIME_WARNING:
        events.append(ChimeEvent(phase.position, ChimeKind.TWO_MINUTES, seconds))
    if remaining <= _ZERO:
        events.append(ChimeEvent(phase.position, ChimeKind.ZERO, seconds))
    return tuple(events)


def compute_view(timeline: Timeline, now: datetime) -> TimerView:
    """The timer at ``now`` (clamped to the last recorded instant), from recorded timestamps only."""
    moment = timeline.moment(now)
    state = timeline.state
    finished = state is TimerState.FINISHED
    running_index = timeline.current_index
    focus = 0 if state is TimerState.NOT_STARTED and timeline.phases else running_index
    cursor: datetime | None = None
    if state is TimerState.NOT_STARTED:
        cursor = max(moment, timeline.scheduled_start or moment)
    timings: list[PhaseTiming] = []
    focus_active = total_paused = _ZERO
    chimes: tuple[ChimeEvent, ...] = ()
    for index, phase in enumerate(timeline.phases):
        active = paused = _ZERO
        start_at: datetime | None = None
        end_at: datetime | None = None
        if phase.started_at is not None:
            active, paused = _actual(phase, moment)
            if phase.is_current and not finished:
                status = PhaseStatus.CURRENT
                start_at, cursor = phase.started_at, moment + max(phase.planned - active, _ZERO)
                end_at = cursor
                chimes = _chimes(phase, active)
            else:
                status = PhaseStatus.SKIPPED if phase.skipped else PhaseStatus.DONE
        else:
            status = PhaseStatus.NOT_RUN if finished else PhaseStatus.UPCOMING
            if cursor is not None and not finished:
                start_at, cursor = cursor, cursor + phase.planned
                end_at = cursor
        if index == focus:
            focus_active = active
        total_paused += paused
        timings.append(PhaseTiming(
            index=index, position=phase.position, name=phase.name, status=status,
            planned_seconds=phase.planned.total_seconds(),
            extension_minutes=sum(e.minutes for e in phase.extensions),
            started_at=phase.started_at, ended_at=phase.ended_at,
            active_seconds=active.total_seconds(), paused_seconds=paused.total_seconds(),
            projected_start=start_at, projected_end=end_at,
        ))
    planned = timeline.phases[focus].planned if focus is not None else _ZERO
    session_elapsed = _span(timeline.started_at, timeline.ended_at or moment) if timeline.started_at else _ZERO
    return TimerView(
        now=moment,
        state=state,
        current_index=focus,
        elapsed_seconds=focus_active.total_seconds(),
        planned_seconds=planned.total_seconds(),
        remaining_seconds=(planned - focus_active).total_seconds(),
        session_elapsed_seconds=session_elapsed.total_seconds(),
        session_paused_seconds=total_paused.total_seconds(),
        session_planned_seconds=sum((p.planned for p in timeline.phases), _ZERO).total_seconds(),
        projected_end=None if finished else cursor,
        phases=tuple(timings),
        chimes_due=chimes,
    )


def new_chimes(previous: TimerView | None, current: TimerView) -> tuple[ChimeEvent, ...]:
    """The chimes to sound now: moments reached by time passing since ``previous``.

    Nothing chimes for the first view after the runner opens (a resumed session must not replay
    old chimes) nor when an action changed the current phase (going back to an overrun phase).
    """
    if previous is None or previous.current_index != current.current_index:
        return ()
    return tuple(event for event in current.chimes_due if event not in previous.chimes_due)


def format_clock(seconds: float) -> str:
    """Whole seconds as ``12:05``, or ``1:02:03`` from an hour on (fractions dropped)."""
    whole = max(0, math.floor(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_remaining(seconds: float) -> str:
    """Time left as ``12:05``, or the overrun counting up as ``+01:30``.

    Time left is rounded up, so ``00:00`` shows exactly when the plan runs out.
    """
    if seconds >= 0:
        return format_clock(math.ceil(seconds))
    return "+" + format_clock(-seconds)
