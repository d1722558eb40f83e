"""Each participant's vitals schedule: windows, due, overdue exactly on time, missed, boosters, staggering."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from facilitator.domain.clock import FakeClock
from facilitator.domain.protocol import Thresholds
from facilitator.domain.vitals_schedule import (
    ItemKind,
    ItemStatus,
    MonitoringRules,
    TimedReading,
    attention_key,
    build_schedule,
)

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
RULES = MonitoringRules()
UP, DUE, OVER, DONE, MISSED = (ItemStatus.UPCOMING, ItemStatus.DUE, ItemStatus.OVERDUE, ItemStatus.DONE,
                               ItemStatus.MISSED)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def reading(minutes: float, context: str = "scheduled", rid: int | None = None) -> TimedReading:
    return TimedReading(at(minutes), context, rid)


def statuses(schedule, minutes: float) -> list[ItemStatus]:  # type: ignore[no-untyped-def]
    return [status for _, status in schedule.view(at(minutes)).items]


def test_before_the_dose_only_the_pre_dose_reading_is_due() -> None:
    schedule = build_schedule(RULES, [], [])
    view = schedule.view(at(0))
    assert [i.kind for i in schedule.items] == [ItemKind.PRE_DOSE]
    assert view.next_item is schedule.items[0] and view.next_status is DUE and view.countdown_seconds is None
    done = build_schedule(RULES, [], [reading(-5, "pre_dose", 1)])
    assert statuses(done, 0) == [DONE] and done.view(at(0)).next_item is None


def test_the_items_follow_the_dose() -> None:
    schedule = build_schedule(RULES, [at(30)], [reading(20, "pre_dose")])
    assert [(i.label, i.due_at, i.overdue_at) for i in schedule.items] == [
        ("Pre-dose", None, None),
        ("+40 min", at(70), at(75)),
        ("+90 min", at(120), at(125)),
        ("Before discharge", at(150), at(155)),
    ]
    # Windows: from 10 minutes before due until the next one opens.
    assert [(i.window_start, i.window_end) for i in schedule.items[1:]] == [
        (at(60), at(110)), (at(110), at(140)), (at(140), None)]


# minutes after a dose at 0 -> statuses of (pre-dose, +40, +90, before discharge), no readings after the dose
TIMELINE = [
    (0, [DONE, UP, UP, UP]),
    (39.99, [DONE, UP, UP, UP]),
    (40, [DONE, DUE, UP, UP]),
    (44 + 59 / 60, [DONE, DUE, UP, UP]),
    (45, [DONE, OVER, UP, UP]),
    (79.99, [DONE, OVER, UP, UP]),
    (80, [DONE, MISSED, UP, UP]),
    (90, [DONE, MISSED, DUE, UP]),
    (95, [DONE, MISSED, OVER, UP]),
    (110, [DONE, MISSED, MISSED, UP]),
    (120, [DONE, MISSED, MISSED, DUE]),
    (124.99, [DONE, MISSED, MISSED, DUE]),
    (125, [DONE, MISSED, MISSED, OVER]),
    (600, [DONE, MISSED, MISSED, OVER]),  # the last item never closes until discharge
]


@pytest.mark.parametrize(("minutes", "expected"), TIMELINE)
def test_due_overdue_and_missed_at_every_boundary(minutes: float, expected: list[ItemStatus]) -> None:
    schedule = build_schedule(RULES, [at(0)], [reading(-10, "pre_dose")])
    assert statuses(schedule, minutes) == expected


@pytest.mark.parametrize(("taken", "counts_for"), [
    (9.99, None), (29.99, None), (30, "+40 min"), (79.99, "+40 min"), (80, "+90 min"), (109.99, "+90 min"),
    (110, "Before discharge"), (400, "Before discharge"),
])
def test_which_item_a_reading_counts_for(taken: float, counts_for: str | None) -> None:
    schedule = build_schedule(RULES, [at(0)], [reading(-10, "pre_dose"), reading(taken, "recheck", 7)])
    done = [i.label for i in schedule.items[1:] if i.done_at is not None]
    assert done == ([counts_for] if counts_for else [])
    if counts_for:
        assert next(i for i in schedule.items if i.label == counts_for).reading_id == 7


def test_the_earliest_reading_in_a_window_counts_and_a_discharge_reading_counts_whenever_taken() -> None:
    schedule = build_schedule(RULES, [at(0)], [
        reading(-10, "pre_dose"), reading(52, "recheck", 2), reading(41, "scheduled", 1),
        reading(95, "pre_discharge", 3),
    ])
    plus40, plus90, before = schedule.items[1:]
    assert plus40.done_at == at(41) and plus40.reading_id == 1
    assert plus90.done_at is None  # the 95-minute reading was typed as the one before discharge
    assert before.done_at == at(95) and before.reading_id == 3


def test_overdue_follows_the_protocol_setting() -> None:
    rules = MonitoringRules(thresholds=Thresholds(overdue_after_minutes=0))
    assert statuses(build_schedule(rules, [at(0)], [reading(-1)]), 40)[1] is OVER
    rules = MonitoringRules(thresholds=Thresholds(overdue_after_minutes=12))
    schedule = build_schedule(rules, [at(0)], [reading(-1)])
    assert statuses(schedule, 51.99)[1] is DUE and statuses(schedule, 52)[1] is OVER


def test_protocol_without_pre_dose_or_discharge_readings() -> None:
    rules = MonitoringRules(pre_dose_vitals=False, after_dose_minutes=(15, 30, 60), before_discharge=False)
    schedule = build_schedule(rules, [at(0)], [])
    assert [i.label for i in schedule.items] == ["+15 min", "+30 min", "+60 min"]
    assert [(i.window_start, i.window_end) for i in schedule.items] == [
        (at(5), at(20)), (at(20), at(50)), (at(50), None)]


def test_a_missing_pre_dose_reading_is_missed_once_dosed() -> None:
    assert statuses(build_schedule(RULES, [at(0)], []), 1)[0] is MISSED


def test_a_booster_restarts_the_timed_readings() -> None:
    schedule = build_schedule(RULES, [at(0), at(30)], [reading(-5, "pre_dose"), reading(25, "scheduled")])
    assert [i.due_at for i in schedule.items[1:]] == [at(70), at(120), at(150)]
    assert all(i.done_at is None for i in schedule.items[1:])  # the 25-minute reading came before the booster
    assert schedule.items[0].done_at == at(-5)


def test_discharge_closes_the_schedule() -> None:
    schedule = build_schedule(RULES, [at(0)], [reading(-5), reading(41)], discharged_at=at(100))
    assert statuses(schedule, 99) == [DONE, DONE, OVER, UP]
    assert statuses(schedule, 100) == [DONE, DONE, MISSED, MISSED]
    assert schedule.view(at(100)).next_item is None


def test_attention_order() -> None:
    dosed = build_schedule(RULES, [at(0)], [reading(-5)])
    assert attention_key(dosed.view(at(10)), alert=True) == (0, 0.0)
    assert attention_key(dosed.view(at(50)), alert=False) == (1, -600.0)
    assert attention_key(dosed.view(at(42)), alert=False) == (2, -120.0)
    assert attention_key(dosed.view(at(10)), alert=False) == (3, 1800.0)
    waiting = build_schedule(RULES, [], [reading(-5)])
    assert attention_key(waiting.view(at(0)), alert=False) == (4, 0.0)
    assert attention_key(build_schedule(RULES, [], []).view(at(0)), alert=False) == (2, 0.0)
    assert attention_key(dosed.view(at(10)), alert=True, discharged=True) == (5, 0.0)


def test_staggered_dosing_each_schedule_follows_its_own_dose() -> None:
    """Eight participants dosed four minutes apart; a fake clock walks the session minute by minute."""
    clock = FakeClock(at(0))
    doses = {person: at(10 + 4 * person) for person in range(8)}
    readings = {person: [reading(-10 + person, "pre_dose")] for person in range(8)}
    seen_overdue: dict[int, datetime] = {}
    for _ in range(0, 200 * 60, 30):  # every 30 seconds for 200 minutes
        now = clock.now()
        for person, dose_at in doses.items():
            given = [dose_at] if now >= dose_at else []
            # Person 0 never gets the +40 reading; everyone else gets it 2 minutes late.
            taken = list(readings[person])
            if person and now >= dose_at + timedelta(minutes=42):
                taken.append(TimedReading(dose_at + timedelta(minutes=42)))
            view = build_schedule(RULES, given, taken).view(now)
            if not given:
                assert view.next_item is None  # pre-dose done, waiting for the dose
                continue
            plus40 = view.items[1]
            assert plus40[0].due_at == dose_at + timedelta(minutes=40)
            if plus40[1] is OVER and person not in seen_overdue:
                seen_overdue[person] = now
        clock.advance(30)
    assert seen_overdue == {0: doses[0] + timedelta(minutes=45)}
    keys = sorted(range(8), key=lambda p: attention_key(
        build_schedule(RULES, [doses[p]], readings[p]).view(at(60)), alert=False))
    assert keys == list(range(8))  # at 60 min, the earliest dosed are the most overdue
    assert math.isclose(build_schedule(RULES, [doses[7]], readings[7]).view(at(60)).countdown_seconds or 0,
                        (doses[7] + timedelta(minutes=40) - at(60)).total_seconds())
