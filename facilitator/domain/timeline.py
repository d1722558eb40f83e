"""A session's phases as recorded: immutable values the phase timer reads and the actions rewrite.

A :class:`Timeline` is nothing but stored wall-clock timestamps (when the session and each phase
started and ended, each pause, each extension). Every shown value is derived from it and a time;
see :mod:`facilitator.domain.phase_timer` for how, and for what a system clock change does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class TimerError(ValueError):
    """An action the timer refuses; ``str(error)`` is one sentence for the facilitator."""


class TimerState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class Pause:
    """One pause of a phase; ``end`` is None while it lasts."""

    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class Extension:
    """Minutes added to a phase's plan while it ran."""

    at: datetime
    minutes: int


@dataclass(frozen=True)
class PhaseRecord:
    """One phase of a session: its plan and what actually happened.

    Attributes:
        position: the phase's place in the session (as stored; used only to name it).
        planned_minutes: the plan before any extension.
        started_at: when it became the current phase (None while upcoming).
        ended_at: when it stopped being the current phase (None while upcoming or current).
        skipped: the facilitator skipped it rather than running it through.
        chime: the protocol asks for a soft chime at two minutes left and at zero.
    """

    position: int
    name: str
    planned_minutes: int
    started_at: datetime | None = None
    ended_at: datetime | None = None
    skipped: bool = False
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    chime: bool = True

    @property
    def planned(self) -> timedelta:
        """The plan including every extension."""
        return timedelta(minutes=self.planned_minutes + sum(e.minutes for e in self.extensions))

    @property
    def is_current(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].end is None


@dataclass(frozen=True)
class Timeline:
    """Everything recorded about a session's run.

    Attributes:
        phases: in running order.
        started_at: when the facilitator started the session.
        ended_at: when the facilitator finished it.
        scheduled_start: the planned start; only used to project clock times before the start.
    """

    phases: tuple[PhaseRecord, ...]
    started_at: datetime | None = None
    ended_at: datetime | None = None
    scheduled_start: datetime | None = None

    @property
    def current_index(self) -> int | None:
        """The index of the phase running now (None before the start and after the finish)."""
        return next((i for i, p in enumerate(self.phases) if p.is_current), None)

    @property
    def state(self) -> TimerState:
        if self.ended_at is not None:
            return TimerState.FINISHED
        if self.started_at is None:
            return TimerState.NOT_STARTED
        index = self.current_index
        if index is not None and self.phases[index].is_paused:
            return TimerState.PAUSED
        return TimerState.RUNNING

    def timestamps(self) -> Iterator[datetime]:
        """Every recorded instant (not the scheduled start, which is a plan)."""
        for value in (self.started_at, self.ended_at):
            if value is not None:
                yield value
        for phase in self.phases:
            for value in (phase.started_at, phase.ended_at):
                if value is not None:
                    yield value
            for pause in phase.pauses:
                yield pause.start
                if pause.end is not None:
                    yield pause.end
            for extension in phase.extensions:
                yield extension.at

    def moment(self, now: datetime) -> datetime:
        """``now``, but never earlier than anything already recorded.

        A wall clock set backwards would otherwise record a phase ending before it started; the
        timeline instead stands still until the clock catches up with the last recorded instant.
        """
        return max([now, *self.timestamps()])

    def replace_phase(self, index: int, phase: PhaseRecord) -> Timeline:
        phases = list(self.phases)
        phases[index] = phase
        return Timeline(tuple(phases), self.started_at, self.ended_at, self.scheduled_start)
