"""A four-hour dosing session with pauses, extensions and a mistaken step, checked every minute.

The timer derives everything from timestamps; a reference model here counts whole seconds the
naive way. They must agree exactly at every step: no drift, however long the session runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from facilitator.domain import phase_actions as act
from facilitator.domain.clock import FakeClock
from facilitator.domain.phase_timer import compute_view, format_remaining
from facilitator.domain.timeline import PhaseRecord, Timeline, TimerState

# Starts at an odd microsecond: the offsets must cancel out exactly in every difference.
START = datetime(2026, 3, 12, 8, 59, 59, 123456, tzinfo=UTC)
PLANNED = [15, 15, 20, 10, 60, 20, 45, 15]  # the group KAP dosing protocol, 200 minutes
SCRIPT: dict[int, list[str]] = {
    0: ["start"], 7 * 60: ["pause"], 9 * 60 + 17: ["resume"], 17 * 60: ["next"],
    30 * 60: ["extend 5"], 37 * 60 + 41: ["next"],
    50 * 60: ["pause"], 53 * 60: ["resume"], 58 * 60: ["extend 1"], 60 * 60: ["next"],
    71 * 60: ["next"],
    100 * 60 + 5: ["pause"], 104 * 60: ["resume", "extend 10"], 146 * 60: ["next"],
    150 * 60: ["next"], 151 * 60 + 30: ["back"], 170 * 60: ["pause", "next"],
    185 * 60: ["pause"], 190 * 60: ["resume"], 215 * 60: ["extend 5"], 225 * 60: ["skip"],
    230 * 60: ["pause"], 232 * 60 + 59: ["resume"], 240 * 60: ["finish"],
}


@dataclass
class Reference:
    """Whole seconds counted tick by tick, the way a naive timer would."""

    current: int | None = None
    paused: bool = False
    active: list[int] = field(default_factory=lambda: [0] * len(PLANNED))
    pause: list[int] = field(default_factory=lambda: [0] * len(PLANNED))
    extra: list[int] = field(default_factory=lambda: [0] * len(PLANNED))
    session: int = 0

    def advance(self, seconds: int) -> None:
        if self.current is None:
            return
        self.session += seconds
        (self.pause if self.paused else self.active)[self.current] += seconds

    def apply(self, action: str) -> None:
        name, _, arg = action.partition(" ")
        if name == "start":
            self.current = 0
        elif name in ("pause", "resume"):
            self.paused = name == "pause"
        elif name == "extend":
            assert self.current is not None
            self.extra[self.current] += int(arg)
        elif name in ("next", "skip"):
            assert self.current is not None
            self.current, self.paused = self.current + 1, False
        elif name == "back":
            assert self.current is not None
            c = self.current
            self.active[c - 1] += self.active[c]
            self.pause[c - 1] += self.pause[c]
            self.active[c] = self.pause[c] = 0
            self.current, self.paused = c - 1, False
        elif name == "finish":
            self.current = None

    def remaining(self) -> int:
        assert self.current is not None
        return (PLANNED[self.current] + self.extra[self.current]) * 60 - self.active[self.current]


def perform(timeline: Timeline, action: str, clock: FakeClock) -> Timeline:
    name, _, arg = action.partition(" ")
    now = clock.now()
    if name == "extend":
        return act.extend(timeline, int(arg), now)
    functions = {"start": act.start, "pause": act.pause, "resume": act.resume, "next": act.next_phase,
                 "skip": act.skip, "back": act.go_back, "finish": act.finish}
    return functions[name](timeline, now)


def test_four_hours_minute_by_minute_without_drift() -> None:
    clock = FakeClock(START)
    timeline = Timeline(tuple(PhaseRecord(i, f"Phase {i + 1}", m) for i, m in enumerate(PLANNED)))
    model = Reference()
    ticks = sorted(set(range(0, 4 * 3600 + 30 * 60 + 1, 60)) | set(SCRIPT))
    elapsed = 0
    for tick in ticks:
        clock.advance(tick - elapsed)
        model.advance(tick - elapsed)
        elapsed = tick
        for action in SCRIPT.get(tick, []):
            timeline = perform(timeline, action, clock)
            model.apply(action)
        view = compute_view(timeline, clock.now())
        assert view.session_elapsed_seconds == model.session, tick
        for index, phase in enumerate(view.phases):
            assert (phase.active_seconds, phase.paused_seconds) == (model.active[index], model.pause[index]), tick
        if model.current is not None:
            assert view.current_index == model.current
            assert view.elapsed_seconds == model.active[model.current], tick
            assert view.remaining_seconds == model.remaining(), tick
            assert view.state is (TimerState.PAUSED if model.paused else TimerState.RUNNING)
    assert view.state is TimerState.FINISHED
    assert view.session_elapsed_seconds == 4 * 3600
    assert sum(p.active_seconds + p.paused_seconds for p in view.phases) == 4 * 3600
    assert [p.extension_minutes for p in view.phases] == [0, 5, 1, 0, 10, 0, 5, 0]
    journey = view.phases[4]
    assert journey.active_seconds == 71 * 60 + 5 and journey.paused_seconds == 3 * 60 + 55
    assert format_remaining(journey.planned_seconds - journey.active_seconds) == "+01:05"
