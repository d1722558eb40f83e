"""How times, days and durations read on screen (always local time, always from a given "now").

Everything takes the current time as an argument so a screen shows the same words in a test with a
fake clock as it would at that moment on a real laptop.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

if TYPE_CHECKING:
    from facilitator.services.store import Store

# Date patterns are translatable too: a Spanish reader writes "jueves, 12 de marzo de 2026".
translate = QCoreApplication.translate


def local(dt: datetime) -> datetime:
    """``dt`` in the laptop's time zone (stored times are UTC)."""
    return dt.astimezone()


def time_of_day(dt: datetime) -> str:
    """"14:30" or "2:30 PM", as the laptop's locale writes short times."""
    t = local(dt)
    return _short_time(t.hour, t.minute, QLocale().name())


@lru_cache(maxsize=2048)
def _short_time(hour: int, minute: int, _locale: str) -> str:
    # The runner asks for the same few clock times four times a second; the locale is in the key so
    # a change of locale is never served a stale string.
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def long_date(dt: datetime) -> str:
    """"Thursday 12 March 2026"."""
    d = local(dt)
    return QLocale().toString(QDate(d.year, d.month, d.day), translate("format", "dddd d MMMM yyyy"))


def day_label(dt: datetime, now: datetime) -> str:
    """"Today", "Tomorrow", "Yesterday", or a short date such as "Mon 16 Mar"."""
    day, today = local(dt).date(), local(now).date()
    offset = (day - today).days
    if offset == 0:
        return translate("format", "Today")
    if offset == 1:
        return translate("format", "Tomorrow")
    if offset == -1:
        return translate("format", "Yesterday")
    fmt = translate("format", "ddd d MMM") if day.year == today.year else translate("format", "ddd d MMM yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), fmt)


def duration(delta: timedelta) -> str:
    """"1 h 12 min", "12 min", "under a minute" (whole minutes: seconds would flicker)."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return translate("format", "under a minute")
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def duration_minutes(minutes: int) -> str:
    """"45 min", "1 h", "3 h 20 min" for a planned length in whole minutes."""
    hours, rest = divmod(max(0, minutes), 60)
    if hours == 0:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """"1 participant", "3 participants"."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def database_label(store: Store) -> tuple[str, str]:
    """A short name for the open database and its full description (for a tooltip).

    A SQLite file shows only its file name (the full path is long and personal); a server shows
    "PostgreSQL <database> on <host>", never a password.
    """
    full = store.target.describe()
    path = store.target.sqlite_path
    return (path.name if path is not None else full), full
