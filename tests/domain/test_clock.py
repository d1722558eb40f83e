from datetime import UTC, datetime, timedelta, timezone

import pytest

from facilitator.domain.clock import FakeClock, SystemClock, utc


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    assert clock.now() == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    mono = clock.monotonic()
    clock.advance(90)
    clock.advance(minutes=2)
    assert clock.now() == datetime(2026, 3, 1, 9, 3, 30, tzinfo=UTC)
    assert clock.monotonic() == pytest.approx(mono + 210)


def test_fake_clock_refuses_to_go_backwards_but_can_jump_the_wall_clock() -> None:
    clock = FakeClock()
    with pytest.raises(ValueError):
        clock.advance(-1)
    mono = clock.monotonic()
    before = clock.now()
    clock.jump_wall_clock(-3600)
    assert clock.now() == before - timedelta(hours=1)
    assert clock.monotonic() == mono


def test_naive_start_is_taken_as_utc() -> None:
    assert FakeClock(datetime(2026, 1, 1, 8, 0)).now().tzinfo is UTC


def test_system_clock_is_aware_and_monotonic() -> None:
    clock = SystemClock()
    assert clock.now().tzinfo is UTC
    assert clock.monotonic() <= clock.monotonic()


def test_utc_normalises() -> None:
    eastern = timezone(timedelta(hours=-5))
    assert utc(datetime(2026, 1, 1, 7, 0, tzinfo=eastern)) == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert utc(datetime(2026, 1, 1, 7, 0)).tzinfo is UTC
