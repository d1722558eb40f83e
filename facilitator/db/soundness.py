"""When opening a SQLite clinic file runs the full ``quick_check``, and when a light look is enough.

``quick_check`` reads every page: about three seconds for a ten-year clinic (85 MB, each page
decrypted), paid at every sign-in if it ran each time. Damage comes from outside a clean session —
a crash mid-write, a failing disk, a bad copy or restore, another program editing the file — so
when the app closes the file cleanly it records the file's size and modification time beside it.
The next opening runs the full check whenever anything differs, when the last session did not close
cleanly (no record, or a write-ahead log left behind), and at least once a week regardless.
Otherwise it only reads the schema (which decrypts and verifies the first pages).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

FULL_CHECK_EVERY = timedelta(days=7)


@dataclass(frozen=True)
class CleanClose:
    """What the file looked like when it was last closed cleanly, and when it was last fully checked."""

    size: int
    mtime_ns: int
    checked_at: datetime


def marker_path(database: Path) -> Path:
    return database.with_name(database.name + ".closed")


def read_marker(database: Path) -> CleanClose | None:
    try:
        raw = json.loads(marker_path(database).read_text(encoding="utf-8"))
        return CleanClose(int(raw["size"]), int(raw["mtime_ns"]), datetime.fromisoformat(raw["checked_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def needs_full_check(database: Path, now: datetime) -> bool:
    """True unless the file is exactly as the app left it at a clean close within the last week."""
    marker = read_marker(database)
    if marker is None:
        return True
    wal = database.with_name(database.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:  # a session that never closed (or another still open)
        return True
    stat = database.stat()
    if (stat.st_size, stat.st_mtime_ns) != (marker.size, marker.mtime_ns):
        return True
    return not timedelta(0) <= now - marker.checked_at < FULL_CHECK_EVERY


def forget(database: Path) -> None:
    """At opening: until this session closes cleanly, the next opening checks the whole file."""
    marker_path(database).unlink(missing_ok=True)


def record_clean_close(database: Path, checked_at: datetime) -> None:
    """After the last connection closed (the log written back into the file): remember the file as it is."""
    if not database.exists():
        return
    stat = database.stat()
    payload = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "checked_at": checked_at.isoformat()}
    target = marker_path(database)
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(partial, target)
    except OSError:  # a read-only folder: the next opening simply runs the full check
        partial.unlink(missing_ok=True)
