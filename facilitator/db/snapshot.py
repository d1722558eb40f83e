"""Consistent copies of a live SQLite file (encrypted or not) and checks that a copy is sound."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from facilitator.errors import UserError


def connect(path: Path, key: bytes | None, *, read_only: bool = False) -> Any:
    """A DB-API connection to a file: SQLCipher with the raw key, or plain sqlite3 without one."""
    if key is None:
        if read_only:
            return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        return sqlite3.connect(str(path), timeout=5)
    from facilitator.db.encryption import sqlcipher

    if read_only:
        con = sqlcipher().connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    else:
        con = sqlcipher().connect(str(path), timeout=5)
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def online_copy(source: Path, destination: Path, key: bytes | None) -> None:
    """Copy a live database page by page through the online backup API into ``destination``.

    The copy is encrypted with the same key as the source (or plaintext, for a plaintext source),
    is one consistent snapshot even while others write, and is synced to disk before returning.
    """
    destination.unlink(missing_ok=True)
    src = connect(source, key)
    try:
        dst = connect(destination, key)
        try:
            src.backup(dst)
            # A single file is easier to move and check than a file with a -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    fsync_file(destination)


def check(path: Path, key: bytes | None, *, quick: bool = False) -> list[str]:
    """``integrity_check`` (or the faster ``quick_check``) of a file; an empty list means sound.

    An unreadable file (wrong key, not a database, damaged header) is one problem sentence.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        con = connect(path, key, read_only=True)
        try:
            rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}")]
        finally:
            con.close()
    except (sqlite3.DatabaseError, OSError) as exc:
        return [f"the file cannot be read ({_reason(exc)})"]
    except Exception as exc:  # sqlcipher3 has its own DatabaseError classes
        if type(exc).__name__.endswith("Error"):
            return [f"the file cannot be read ({_reason(exc)})"]
        raise
    return [] if rows == ["ok"] else rows[:20]


def schema_revision(path: Path, key: bytes | None) -> str | None:
    """The Alembic revision stored in a database file, or None when it has none."""
    con = connect(path, key, read_only=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except Exception:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def require_sound(path: Path, key: bytes | None) -> None:
    """Raise one sentence when ``path`` is not a sound database."""
    problems = check(path, key)
    if problems:
        raise UserError(f"The file {path.name} is not a sound database ({problems[0]}).")
