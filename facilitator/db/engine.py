"""Open the clinic's database: resolve the URL, probe it safely, and configure the engine.

The default is a SQLite file in the data directory, in WAL mode with ``synchronous=FULL`` (no
acknowledged commit is lost on power failure), foreign keys on and a busy timeout so two windows
of the app wait for each other instead of failing. Any SQLAlchemy URL can be given instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, Engine, create_engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from facilitator.errors import UserError

BUSY_TIMEOUT_MS = 5000
SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite"}
POSTGRES_DRIVERS = {"postgresql", "postgresql+psycopg"}
SUPPORTED = "sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"


@dataclass(frozen=True)
class DatabaseTarget:
    """Where the data lives.

    Attributes:
        url: the SQLAlchemy URL.
        sqlite_path: the file, for a SQLite database; None for a server or in-memory.
    """

    url: URL
    sqlite_path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def describe(self) -> str:
        """A label for the status bar; never shows a password."""
        if self.sqlite_path is not None:
            return f"SQLite file {self.sqlite_path}"
        if self.is_sqlite:
            return "SQLite in memory"
        host = self.url.host or "localhost"
        port = f":{self.url.port}" if self.url.port else ""
        return f"PostgreSQL {self.url.database} on {host}{port}"


def resolve_target(database_url: str | None, default_file: Path) -> DatabaseTarget:
    """Turn ``--database-url`` (or the default file) into a checked target.

    Raises:
        UserError: for a URL that cannot be parsed or names a database we do not support.
    """
    if not database_url:
        return DatabaseTarget(URL.create("sqlite", database=str(default_file)), default_file)
    try:
        url = make_url(database_url)
    except ArgumentError:
        raise UserError(f"The database URL {database_url!r} cannot be read; use {SUPPORTED}.") from None
    driver = url.drivername
    if driver == "postgresql":  # plain scheme: pick the driver we ship
        url = url.set(drivername="postgresql+psycopg")
        driver = url.drivername
    if driver not in SQLITE_DRIVERS | POSTGRES_DRIVERS:
        raise UserError(f"Unsupported database URL scheme {driver!r}; use {SUPPORTED}.")
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return DatabaseTarget(url, None)
        path = Path(url.database).expanduser().resolve()
        return DatabaseTarget(url.set(database=str(path)), path)
    return DatabaseTarget(url, None)


def probe_sqlite_file(path: Path) -> None:
    """Check, read-only, that an existing file is an SQLite database; never writes to it.

    Raises:
        UserError: if the file is not a database or cannot be read.
    """
    if not path.exists():
        if not path.parent.is_dir():
            raise UserError(f"The folder for the database {path} does not exist.")
        return
    if path.is_dir():
        raise UserError(f"The database path {path} is a folder, not a file.")
    if path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise UserError(f"The database file {path} cannot be read ({exc.strerror or exc}).") from None
    if header != b"SQLite format 3\x00":
        raise UserError(
            f"The file {path} is not a Facilitator database (it is not an SQLite database, or it is "
            "encrypted with a key this app was not given); it was left untouched."
        )
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA schema_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"The database file {path} cannot be opened ({exc}); it was left untouched.") from None


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
