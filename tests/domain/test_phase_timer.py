"""The phase timer and its actions with a fake clock: states, planned vs actual, chimes, refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from facilitator.domain import phase_actions as act
from facilitator.domain.clock import FakeClock
from facilitator.domain.phase_timer import (
    ChimeEvent,
    ChimeKind,
    PhaseStatus,
    TimerView,
    compute_view,
    format_clock,
    format_remaining,
    new_chimes,
)
from facilitator.domain.timeline import PhaseRecord, Timeline, TimerError, TimerState

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def plan(*minutes: int, chime: bool = True, scheduled: datetime | None = None) -> Timeline:
    phases = tuple(PhaseRecord(position=i, name=f"Phase {i + 1}", planned_minutes=m, chime=chime)
                   for i, m in enumerate(minutes))
    return Timeline(phases, scheduled_start=scheduled)


def minutes(value: float) -> float:
    return value * 60.0


def test_before_the_start_the_first_phase_waits_in_full() -> None:
    view = compute_view(plan(15, 20, scheduled=T0 + timedelta(hours=1)), T0)
    assert view.state is TimerState.NOT_STARTED and view.current_index == 0
    assert (view.elapsed_seconds, view.remaining_seconds, view.session_elapsed_seconds) == (0, minutes(15), 0)
    assert [p.status for p in view.phases] == [PhaseStatus.UPCOMING] * 2
    assert view.phases[1].projected_start == T0 + timedelta(hours=1, minutes=15)
    assert view.projected_end == T0 + timedelta(hours=1, minutes=35)
    late = compute_view(plan(15, scheduled=T0 - timedelta(minutes=5)), T0)
    assert late.phases[0].projected_start == T0  # a late start is projected from now


def test_running_pausing_and_resuming() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(15, 20), clock.now())
    clock.advance(minutes=5)
    tl = act.pause(tl, clock.now())
    clock.advance(minutes=3)
    view = compute_view(tl, clock.now())
    assert view.state is TimerState.PAUSED
    assert view.elapsed_seconds == minutes(5) and view.remaining_seconds == minutes(10)
    assert view.session_elapsed_seconds == minutes(8) and view.session_paused_seconds == minutes(3)
    assert view.projected_end == clock.now() + timedelta(minutes=30)  # assumes the pause ends now
    tl = act.resume(tl, clock.now())
    clock.advance(minutes=2)
    view = compute_view(tl, clock.now())
    assert view.state is TimerState.RUNNING and view.elapsed_seconds == minutes(7)
    assert view.progress == pytest.approx(7 / 15)


def test_extensions_add_to_the_plan_even_while_paused() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 10), clock.now())
    clock.advance(minutes=9)
    tl = act.extend(tl, 5, clock.now())
    tl = act.pause(tl, clock.now())
    tl = act.extend(tl, 1, clock.now())
    view = compute_view(tl, clock.now())
    assert view.planned_seconds == minutes(16) and view.remaining_seconds == minutes(7)
    assert view.phases[0].extension_minutes == 6 and view.session_planned_seconds == minutes(26)


def test_overrun_counts_up_and_is_formatted_with_a_plus() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 10), clock.now())
    clock.advance(minutes=11, seconds=30)
    view = compute_view(tl, clock.now())
    assert view.remaining_seconds == -90 and format_remaining(view.remaining_seconds) == "+01:30"
    assert view.progress == 1.0
    assert view.phases[1].projected_start == clock.now()  # an overrun pushes the rest from now


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(725, "12:05"), (724.2, "12:05"), (0.2, "00:01"), (0, "00:00"), (-0.5, "+00:00"), (-90, "+01:30"),
     (3723, "1:02:03"), (-3723, "+1:02:03"), (36000, "10:00:00")],
)
def test_format_remaining(seconds: float, text: str) -> None:
    assert format_remaining(seconds) == text


def test_format_clock_drops_fractions_and_never_shows_negative() -> None:
    assert format_clock(59.99) == "00:59" and format_clock(3600) == "1:00:00" and format_clock(-5) == "00:00"


def test_planned_vs_actual_for_done_phases_and_projected_times_for_the_rest() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 20, 30, 5), clock.now())
    clock.advance(minutes=12)
    tl = act.next_phase(tl, clock.now())  # 2 minutes over
    clock.advance(minutes=1)
    tl = act.skip(tl, clock.now())  # skipped after a minute
    clock.advance(minutes=10)
    view = compute_view(tl, clock.now())
    done, skipped, current, upcoming = view.phases
    assert (done.status, done.active_seconds, done.difference_seconds) == (PhaseStatus.DONE, minutes(12), minutes(2))
    assert (skipped.status, skipped.active_seconds) == (PhaseStatus.SKIPPED, minutes(1))
    assert done.ended_at == skipped.started_at and skipped.ended_at == current.started_at
    assert current.status is PhaseStatus.CURRENT and current.projected_end == clock.now() + timedelta(minutes=20)
    assert upcoming.projected_start == current.projected_end
    assert upcoming.projected_end == clock.now() + timedelta(minutes=25) == view.projected_end
    assert done.projected_start is None and upcoming.active_seconds == 0


def test_going_back_reopens_the_previous_phase_with_the_time_in_between() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 20, 30), clock.now())
    clock.advance(minutes=10)
    tl = act.skip(tl, clock.now())
    clock.advance(minutes=1)
    tl = act.extend(tl, 5, clock.now())
    tl = act.pause(tl, clock.now())
    clock.advance(minutes=2)
    tl = act.go_back(tl, clock.now())
    view = compute_view(tl, clock.now())
    first, second, _ = view.phases
    assert view.current_index == 0 and view.state is TimerState.RUNNING
    assert first.status is PhaseStatus.CURRENT and first.active_seconds == minutes(11)
    assert first.paused_seconds == minutes(2) and view.session_elapsed_seconds == minutes(13)
    assert second.status is PhaseStatus.UPCOMING and second.started_at is None and second.planned_seconds == minutes(25)
    assert not tl.phases[0].skipped and tl.phases[0].pauses[0].end == clock.now()


def test_finishing_freezes_every_value() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 20, 30), clock.now())
    clock.advance(minutes=10)
    tl = act.next_phase(tl, clock.now())
    clock.advance(minutes=4)
    tl = act.pause(tl, clock.now())
    clock.advance(minutes=1)
    tl = act.finish(tl, clock.now())
    clock.advance(minutes=60)
    view = compute_view(tl, clock.now())
    assert view.state is TimerState.FINISHED and view.current_index is None
    assert view.session_elapsed_seconds == minutes(15) and view.session_paused_seconds == minutes(1)
    assert [p.status for p in view.phases] == [PhaseStatus.DONE, PhaseStatus.DONE, PhaseStatus.NOT_RUN]
    assert view.projected_end is None and view.phases[2].projected_start is None
    assert tl.phases[1].pauses[0].end == tl.ended_at and view.chimes_due == ()


def fire_chimes(tl: Timeline, clock: FakeClock, seconds: int, previous: TimerView | None) -> tuple[list, TimerView]:
    fired = []
    view = previous
    for _ in range(seconds):
        clock.advance(1)
        current = compute_view(tl, clock.now())
        fired.extend(new_chimes(view, current))
        view = current
    assert view is not None
    return fired, view


def test_chimes_fire_exactly_once_and_again_after_an_extension() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 10), clock.now())
    fired, view = fire_chimes(tl, clock, 9 * 60, compute_view(tl, clock.now()))
    assert fired == [ChimeEvent(0, ChimeKind.TWO_MINUTES, 600.0)]
    assert clock.now() - T0 == timedelta(minutes=9)
    tl = act.extend(tl, 5, clock.now())  # 6 minutes left now: the warning comes again at 2
    more, view = fire_chimes(tl, clock, 12 * 60, compute_view(tl, clock.now()))
    assert more == [ChimeEvent(0, ChimeKind.TWO_MINUTES, 900.0), ChimeEvent(0, ChimeKind.ZERO, 900.0)]
    assert view.remaining_seconds == -minutes(6)


def test_the_two_minute_chime_is_due_at_exactly_two_minutes_left() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10), clock.now())
    clock.advance(479)
    before = compute_view(tl, clock.now())
    clock.advance(1)
    after = compute_view(tl, clock.now())
    assert before.chimes_due == () and new_chimes(before, after) == (ChimeEvent(0, ChimeKind.TWO_MINUTES, 600.0),)


def test_no_chimes_on_resume_on_going_back_or_when_the_phase_has_none() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(10, 10), clock.now())
    clock.advance(minutes=12)
    assert len(compute_view(tl, clock.now()).chimes_due) == 2
    assert new_chimes(None, compute_view(tl, clock.now())) == ()  # a restarted runner replays nothing
    tl = act.next_phase(tl, clock.now())
    before = compute_view(tl, clock.now())
    tl = act.go_back(tl, clock.now())
    assert new_chimes(before, compute_view(tl, clock.now())) == ()
    quiet = act.start(plan(10, chime=False), T0)
    assert compute_view(quiet, T0 + timedelta(minutes=30)).chimes_due == ()
    short = act.start(plan(2), T0)
    assert [e.kind for e in compute_view(short, T0 + timedelta(minutes=2)).chimes_due] == [ChimeKind.ZERO]


def test_a_wall_clock_set_backwards_never_gives_negative_times() -> None:
    clock = FakeClock(T0)
    tl = act.start(plan(30, 30), clock.now())
    clock.advance(minutes=10)
    tl = act.pause(tl, clock.now())
    clock.jump_wall_clock(-3600)
    view = compute_view(tl, clock.now())
    assert view.now == T0 + timedelta(minutes=10)  # the timeline stands still at its last instant
    assert view.elapsed_seconds == minutes(10) and view.session_elapsed_seconds == minutes(10)
    tl = act.resume(tl, clock.now())
    tl = act.next_phase(tl, clock.now())
    first, second = tl.phases
    assert first.pauses[0].end == first.ended_at == second.started_at == T0 + timedelta(minutes=10)
    view = compute_view(tl, clock.now())
    assert all(p.active_seconds >= 0 and p.paused_seconds >= 0 for p in view.phases)
    assert view.elapsed_seconds == 0 and view.remaining_seconds == minutes(30)


def test_a_timeline_with_timestamps_out_of_order_is_clamped_not_negative() -> None:
    # Rows edited by hand, or written by a laptop with a wrong clock, must still display sanely.
    odd = PhaseRecord(0, "Odd", 10, started_at=T0, ended_at=T0 - timedelta(minutes=5))
    view = compute_view(Timeline((odd,), started_at=T0, ended_at=T0 - timedelta(minutes=5)), T0)
    assert view.phases[0].active_seconds == 0 and view.session_elapsed_seconds == 0


@pytest.mark.parametrize("value", [0, -5, 181, 10_000, True, 2.5, "5", None])
def test_unreasonable_extensions_are_refused(value: object) -> None:
    tl = act.start(plan(10), T0)
    with pytest.raises(TimerError, match="An extension"):
        act.extend(tl, value, T0)  # type: ignore[arg-type]


def test_refusals_say_what_is_wrong() -> None:
    not_started = plan(10, 10)
    running = act.start(not_started, T0)
    paused = act.pause(running, T0)
    finished = act.finish(running, T0)
    cases = [
        (lambda: act.start(running, T0), "already started; it cannot be started twice"),
        (lambda: act.start(finished, T0), "already finished; it cannot be started again"),
        (lambda: act.start(plan(), T0), "no phases"),
        (lambda: act.pause(paused, T0), "already paused"),
        (lambda: act.pause(finished, T0), "already finished; it cannot be paused"),
        (lambda: act.pause(not_started, T0), "not started yet; it cannot be paused"),
        (lambda: act.resume(running, T0), "not paused"),
        (lambda: act.extend(finished, 5, T0), "This session has already finished; it cannot be extended."),
        (lambda: act.go_back(running, T0), "first phase; there is no earlier phase"),
        (lambda: act.next_phase(act.next_phase(running, T0), T0), "last phase; finish the session"),
        (lambda: act.skip(act.next_phase(running, T0), T0), "last phase; it cannot be skipped"),
        (lambda: act.finish(finished, T0), "cannot be finished again"),
        (lambda: act.finish(not_started, T0), "nothing to finish"),
    ]
    for call, message in cases:
        with pytest.raises(TimerError, match=message.replace(".", r"\.")):
            call()


def test_actions_never_change_the_timeline_they_are_given() -> None:
    original = plan(10, 10)
    started = act.start(original, T0)
    assert original.started_at is None and original.phases[0].started_at is None
    act.pause(started, T0)
    assert started.phases[0].pauses == ()
