"""Where the clinic's data lives, decided without SQLAlchemy.

The sign-in window must paint before the database layer is imported (SQLAlchemy alone costs more
than the whole window), so the default file and a read-only look at it need only the standard
library; a URL given on the command line is parsed by SQLAlchemy when it is used.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.errors import UserError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

BUSY_TIMEOUT_MS = 5000
SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite"}
POSTGRES_DRIVERS = {"postgresql", "postgresql+psycopg"}
SUPPORTED = "sqlite:///FILE or postgresql+psycopg://USER@HOST/DB"


@dataclass(frozen=True)
class DatabaseTarget:
    """Where the data lives.

    Attributes:
        sqlite_path: the file, for a SQLite database; None for a server or in-memory.
        parsed: the URL given on the command line; None for the default file.
    """

    sqlite_path: Path | None
    parsed: URL | None = field(default=None, compare=False)

    @cached_property
    def url(self) -> URL:
        """The SQLAlchemy URL (built on first use, which imports SQLAlchemy)."""
        if self.parsed is not None:
            return self.parsed
        from sqlalchemy.engine import URL

        return URL.create("sqlite", database=str(self.sqlite_path))

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None or self.url.get_backend_name() == "sqlite"

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
        return DatabaseTarget(default_file)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

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
            return DatabaseTarget(None, url)
        path = Path(url.database).expanduser().resolve()
        return DatabaseTarget(path, url.set(database=str(path)))
    return DatabaseTarget(None, url)


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


