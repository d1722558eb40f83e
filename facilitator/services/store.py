"""The open clinic database: engine, unit-of-work sessions, the signed-in person, and getting there.

The UI receives a :class:`Store` from the bootstrap and calls services through it; it never sees
an engine or writes SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from facilitator.db.engine import DatabaseTarget
from facilitator.db.migrate import MigrationResult
from facilitator.db.models import GroupSession, Participant
from facilitator.domain.clock import Clock, SystemClock
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.actor import Actor

if TYPE_CHECKING:
    from facilitator.services.opening import ClinicProbe, NewClinic, open_store, probe_clinic  # noqa: F401

P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Store:
    """An open database.

    Attributes:
        target: where the data lives (shown in the status bar).
        engine: the SQLAlchemy engine (services only).
        data_dir: the data directory (backups, logs, settings).
        migration: what happened to the schema when it was opened.
        actor: the signed-in person; stamped on every record and audit row.
        keyfile: the key slots of an encrypted SQLite database; None when not encrypted.
        demo: a fictional demo clinic (its login screen may show the demo password).
        clock: what "now" is for the audit trail (a fake clock in tests and screenshots).
    """

    target: DatabaseTarget
    engine: Engine
    data_dir: Path
    migration: MigrationResult | None = None
    actor: Actor | None = None
    keyfile: Path | None = None
    demo: bool = False
    clock: Clock = field(default_factory=SystemClock)
    data_key: bytes | None = field(default=None, repr=False)
    new_recovery_key: str | None = field(default=None, repr=False)  # shown once, right after set-up
    checked_at: datetime | None = None  # when the SQLite file last passed a full quick_check

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        actors.install_hooks(self._sessions)

    @property
    def encrypted(self) -> bool:
        return self.keyfile is not None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises.

        Raises:
            UserError: the write could not be saved (full disk, read-only folder); nothing of it was kept.
            EditConflict: when a versioned record was saved by another computer first (nothing is overwritten).
        """
        from facilitator.services.conflicts import stale_as_conflict

        try:
            with stale_as_conflict(), self._sessions.begin() as session:
                if self.actor is not None:
                    session.info[actors.ACTOR_KEY] = self.actor
                session.info[actors.CLOCK_KEY] = self.clock
                yield session
        except OperationalError as exc:
            sentence = save_failure(str(exc.orig))
            if sentence is None:
                raise
            raise UserError(sentence) from None

    def run(self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Call a service function inside one unit of work and return its result."""
        with self.session() as session:
            return fn(session, *args, **kwargs)

    def is_empty(self) -> bool:
        """True for a database with no participants and no sessions (a first run)."""
        with self.session() as session:
            people = session.scalar(select(func.count()).select_from(Participant)) or 0
            sessions = session.scalar(select(func.count()).select_from(GroupSession)) or 0
        return people == 0 and sessions == 0

    def dispose(self) -> None:
        """Close every connection; a SQLite file closed cleanly is remembered (see ``db.soundness``)."""
        self.engine.dispose()
        if self.target.sqlite_path is not None and self.checked_at is not None:
            from facilitator.db.soundness import record_clean_close

            record_clean_close(self.target.sqlite_path, self.checked_at)
            self.checked_at = None  # once: a second dispose must not vouch for later changes


def save_failure(message: str) -> str | None:
    """One sentence for a write the disk refused, or None for any other database error."""
    text = message.lower()
    if "disk is full" in text or "disk i/o error" in text:
        return "This could not be saved: the disk is full or failing; nothing of this change was written."
    if "readonly" in text or "read-only" in text or "unable to open database file" in text:
        return ("This could not be saved: the data folder is read-only; nothing of this change was written.")
    return None


# Opening lives in facilitator.services.opening (which needs Store); callers may import its names
# from here, resolved lazily so that neither module imports the other at load time.
_FROM_OPENING = ("ClinicProbe", "NewClinic", "open_store", "probe_clinic")


def __getattr__(name: str) -> object:
    if name in _FROM_OPENING:
        from facilitator.services import opening

        return getattr(opening, name)
    raise AttributeError(name)


__all__ = ["ClinicProbe", "NewClinic", "Store", "open_store", "probe_clinic"]
