"""Backups of the clinic database: on demand, automatic (on close and while there are changes), rotated.

A backup of an encrypted database stays encrypted with the same data key and gets a copy of the
key file beside it (``<backup>.keys``): useless without a password, restorable with one. Every
copy is written under a temporary name, checked, synced and then renamed, so a crash leaves either
no backup or a whole one.

Rotation keeps, among the automatic backups (``auto-*.db``), the newest one of each of the 7 most
recent days that have one and the newest one of each of the 4 most recent ISO weeks that have
one; everything else automatic is deleted. Copies made before a restore or an upgrade, damaged
files moved aside and backups written with ``facilitator backup -o`` are never deleted.
"""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from facilitator import paths
from facilitator.db import keyslots, snapshot
from facilitator.db.models import AuditEvent
from facilitator.errors import UserError
from facilitator.services.store import Store

AUTO_PREFIX = "auto-"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
PG_SENTENCE = ("This clinic database is on a PostgreSQL server: back it up with pg_dump and restore it with "
               "pg_restore (see the README).")


def stamp(moment: datetime) -> str:
    """A file-name time stamp in UTC, sortable: 20260312-090000."""
    return moment.astimezone(UTC).strftime("%Y%m%d-%H%M%S")


def keys_beside(database: Path) -> Path:
    return keyslots.keyfile_path(database)


def _sqlite_path(store: Store) -> Path:
    if store.target.sqlite_path is None:
        raise UserError(PG_SENTENCE)
    return store.target.sqlite_path


def disk_error(exc: OSError, where: Path) -> UserError:
    """One sentence for a failed write: a full disk, a read-only folder, or anything else."""
    if exc.errno == errno.ENOSPC:
        return UserError(f"The disk holding {where} is full; nothing was written.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"The folder {where} cannot be written (read-only or no permission); nothing was written.")
    return UserError(f"Writing to {where} failed ({exc.strerror or exc}); nothing was written.")


def write_copy(store: Store, destination: Path) -> Path:
    """Write a checked, encrypted-as-the-original copy of the open database (and its key file).

    Raises:
        UserError: PostgreSQL, a destination that is the database itself, or a failed write.
    """
    source = _sqlite_path(store)
    destination = destination.expanduser().resolve()
    if destination == source:
        raise UserError("The backup cannot replace the database itself; choose another file name.")
    if destination.is_dir():
        raise UserError(f"{destination} is a folder; give the backup a file name.")
    partial = destination.with_name(f".{destination.name}.partial")
    partial_keys = keys_beside(partial)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        snapshot.online_copy(source, partial, store.data_key)
        problems = snapshot.check(partial, store.data_key)
        if problems:
            raise UserError(f"The backup copy failed its integrity check ({problems[0]}); it was not kept.")
        if store.keyfile is not None:
            shutil.copyfile(store.keyfile, partial_keys)
            snapshot.fsync_file(partial_keys)
            partial_keys.replace(keys_beside(destination))
        partial.replace(destination)
        snapshot.fsync_dir(destination.parent)
    except OSError as exc:
        raise disk_error(exc, destination.parent) from None
    finally:
        partial.unlink(missing_ok=True)
        partial_keys.unlink(missing_ok=True)
    return destination


def change_marker(store: Store) -> int:
    """A number that grows with every write: every flush appends to the audit chain."""
    with store.session() as session:
        return int(session.scalar(select(func.max(AuditEvent.id))) or 0)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime


def automatic_backups(folder: Path) -> list[BackupFile]:
    """The automatic backups in ``folder``, newest first."""
    found: list[BackupFile] = []
    for path in folder.glob(f"{AUTO_PREFIX}*.db"):
        try:
            taken = datetime.strptime(path.stem[len(AUTO_PREFIX):], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(BackupFile(path, taken))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def to_keep(backups: list[BackupFile]) -> set[Path]:
    """The rotation rule (see the module docstring); ``backups`` newest first."""
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for b in backups:
        day = b.taken_at.date()
        week = day.isocalendar()[:2]
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(b.path)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(b.path)
    return keep


def rotate(folder: Path) -> list[Path]:
    """Delete the automatic backups the rotation rule does not keep; returns what was deleted."""
    backups = automatic_backups(folder)
    keep = to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            keys_beside(b.path).unlink(missing_ok=True)
            removed.append(b.path)
    return removed


class AutoBackup:
    """Automatic backups of one open store: every ``interval_minutes`` while there are changes, and on close.

    Call :meth:`tick` from a timer (a minute apart is plenty) and :meth:`on_close` when the app closes;
    both are cheap when nothing changed (one ``max(id)`` query).
    """

    def __init__(self, store: Store, interval_minutes: int) -> None:
        self.store = store
        self.interval_minutes = max(1, interval_minutes)
        self.folder = paths.backups_dir(store.data_dir)
        self._marker = change_marker(store) if store.target.sqlite_path is not None else 0
        self._last_at = store.clock.now()

    def tick(self) -> Path | None:
        """Back up when the interval has passed and something changed since the last backup."""
        now = self.store.clock.now()
        if (now - self._last_at).total_seconds() < self.interval_minutes * 60:
            return None
        return self.backup_if_changed()

    def on_close(self) -> Path | None:
        return self.backup_if_changed()

    def backup_if_changed(self) -> Path | None:
        if self.store.target.sqlite_path is None:
            return None
        marker = change_marker(self.store)
        if marker == self._marker:
            return None
        now = self.store.clock.now()
        written = write_copy(self.store, self.folder / f"{AUTO_PREFIX}{stamp(now)}.db")
        self._marker, self._last_at = marker, now
        rotate(self.folder)
        return written
