"""The open clinic database: engine, unit-of-work sessions, and how the app gets there.

The UI receives a :class:`Store` from the bootstrap and calls services through it; it never sees
an engine or writes SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from facilitator import paths
from facilitator.db import migrate
from facilitator.db.engine import DatabaseTarget, create_db_engine, resolve_target
from facilitator.db.migrate import MigrationResult
from facilitator.db.models import GroupSession, Participant
from facilitator.errors import UserError

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
    """

    target: DatabaseTarget
    engine: Engine
    data_dir: Path
    migration: MigrationResult | None = None

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises."""
        with self._sessions.begin() as session:
            yield session

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
        self.engine.dispose()


def open_store(
    database_url: str | None = None,
    data_dir: str | Path | None = None,
    *,
    upgrade: bool = True,
    sync_protocols: bool = True,
) -> Store:
    """Open (and create if needed) the clinic database, migrated to the newest schema.

    Args:
        database_url: any SQLAlchemy URL; None means the SQLite file in the data directory.
        data_dir: the data directory; None means ``FACILITATOR_DATA_DIR`` or the platform default.
        upgrade: apply migrations (a SQLite file is copied into ``backups/`` first).
        sync_protocols: load the built-in protocols from ``resources/protocols``.

    Raises:
        UserError: for every problem a user can fix (bad URL, not a database, unwritable folder).
    """
    directory = paths.ensure_data_dir(paths.resolve_data_dir(data_dir))
    target = resolve_target(database_url, paths.default_database_path(directory))
    engine = create_db_engine(target)
    try:
        result = None
        if upgrade:
            result = migrate.upgrade(
                engine, sqlite_path=target.sqlite_path, backup_dir=paths.backups_dir(directory)
            )
        store = Store(target=target, engine=engine, data_dir=directory, migration=result)
        if sync_protocols:
            from facilitator.services.protocols import sync_builtin_protocols

            store.run(sync_builtin_protocols)
    except OperationalError as exc:
        engine.dispose()
        raise UserError(_describe_operational_error(target, exc)) from None
    except DBAPIError as exc:
        engine.dispose()
        raise UserError(f"The database at {target.describe()} cannot be used ({exc.orig}).") from None
    except BaseException:
        engine.dispose()
        raise
    return store


def _describe_operational_error(target: DatabaseTarget, exc: OperationalError) -> str:
    text = str(exc.orig)
    if "locked" in text:
        return f"The database {target.describe()} is locked by another program; close it and try again."
    if "readonly" in text or "read-only" in text:
        return f"The database {target.describe()} is read-only; check the file's permissions."
    if "not a database" in text or "malformed" in text:
        return f"The database {target.describe()} is damaged ({text}); it was left untouched."
    if "connect" in text or "could not translate host" in text or "Connection refused" in text:
        return f"Cannot reach the database server for {target.describe()} ({text.splitlines()[0]})."
    return f"The database {target.describe()} cannot be opened ({text.splitlines()[0]})."
