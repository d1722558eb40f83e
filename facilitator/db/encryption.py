"""SQLCipher at rest: checking a key, and turning a plaintext database into an encrypted one."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError

from facilitator.db import soundness
from facilitator.errors import UserError

PLAINTEXT_HEADER = b"SQLite format 3\x00"


def sqlcipher() -> ModuleType:
    """The SQLCipher DB-API module (a drop-in sqlite3 with encryption)."""
    import sqlcipher3.dbapi2 as module

    return cast(ModuleType, module)


def is_plaintext(path: Path) -> bool:
    """True for an existing, non-empty SQLite file that is not encrypted."""
    try:
        with path.open("rb") as handle:
            return handle.read(16) == PLAINTEXT_HEADER
    except OSError:
        return False


def verify_key(engine: Engine, target: Any) -> None:
    """Read the schema once, so a wrong key is one clear sentence now rather than a failure later.

    Raises:
        UserError: the key does not open this file, or the file is plaintext.
    """
    path: Path | None = target.sqlite_path
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    if is_plaintext(path):
        raise UserError(f"The database {path.name} is not encrypted, but a key was given for it.")
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
    except DatabaseError:
        engine.dispose()
        raise UserError(f"The key does not open the database {path.name} (wrong key, or the file is "
                        "damaged); nothing was changed.") from None


def _keyed(path: Path, key: bytes) -> Any:
    con = sqlcipher().connect(str(path))
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


def export_encrypted(source: Path, destination: Path, key: bytes, *, source_key: bytes | None = None) -> None:
    """Write an encrypted copy of ``source`` (plaintext, or encrypted with ``source_key``)."""
    destination.unlink(missing_ok=True)
    con = _keyed(source, source_key) if source_key is not None else sqlcipher().connect(str(source))
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(destination),))
        con.execute("SELECT sqlcipher_export('encrypted')")
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()


def check_encrypted_copy(path: Path, key: bytes, expected: dict[str, int]) -> None:
    """Open an encrypted copy with its key; integrity and every table's row count must match."""
    con = _keyed(path, key)
    try:
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise UserError("The encrypted copy failed its integrity check; the original was kept.")
        for table, count in expected.items():
            if con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] != count:
                raise UserError(f"The encrypted copy lost rows of {table}; the original was kept.")
    finally:
        con.close()


def table_counts_plaintext(path: Path) -> dict[str, int]:
    con = sqlite3.connect(str(path))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        tables = [r[0] for r in con.execute(query)]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def encrypt_in_place(path: Path, key: bytes, backup: Path) -> None:
    """Replace a plaintext database by an encrypted one with the same content.

    The encrypted copy is verified (integrity, row counts) and kept in ``backup`` before it replaces
    the original, so a failure at any point leaves a complete database behind.
    """
    counts = table_counts_plaintext(path)
    staging = path.with_name(path.name + ".encrypting")
    export_encrypted(path, staging, key)
    check_encrypted_copy(staging, key, counts)
    backup.parent.mkdir(parents=True, exist_ok=True)
    export_encrypted(staging, backup, key, source_key=key)
    with staging.open("rb") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    soundness.forget(path)  # a new file: the next opening checks it in full
    os.replace(staging, path)
