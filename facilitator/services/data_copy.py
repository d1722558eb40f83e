"""Copy a clinic between databases (a laptop's SQLite file and a PostgreSQL server), verified.

Tables are copied in foreign-key order, in chunks, with their ids; PostgreSQL's id sequences are then
moved past the copied ids. Each table is verified by its row count and a SHA-256 over its rows in id
order, with values normalised so both backends give the same digest. Accounts keep their Argon2id
hashes, so every password works on the copy; the audit chain keeps its ids and hashes, so it still verifies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from facilitator import paths
from facilitator.db import (
    keyslots,
    migrate,
    models,  # noqa: F401  (registers every table)
)
from facilitator.db.base import Base
from facilitator.db.engine import create_db_engine, refresh_statistics, resolve_target
from facilitator.db.keyslots import KdfParams
from facilitator.errors import UserError
from facilitator.services import accounts, clinic_keys

CHUNK = 2000


@dataclass(frozen=True)
class TableCopy:
    """One table's verification: its rows and their checksum."""

    table: str
    rows: int
    checksum: str


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):  # SQLite hands back a whole NUMERIC as an int, PostgreSQL as a float
        return int(value) if value.is_integer() else repr(round(value, 9))
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


class _Digest:
    def __init__(self) -> None:
        self.sha = hashlib.sha256()
        self.rows = 0

    def add(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            line = json.dumps([_normal(v) for v in row], sort_keys=True, ensure_ascii=False, default=str)
            self.sha.update(line.encode("utf-8") + b"\n")
            self.rows += 1


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _ordered(table: Table) -> Any:
    return select(table).order_by(*table.primary_key.columns)


def checksums(connection: Connection) -> list[TableCopy]:
    """Row count and checksum of every clinic table, in dependency order."""
    out: list[TableCopy] = []
    for table in _tables():
        digest = _Digest()
        for part in connection.execution_options(yield_per=CHUNK).execute(_ordered(table)).partitions():
            digest.add(part)
        out.append(TableCopy(table.name, digest.rows, digest.sha.hexdigest()))
    return out


def require_empty(connection: Connection, where: str) -> None:
    """Raises UserError unless every clinic table of the target is empty."""
    for table in _tables():
        if connection.scalar(select(func.count()).select_from(table)):
            raise UserError(f"The target database {where} already holds clinic records (table {table.name}); "
                            "copy only into an empty database.")


def reset_sequences(connection: Connection) -> None:
    """Move PostgreSQL's id sequences past the ids written explicitly (a copy, the demo's bulk inserts);
    without it the next ordinary insert would reuse an id and fail."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables():
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
            f"FROM {table.name}"))


def copy_clinic(source: Engine, target: Engine, *, where: str, chunk: int = CHUNK) -> list[TableCopy]:
    """Copy every clinic table from ``source`` into the empty ``target`` (both at the same schema head).

    Returns:
        Each table's row count and checksum, identical on both sides.

    Raises:
        UserError: a non-empty target, or a copy whose counts or checksums differ (nothing is committed then).
    """
    copied: list[TableCopy] = []
    with source.connect() as src, target.begin() as dst:
        if src.dialect.name == "postgresql":  # one snapshot of the whole clinic, even while others write
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        require_empty(dst, where)
        for table in _tables():
            digest = _Digest()
            for part in src.execution_options(yield_per=chunk).execute(_ordered(table)).partitions():
                digest.add(part)
                dst.execute(insert(table), [dict(row._mapping) for row in part])
            copied.append(TableCopy(table.name, digest.rows, digest.sha.hexdigest()))
        reset_sequences(dst)
        landed = checksums(dst)  # read back before committing: a mismatch leaves the target empty
        if landed != copied:
            bad = next(a.table for a, b in zip(copied, landed, strict=True) if a != b)
            raise UserError(f"The copy of table {bad} does not match its source; nothing was written.")
    refresh_statistics(target)
    return copied


def prepare_target(database_url: str, data_dir: str | Path | None, username: str, password: str, *,
                   kdf: KdfParams | None = None) -> tuple[Engine, str | None]:
    """An engine on the empty target, migrated to head; a new SQLite file is encrypted.

    A new SQLite file gets a key slot for ``username`` with ``password`` (the person copying); other
    accounts get theirs when an administrator resets their password there.

    Returns:
        The engine and, for a new encrypted file, its recovery key (to be shown once).

    Raises:
        UserError: a target that already holds a clinic.
    """
    directory = paths.ensure_data_dir(paths.resolve_data_dir(data_dir))
    target = resolve_target(database_url, paths.default_database_path(directory))
    key: bytes | None = None
    recovery: str | None = None
    if target.sqlite_path is not None:
        keyfile = keyslots.keyfile_path(target.sqlite_path)
        if keyfile.exists() or (target.sqlite_path.exists() and target.sqlite_path.stat().st_size > 0):
            raise UserError(f"The target {target.describe()} already holds a clinic; copy only into a new file.")
        key, recovery = clinic_keys.create_keyfile(keyfile, accounts.check_username(username), password, kdf=kdf)
    engine = create_db_engine(target, key=key)
    try:
        with engine.connect() as connection:
            if _has_tables(connection):
                require_empty(connection, target.describe())
        migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine, recovery


def _has_tables(connection: Connection) -> bool:
    return "account" in inspect(connection).get_table_names()
