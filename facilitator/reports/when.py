"""Dates and times as the clinical documents print them, in the clinic's time zone (stored times are UTC)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

# Spelled out rather than strftime's %A/%B: the app sets the process locale, the record stays English.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class When:
    """Formats instants in one zone (None: this computer's), 24-hour clock, English month names."""

    zone: tzinfo | None = None

    def local(self, dt: datetime) -> datetime:
        return dt.astimezone(self.zone)

    def time(self, dt: datetime | None) -> str:
        """"16:37", or an en dash when there is no time."""
        if dt is None:
            return "–"
        d = self.local(dt)
        return f"{d.hour:02d}:{d.minute:02d}"

    def day(self, dt: datetime) -> str:
        """"Thursday 5 March 2026"."""
        d = self.local(dt)
        return f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]} {d.year}"

    def short_day(self, value: datetime | date) -> str:
        """"5 Mar 2026"."""
        d = self.local(value).date() if isinstance(value, datetime) else value
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"

    def stamp(self, dt: datetime | None) -> str:
        """"5 Mar 2026 16:37"."""
        return "–" if dt is None else f"{self.short_day(dt)} {self.time(dt)}"

    def span(self, start: datetime | None, end: datetime | None) -> str:
        """"16:37–18:05"."""
        if start is None:
            return "–"
        return f"{self.time(start)}–{self.time(end) if end is not None else ''}"


def minutes(value: float) -> str:
    """Whole minutes: "17 min", or "2 h 5 min" from two hours on."""
    whole = round(value)
    if whole < 120:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def duration(seconds: float | None) -> str:
    """"4:05" for a share's length (minutes:seconds)."""
    if seconds is None:
        return "–"
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def humanize(value: str) -> str:
    """A stored value such as "left_early" as words: "Left early"."""
    return value.replace("_", " ").replace("-", " ").strip().capitalize()
