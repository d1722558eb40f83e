"""The demo clinic's calendar: five groups, their weekly meetings, and the 6-session series shape.

A series is 1 preparation, 3 dosing and 2 integration sessions (CLINICAL.md). Closed cohorts rest a
week or two between series; the rolling group starts a new series straight away; the open circle
meets every week. Everything is anchored on "now": the first group's meeting today is the one
session running now, in the middle of its series.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

SERIES = ("preparation", "dosing", "dosing", "dosing", "integration", "integration")
LABELS = ("Preparation", "Dosing 1 of 3", "Dosing 2 of 3", "Dosing 3 of 3", "Integration 1 of 2",
          "Integration 2 of 2")
RUNNING_POSITION = 2  # the session running now is the second dosing session of its series
MEETING_TIMES = ((9, 30), (13, 0), (17, 30))


@dataclass(frozen=True)
class GroupPlan:
    """A group as the calendar sees it (staff are keys into the staff list)."""

    index: int
    name: str
    kind: str  # "closed" or "open"
    series: bool  # runs 6-session series; otherwise a weekly integration circle
    language: str
    weekday: int
    time: tuple[int, int]
    location: str
    therapist: str
    medic: str
    description: str


@dataclass(frozen=True)
class Slot:
    """One session on the calendar."""

    group: int
    day: date  # clinic-local date
    start: datetime  # UTC
    kind: str  # protocol kind
    series_no: int  # 0 for the open circle
    position: int  # 0..5 within the series, -1 for the open circle
    running: bool = False

    @property
    def label(self) -> str:
        return LABELS[self.position] if self.position >= 0 else "Open integration circle"

    @property
    def title(self) -> str:
        return f"Series {self.series_no} · {self.label}" if self.position >= 0 else self.label


def local_to_utc(day: date, time: tuple[int, int], zone: tzinfo | None) -> datetime:
    """A clinic-local wall time as UTC; ``zone`` None means this computer's local time zone."""
    naive = datetime(day.year, day.month, day.day, time[0], time[1])
    if zone is None:
        return naive.astimezone(UTC)
    return naive.replace(tzinfo=zone).astimezone(UTC)


def plan_groups(rng: random.Random, run_start_local: datetime, today: date) -> list[GroupPlan]:
    """The five groups; the first meets at the hour of the session running now."""
    busy = {today.weekday(), run_start_local.weekday()}
    pairs = [(d, t) for d in range(5) if d not in busy for t in MEETING_TIMES]
    picked = rng.sample(pairs, 4)
    first = (run_start_local.weekday(), (run_start_local.hour, run_start_local.minute))
    (d0, t0), (d1, t1), (d2, t2), (d3, t3), (d4, t4) = [first, *picked]
    return [
        GroupPlan(0, "Aspen Cohort", "closed", True, "en", d0, t0, "Willow Room", "demo", "hlindqvist",
                  "Closed cohort for treatment-resistant depression; six-session series with a short rest between."),
        GroupPlan(1, "Juniper Cohort", "closed", True, "en", d1, t1, "Aspen Room", "dreyes", "mokafor",
                  "Closed cohort focused on anxiety and burnout."),
        GroupPlan(2, "Grupo Ceiba (en español)", "closed", True, "es", d2, t2, "Garden Room", "dreyes",
                  "hlindqvist", "Closed cohort held in Spanish; handouts in Spanish."),
        GroupPlan(3, "Rolling KAP Group", "open", True, "en", d3, t3, "Willow Room", "tmarchetti", "mokafor",
                  "Open group: new members join at each preparation session; a new series starts every six weeks."),
        GroupPlan(4, "Open Integration Circle", "open", False, "en", d4, t4, "Garden Room", "tmarchetti", "demo",
                  "Weekly integration circle for anyone who has completed a dosing series; drop-ins welcome."),
    ]


def closure_days(first_year: int, last_year: int) -> frozenset[date]:
    """Days the clinic is closed: the winter holidays, Thanksgiving, July 4, Memorial and Labor Day."""
    days: list[date] = []
    for year in range(first_year, last_year + 1):
        days.extend(date(year, 12, 24) + timedelta(days=i) for i in range(8))
        days.append(date(year, 7, 4))
        november = date(year, 11, 1)
        thanksgiving = november + timedelta(days=(3 - november.weekday()) % 7 + 21)
        days.extend((thanksgiving, thanksgiving + timedelta(days=1)))
        may_end = date(year, 5, 31)
        days.append(may_end - timedelta(days=may_end.weekday()))
        september = date(year, 9, 1)
        days.append(september + timedelta(days=(7 - september.weekday()) % 7))
    return frozenset(days)


def _positions(count: int, anchor: int, anchor_pos: int, rng: random.Random, breaks: tuple[int, ...]
               ) -> dict[int, int]:
    """Series positions for ``count`` weekly slots, with ``anchor`` at ``anchor_pos``; breaks leave gaps."""
    positions: dict[int, int] = {}
    i, pos = anchor, anchor_pos
    while i < count:
        positions[i] = pos
        i, pos = i + 1, pos + 1
        if pos == len(SERIES):
            i, pos = i + rng.choice(breaks), 0
    i, pos = anchor - 1, anchor_pos - 1
    while i >= 0:
        if pos < 0:
            i, pos = i - rng.choice(breaks), len(SERIES) - 1
            continue
        positions[i] = pos
        i, pos = i - 1, pos - 1
    return positions


def build_slots(rng: random.Random, groups: list[GroupPlan], first_day: date, last_day: date, run_day: date,
                today: date, zone: tzinfo | None) -> list[Slot]:
    """Every session from ``first_day`` to ``last_day``, in time order."""
    closed = closure_days(first_day.year, last_day.year)
    slots: list[Slot] = []
    for g in groups:
        day = first_day + timedelta(days=(g.weekday - first_day.weekday()) % 7)
        days: list[date] = []
        while day <= last_day:
            if day not in closed or (g.index == 0 and day == run_day):
                days.append(day)
            day += timedelta(days=7)
        if not g.series:
            slots.extend(Slot(g.index, d, local_to_utc(d, g.time, zone), "integration", 0, -1) for d in days)
            continue
        if g.index == 0:
            anchor, anchor_pos = days.index(run_day), RUNNING_POSITION
        else:
            anchor = next((i for i, d in enumerate(days) if d >= today), len(days) - 1)
            anchor_pos = rng.randrange(len(SERIES))
        breaks = (0,) if g.kind == "open" else (0, 0, 0, 0, 0, 0, 0, 1, 1, 2)
        positions = _positions(len(days), anchor, anchor_pos, rng, breaks)
        series_no = 0
        for i, d in enumerate(days):
            pos = positions.get(i)
            if pos is None or (series_no == 0 and pos != 0):
                continue  # a break, or a series already under way when the history begins
            series_no += pos == 0
            running = g.index == 0 and d == run_day
            start = local_to_utc(d, g.time, zone)
            slots.append(Slot(g.index, d, start, SERIES[pos], series_no, pos, running))
    slots.sort(key=lambda s: (s.start, s.group))
    return slots
