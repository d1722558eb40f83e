"""One app per database: a lock file beside the database naming the process, host and start time.

A lock is stale (and taken over) when its process no longer runs on this host, or when its
heartbeat is older than ``STALE_AFTER`` (a laptop that slept, a process on another host that
died). The app refreshes the heartbeat every minute while it runs.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator.errors import UserError

STALE_AFTER = timedelta(minutes=10)


class AlreadyRunning(UserError):
    """Another live instance of the app has this database open."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _now() -> datetime:
    return datetime.now(UTC)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return False
    return True


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: str
    heartbeat: datetime

    def is_stale(self, now: datetime) -> bool:
        if self.host == socket.gethostname() and (self.pid == os.getpid() or not _alive(self.pid)):
            return True
        return now - self.heartbeat > STALE_AFTER


def read_holder(database: Path) -> Holder | None:
    """Who holds the lock, or None when there is no readable lock."""
    try:
        raw = json.loads(lock_path(database).read_text(encoding="utf-8"))
        return Holder(int(raw["pid"]), str(raw["host"]), str(raw["started"]),
                      datetime.fromisoformat(raw["heartbeat"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def live_holder(database: Path) -> Holder | None:
    holder = read_holder(database)
    if holder is None or holder.is_stale(_now()):
        return None
    return holder


def refuse_if_running(database: Path) -> None:
    holder = live_holder(database)
    if holder is not None:
        raise AlreadyRunning(f"Facilitator is open on this database (process {holder.pid} on {holder.host}); "
                             "close it first.")


class InstanceLock:
    """The lock of one running app; :meth:`release` when the app closes."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self.database = database
        self.started = _now().isoformat()

    def _write(self, *, exclusive: bool) -> None:
        body = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": self.started,
                           "heartbeat": _now().isoformat()})
        flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
        fd = os.open(self.path, flags, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)

    def acquire(self) -> InstanceLock:
        """Take the lock, replacing a stale one.

        Raises:
            AlreadyRunning: another live instance holds it.
        """
        for _ in range(2):
            try:
                self._write(exclusive=True)
                return self
            except FileExistsError:
                refuse_if_running(self.database)
                self.path.unlink(missing_ok=True)  # stale: its owner is gone
        raise AlreadyRunning("Another Facilitator is starting on this database at this moment; try again.")

    def heartbeat(self) -> None:
        try:
            self._write(exclusive=False)
        except OSError:
            pass  # a read-only moment must not stop the app; the lock only goes stale later

    def release(self) -> None:
        holder = read_holder(self.database)
        if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
            self.path.unlink(missing_ok=True)
