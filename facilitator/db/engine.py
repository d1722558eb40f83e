"""Open the clinic's database: resolve the URL, probe it safely, and configure the engine.

The default is a SQLite file in the data directory, in WAL mode with ``synchronous=FULL`` (no
acknowledged commit is lost on power failure), foreign keys on and a busy timeout so two windows
of the app wait for each other instead of failing. Any SQLAlchemy URL can be given instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.pool import NullPool

# Where the data lives is decided without SQLAlchemy (the sign-in window opens before it is imported).
from facilitator.db.target import (
    BUSY_TIMEOUT_MS,
    POSTGRES_DRIVERS,
    SQLITE_DRIVERS,
    SUPPORTED,
    DatabaseTarget,
    probe_sqlite_file,
    resolve_target,
)
from facilitator.errors import UserError

__all__ = ["BUSY_TIMEOUT_MS", "POSTGRES_DRIVERS", "SQLITE_DRIVERS", "SUPPORTED", "DatabaseTarget", "create_db_engine",
           "probe_sqlite_file", "resolve_target"]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        _apply_pragmas(cursor)
    finally:
        cursor.close()


def _apply_pragmas(cursor: Any) -> None:
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")


def _keyed_pragmas(key: bytes) -> Any:
    """A connect hook that gives SQLCipher the raw key before anything else touches the file."""
    statement = f"PRAGMA key = \"x'{key.hex()}'\""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr noise
            cursor.execute(statement)
            _apply_pragmas(cursor)
        finally:
            cursor.close()

    return on_connect


def create_db_engine(target: DatabaseTarget, *, key: bytes | None = None, **kwargs: Any) -> Engine:
    """Create the engine for a target, probing a SQLite file first so a bad file stays untouched.

    Args:
        target: where the data lives.
        key: the raw 256-bit data key of an encrypted (SQLCipher) SQLite file; None for plaintext.

    Raises:
        UserError: for a file that is not a database, a wrong key, or a driver that is not installed.
    """
    if target.sqlite_path is not None and key is None:
        probe_sqlite_file(target.sqlite_path)
    try:
        if target.is_sqlite:
            # NullPool for files: no connection outlives its use, so backups and restores see a quiet file.
            pool = {"poolclass": NullPool} if target.sqlite_path is not None else {}
            if key is not None:
                from facilitator.db import encryption

                engine = create_engine(target.url, hide_parameters=True, module=encryption.sqlcipher(),
                                       **pool, **kwargs)
                event.listen(engine, "connect", _keyed_pragmas(key))
                encryption.verify_key(engine, target)
                return engine
            engine = create_engine(target.url, hide_parameters=True, **pool, **kwargs)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(target.url, pool_pre_ping=True, hide_parameters=True, **kwargs)
    except ModuleNotFoundError as exc:
        raise UserError(
            f"The database driver {exc.name!r} is not installed; install the app with the 'postgres' extra."
        ) from None
    return engine


def refresh_statistics(engine: Engine) -> None:
    """After a bulk load into PostgreSQL (demo data, migrate-data): VACUUM ANALYZE, so the first searches
    find planner statistics and an all-visible heap instead of waiting for autovacuum. Nothing on SQLite."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
