"""Clocks: the one place the app asks what time it is.

Elapsed time in a running session is always derived from stored wall-clock timestamps and a
clock; nothing counts ticks. Tests inject :class:`FakeClock` and advance it by hand.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the rest of the app needs to know about time."""

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware UTC (what gets recorded)."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never jumps (what gets shown while running)."""
        ...


class SystemClock:
    """The real clock of the machine."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that only moves when told to; for tests and reproducible demos.

    Args:
        start: the initial wall-clock time (naive values are taken as UTC).
    """

    def __init__(self, start: datetime | None = None) -> None:
        start = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        self._now = start
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float = 0.0, *, minutes: float = 0.0) -> None:
        """Move both clocks forward together."""
        delta = seconds + minutes * 60.0
        if delta < 0:
            raise ValueError("a clock cannot go backwards; use jump_wall_clock() for that")
        self._now += timedelta(seconds=delta)
        self._mono += delta

    def jump_wall_clock(self, seconds: float) -> None:
        """Change only the wall clock, as a user or NTP changing the system time would."""
        self._now += timedelta(seconds=seconds)


def utc(value: datetime) -> datetime:
    """Return ``value`` as an aware UTC datetime (naive values are taken as UTC)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
