"""Actual phase timings of a run: small over- and underruns, an occasional pause or extension."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class PhaseTiming:
    """When a phase really ran; ``end`` is None while it runs, both None before it starts."""

    start: datetime | None
    end: datetime | None
    pauses: list[tuple[datetime, datetime]] = field(default_factory=list)
    extensions: list[tuple[datetime, int]] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        if self.start is None or self.end is None:
            return 0.0
        return (self.end - self.start).total_seconds()


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=round(value))


def run_phases(rng: random.Random, start: datetime, minutes: list[int], *, min_seconds: dict[int, float],
               steady: frozenset[int] = frozenset()) -> list[PhaseTiming]:
    """A finished run: each phase close to its plan, the next starting when the previous one ends.

    Args:
        min_seconds: a floor per phase index (the dosing phase must fit every dose).
        steady: phases that keep closely to time (the medicine journey follows the music).
    """
    timings: list[PhaseTiming] = []
    at = start
    for index, planned in enumerate(minutes):
        plan = planned * 60.0
        low, high = (0.97, 1.06) if index in steady else (0.85, 1.15)
        length = plan * rng.uniform(low, high)
        timing = PhaseTiming(at, None)
        roll = rng.random()
        if roll < 0.06 and index not in steady:
            extra = rng.choice((5, 5, 10))
            timing.extensions.append((at + _seconds(plan - rng.uniform(30, 180)), extra))
            length = plan + extra * 60 + rng.uniform(-60, 120)
        elif roll < 0.10:
            pause_at = at + _seconds(length * rng.uniform(0.2, 0.7))
            pause = rng.uniform(120, 420)
            timing.pauses.append((pause_at, pause_at + _seconds(pause)))
            length += pause
        length = max(length, min_seconds.get(index, 0.0))
        timing.end = at + _seconds(length)
        timings.append(timing)
        at = timing.end + _seconds(rng.uniform(0, 45))
    return timings


def running_phases(start: datetime, minutes_so_far: list[float], dosing_seconds: float, total: int
                   ) -> list[PhaseTiming]:
    """The session running now: finished phases, the dosing phase, the current phase open, the rest ahead."""
    timings: list[PhaseTiming] = []
    at = start
    for length in [*(m * 60 for m in minutes_so_far), dosing_seconds]:
        end = at + _seconds(length)
        timings.append(PhaseTiming(at, end))
        at = end + timedelta(seconds=20)
    timings.append(PhaseTiming(at, None))
    timings.extend(PhaseTiming(None, None) for _ in range(total - len(timings)))
    return timings


def phase_at(timings: list[PhaseTiming], when: datetime) -> int:
    """The index of the phase running at ``when`` (the last started one)."""
    index = 0
    for i, t in enumerate(timings):
        if t.start is not None and t.start <= when:
            index = i
    return index
