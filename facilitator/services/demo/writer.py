"""Bulk inserts for the demo clinic: Core ``INSERT`` in chunks, with primary keys assigned here.

Assigning ids up front lets a child row name its parent without a flush; buffering every table and
writing them in dependency order keeps foreign keys satisfied at each chunk.

On SQLite a table with triggers (the full-text index's) is written through a temporary staging
table and one ``INSERT ... SELECT``: SQLite wraps each statement that fires a trigger in a
savepoint, at which FTS5 writes out its pending index, so row-by-row inserts would build the index
one row at a time (the ten-year demo clinic took twice as long to generate).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Column, MetaData, Table, delete, func, insert, select, text
from sqlalchemy.orm import Session

from facilitator.db.base import Base

Row = dict[str, Any]


class BulkWriter:
    """Collects rows per table and writes them in chunks, parents before children.

    Every table with a ``created_at`` column must be given it explicitly: the column's default is
    the wall clock, which would make two runs with the same seed differ.

    Args:
        session: the unit of work to write in (committed by the caller).
        chunk_rows: how many buffered rows, over all tables, trigger a write.
    """

    def __init__(self, session: Session, chunk_rows: int = 20_000) -> None:
        self._session = session
        self._chunk_rows = chunk_rows
        self._order = list(Base.metadata.sorted_tables)
        self._buffers: dict[str, list[Row]] = {t.name: [] for t in self._order}
        self._buffered = 0
        self._next_ids: dict[str, int] = {}
        self.counts: Counter[str] = Counter()
        self._staged: dict[str, Table] | None = None  # table name -> its staging table, once known

    @staticmethod
    def table(model: type[Any] | Table) -> Table:
        if isinstance(model, Table):
            return model
        return Base.metadata.tables[model.__tablename__]

    def next_id(self, model: type[Any]) -> int:
        """A fresh primary key for ``model`` (one above the largest stored, then counting up)."""
        table = self.table(model)
        current = self._next_ids.get(table.name)
        if current is None:
            stored = self._session.scalar(select(func.max(table.c.id)))
            current = int(stored or 0) + 1
        self._next_ids[table.name] = current + 1
        return current

    def reserve_ids(self, model: type[Any], count: int) -> int:
        """Reserve ``count`` consecutive primary keys; return the first."""
        first = self.next_id(model)
        self._next_ids[self.table(model).name] = first + count
        return first

    def add(self, model: type[Any] | Table, row: Row) -> None:
        table = self.table(model)
        if "created_at" in table.c and "created_at" not in row:
            raise ValueError(f"a {table.name} row needs an explicit created_at")
        self._buffers[table.name].append(row)
        self._buffered += 1

    def maybe_flush(self) -> None:
        """Write everything buffered once enough rows have gathered (call between whole records)."""
        if self._buffered >= self._chunk_rows:
            self.flush()

    def flush(self) -> None:
        for table in self._order:
            rows = self._buffers[table.name]
            if not rows:
                continue
            # Core executemany compiles one statement per key set; rows of a table normally share one.
            by_keys: dict[tuple[str, ...], list[Row]] = {}
            for row in rows:
                by_keys.setdefault(tuple(row), []).append(row)
            staging = self._staging().get(table.name)
            for batch in by_keys.values():
                if staging is None:
                    self._session.execute(insert(table), batch)
                    continue
                self._session.execute(insert(staging), batch)
                columns = list(batch[0])
                self._session.execute(
                    insert(table).from_select(columns, select(*(staging.c[name] for name in columns)))
                )
                self._session.execute(delete(staging))
            self.counts[table.name] += len(rows)
            self._buffers[table.name] = []
        self._buffered = 0

    def _staging(self) -> dict[str, Table]:
        """Staging tables for the tables that have triggers (SQLite only), created on first use."""
        if self._staged is None:
            self._staged = {}
            if self._session.get_bind().dialect.name == "sqlite":
                names = self._session.execute(
                    text("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'")
                ).scalars()
                for name in names:
                    if name not in self._buffers:
                        continue
                    source = Base.metadata.tables[name]
                    staging = Table(f"demo_stage_{name}", MetaData(),
                                    *(Column(c.name, c.type) for c in source.c), prefixes=["TEMPORARY"])
                    staging.create(self._session.connection(), checkfirst=True)
                    self._staged[name] = staging
        return self._staged
