"""The circle's speaking order and soft share timer, driven by a fake clock."""

from __future__ import annotations

import random

import pytest

from facilitator.domain.circle import Circle, CircleError, Turn, airtime
from facilitator.domain.clock import FakeClock

SIX = [11, 12, 13, 14, 15, 16]


def order(circle: Circle, round_no: int | None = None) -> list[int]:
    return [t.participant_id for t in circle.in_round(round_no)]


def speaker(circle: Circle) -> int | None:
    return circle.current.participant_id if circle.current else None


def test_a_new_circle_waits_for_its_first_speaker() -> None:
    circle = Circle.begin(SIX)
    assert order(circle) == SIX
    assert circle.round == 1 and circle.current is None and circle.next_up is not None
    assert circle.next_up.participant_id == 11
    assert [t.position for t in circle.in_round()] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(CircleError):
        Circle.begin([1, 1])


def test_next_gives_the_word_on_and_times_each_share_from_its_timestamps() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    assert speaker(circle) == 11
    clock.advance(minutes=3)
    assert circle.elapsed(clock.now()) == 180
    circle = circle.next(clock.now())
    assert speaker(circle) == 12
    first = circle.in_round()[0]
    assert first.spoke and first.seconds(clock.now()) == 180
    clock.advance(minutes=10)
    assert first.seconds(clock.now()) == 180  # an ended share no longer grows


def test_the_soft_timer_flags_the_limit_and_never_stops_the_speaker() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    clock.advance(299)
    assert not circle.over_limit(clock.now(), 300)
    clock.advance(1)
    assert circle.over_limit(clock.now(), 300)
    clock.advance(minutes=20)
    assert speaker(circle) == 11 and circle.elapsed(clock.now()) == 1500
    assert not circle.over_limit(clock.now(), 0)  # no limit set: never flagged


def test_a_pass_is_listed_and_the_word_goes_on() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    clock.advance(60)
    circle = circle.next(clock.now())
    circle = circle.pass_turn(clock.now())  # 12 passes while holding the word
    assert [t.participant_id for t in circle.passed] == [12]
    assert speaker(circle) == 13
    assert circle.in_round()[1].seconds(clock.now()) == 0
    # Nobody speaking: the next person waiting passes.
    circle = circle.end_turn(clock.now()).pass_turn(clock.now())
    assert [t.participant_id for t in circle.passed] == [12, 14]
    assert speaker(circle) == 15


def test_come_back_later_goes_to_the_end_of_the_round() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    clock.advance(5)
    circle = circle.later(clock.now())
    assert speaker(circle) == 12
    assert order(circle) == [12, 13, 14, 15, 16, 11]
    assert circle.in_round()[-1].waiting
    # The last one waiting has no "later" to go to.
    for _ in range(4):
        clock.advance(30)
        circle = circle.next(clock.now())
    assert speaker(circle) == 16
    circle = circle.next(clock.now())
    assert speaker(circle) == 11
    with pytest.raises(CircleError):
        circle.later(clock.now())


def test_reorder_mid_round_moves_only_those_still_waiting() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    clock.advance(30)
    circle = circle.next(clock.now())  # 11 spoke, 12 speaks
    circle = circle.reorder([16, 14, 11, 12])  # 11 and 12 are not waiting: ignored; 13, 15 keep their order after
    assert order(circle) == [11, 12, 16, 14, 13, 15]
    assert [t.position for t in circle.in_round()] == [1, 2, 3, 4, 5, 6]
    assert speaker(circle) == 12
    circle = circle.next(clock.now())
    assert speaker(circle) == 16


def test_shuffle_uses_the_given_generator_and_keeps_everyone() -> None:
    circle = Circle.begin(SIX)
    one = circle.shuffle(random.Random(3))
    assert sorted(order(one)) == SIX
    assert order(one) == order(circle.shuffle(random.Random(3)))
    assert any(order(circle.shuffle(random.Random(seed))) != SIX for seed in range(5))


def test_popcorn_gives_the_word_to_whoever_is_ready() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).start(15, clock.now())
    assert speaker(circle) == 15 and order(circle)[0] == 15
    clock.advance(40)
    circle = circle.start(12, clock.now())
    assert order(circle)[:2] == [15, 12]
    assert circle.in_round()[0].seconds(clock.now()) == 40
    with pytest.raises(CircleError):
        circle.start(15, clock.now())  # already spoke this round


def test_second_round_keeps_the_order_and_waits_for_everyone_first() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    with pytest.raises(CircleError):
        circle.second_round(clock.now())
    for _ in range(5):
        clock.advance(60)
        circle = circle.next(clock.now())
    clock.advance(60)
    circle = circle.second_round(clock.now())
    assert circle.round == 2 and circle.current is None
    assert order(circle) == SIX and order(circle, 1) == SIX
    assert all(t.spoke for t in circle.in_round(1))
    circle = circle.next(clock.now())
    assert speaker(circle) == 11 and circle.current is not None and circle.current.round == 2
    smaller = Circle.begin(SIX).pass_turn(clock.now())
    for _ in range(5):
        smaller = smaller.pass_turn(clock.now())
    assert order(smaller.second_round(clock.now(), [13, 11, 99])) == [11, 13, 99]


def test_next_after_the_last_share_ends_the_round_and_then_refuses() -> None:
    clock = FakeClock()
    circle = Circle.begin([1, 2]).next(clock.now()).next(clock.now())
    circle = circle.next(clock.now())
    assert circle.round_complete
    with pytest.raises(CircleError):
        circle.next(clock.now())


def test_late_arrivals_join_the_end_of_the_round() -> None:
    circle = Circle.begin([1, 2]).include([2, 7, 7, 8])
    assert order(circle) == [1, 2, 7, 8]
    assert circle.include([1]) is circle


def test_airtime_sums_every_share_and_counts_the_one_going_on() -> None:
    clock = FakeClock()
    circle = Circle.begin([1, 2, 3]).next(clock.now())
    clock.advance(120)
    circle = circle.next(clock.now())
    clock.advance(30)
    circle = circle.pass_turn(clock.now())  # 2 had spoken 30 s when passing: a pass counts nothing
    clock.advance(45)
    totals = circle.airtime(clock.now())
    assert totals == {1: 120.0, 2: 0.0, 3: 45.0}
    circle = circle.second_round(clock.now()).next(clock.now())
    clock.advance(60)
    assert circle.airtime(clock.now())[1] == 180.0
    earlier = [Turn(3, 1, 1, clock.now(), clock.now(), share_id=9)]
    assert airtime([*earlier, *circle.turns], clock.now())[3] == 45.0


def test_a_circle_rebuilt_from_its_stored_turns_reads_the_same() -> None:
    clock = FakeClock()
    circle = Circle.begin(SIX).next(clock.now())
    clock.advance(100)
    circle = circle.pass_turn(clock.now())
    clock.advance(50)
    rebuilt = Circle(tuple(reversed(circle.turns)))
    assert order(rebuilt) == order(circle)
    assert speaker(rebuilt) == speaker(circle) and rebuilt.elapsed(clock.now()) == 50
    assert rebuilt.airtime(clock.now()) == circle.airtime(clock.now())
