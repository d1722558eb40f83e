"""Properties of the phase timer under random actions, clock advances and wall-clock jumps."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain import phase_actions as act
from facilitator.domain.clock import FakeClock
from facilitator.domain.phase_timer import TimerView, compute_view, new_chimes
from facilitator.domain.timeline import PhaseRecord, Timeline, TimerError, TimerState

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)

ACTIONS = ["start", "pause", "resume", "extend", "skip", "next", "back", "finish"]
steps = st.lists(
    st.tuples(
        st.sampled_from([*ACTIONS, "jump"]),
        st.integers(min_value=0, max_value=2 * 3600),  # seconds the clock moves before the action
        st.integers(min_value=1, max_value=30),  # extension minutes, or minutes of a wall-clock jump
    ),
    max_size=40,
)
plans = st.lists(st.integers(min_value=1, max_value=90), min_size=1, max_size=8)


def apply(timeline: Timeline, action: str, arg: int, clock: FakeClock) -> Timeline:
    now = clock.now()
    if action == "extend":
        return act.extend(timeline, arg, now)
    functions = {"start": act.start, "pause": act.pause, "resume": act.resume, "skip": act.skip,
                 "next": act.next_phase, "back": act.go_back, "finish": act.finish}
    return functions[action](timeline, now)


def check(timeline: Timeline, view: TimerView) -> None:
    assert view.elapsed_seconds >= 0 and view.session_elapsed_seconds >= 0 and view.session_paused_seconds >= 0
    assert view.remaining_seconds == view.planned_seconds - view.elapsed_seconds
    assert all(p.active_seconds >= 0 and p.paused_seconds >= 0 for p in view.phases)
    # The phases tile the session: their active time plus pauses is the session's wall time.
    total = sum(p.active_seconds + p.paused_seconds for p in view.phases)
    assert math.isclose(total, view.session_elapsed_seconds, abs_tol=1e-6)
    assert sum(1 for p in timeline.phases if p.is_current) <= 1
    started = [p for p in timeline.phases if p.started_at is not None]
    assert started == list(timeline.phases[: len(started)])  # phases run in order, none jumped over
    for before, after in zip(started, started[1:], strict=False):
        assert before.ended_at == after.started_at
    for phase in started:
        assert phase.ended_at is None or phase.ended_at >= phase.started_at
        assert all(p.end is None or p.end >= p.start for p in phase.pauses)
        assert all(p.end is not None for p in phase.pauses[:-1])
    if view.state is TimerState.FINISHED:
        assert view.current_index is None and not any(p.is_current for p in timeline.phases)
    elif view.state is not TimerState.NOT_STARTED:
        assert view.current_index == timeline.current_index is not None


@settings(max_examples=300, deadline=None)
@given(plan=plans, script=steps)
def test_any_sequence_of_actions_keeps_the_timer_sound(plan: list[int], script: list[tuple[str, int, int]]) -> None:
    clock = FakeClock(T0)
    timeline = Timeline(tuple(PhaseRecord(i, f"P{i}", m) for i, m in enumerate(plan)))
    previous = compute_view(timeline, clock.now())
    for action, seconds, arg in script:
        clock.advance(seconds)
        if action == "jump":
            clock.jump_wall_clock(-60 * arg)
        else:
            try:
                timeline = apply(timeline, action, arg, clock)
            except TimerError as exc:
                assert str(exc).endswith(".") and str(exc)[0].isupper()
        view = compute_view(timeline, clock.now())
        check(timeline, view)
        for event in new_chimes(previous, view):
            assert event in view.chimes_due and event not in previous.chimes_due
        previous = view


@settings(max_examples=200, deadline=None)
@given(plan=plans, advances=st.lists(st.integers(min_value=0, max_value=600), max_size=30),
       pause_at=st.integers(min_value=0, max_value=29))
def test_elapsed_only_grows_while_running_and_stands_still_while_paused(
    plan: list[int], advances: list[int], pause_at: int
) -> None:
    clock = FakeClock(T0)
    timeline = act.start(Timeline(tuple(PhaseRecord(i, f"P{i}", m) for i, m in enumerate(plan))), clock.now())
    last = compute_view(timeline, clock.now())
    for step, seconds in enumerate(advances):
        if step == pause_at:
            timeline = act.pause(timeline, clock.now())
        clock.advance(seconds)
        view = compute_view(timeline, clock.now())
        if view.state is TimerState.PAUSED:
            assert view.elapsed_seconds == last.elapsed_seconds
        else:
            assert view.elapsed_seconds == last.elapsed_seconds + seconds
        assert view.session_elapsed_seconds == last.session_elapsed_seconds + seconds
        last = view


@settings(max_examples=100, deadline=None)
@given(plan=plans, minutes=st.lists(st.integers(min_value=1, max_value=180), max_size=10))
def test_extensions_add_up(plan: list[int], minutes: list[int]) -> None:
    timeline = act.start(Timeline(tuple(PhaseRecord(i, f"P{i}", m) for i, m in enumerate(plan))), T0)
    for m in minutes:
        timeline = act.extend(timeline, m, T0)
    view = compute_view(timeline, T0)
    assert view.planned_seconds == (plan[0] + sum(minutes)) * 60 == view.remaining_seconds
