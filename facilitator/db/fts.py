"""The full-text index's shape, shared by the search service, the schema checks and the tests.

Migration 0002 creates it: on SQLite one FTS5 table, ``fts_text``, that triggers on the source tables
keep in step; on PostgreSQL a generated ``fts_vector`` column (a stored ``to_tsvector``) with a GIN
index on each source table. Its objects all start with ``fts_``; they live outside the models'
metadata, so schema comparison skips them (:func:`is_search_object`).

A migration that rebuilds a source table on SQLite (Alembic's batch mode copies it into a new table)
drops that table's triggers with it: such a migration must create them again, as 0002 does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError

FTS_TABLE = "fts_text"
PREFIX = "fts_"
# A hit's rowid is its source row's id times the stride plus its kind's code: unique across tables,
# and computable in a trigger, so an update or delete finds its index row by rowid at once.
ROWID_STRIDE = 8
KIND_CODES = {"note": 1, "addendum": 2, "intention": 3, "quick_note": 4, "share": 5}
# snippet() markers: control characters that stored text can never hold (markup.sanitize strips them).
MARK_OPEN = "\x02"
MARK_CLOSE = "\x03"
ELLIPSIS = "…"
PG_CONFIG = "simple"  # no stemming, any language: the same matching as SQLite's unicode61


PG_COLUMN = "fts_vector"


@dataclass(frozen=True)
class PgDocument:
    """One source of searchable text on PostgreSQL: its table and the text columns its vector covers."""

    kind: str
    table: str
    columns: tuple[str, ...]

    def expression(self) -> str:
        """The generated column's expression: stored, so neither a scan nor the index recomputes it."""
        texts = " || ' ' || ".join(self.columns)
        return f"to_tsvector('{PG_CONFIG}'::regconfig, {texts})"


PG_DOCUMENTS = (
    PgDocument("note", "note", ("body", "themes")),
    PgDocument("addendum", "addendum", ("body",)),
    PgDocument("intention", "attendance", ("intention",)),
    PgDocument("quick_note", "quick_note", ("text",)),
    PgDocument("share", "share", ("note_text", "tags")),
)


def is_search_object(name: str | None) -> bool:
    """True for the full-text index's own tables, triggers, indexes and columns."""
    return bool(name) and str(name).startswith(PREFIX)


SOURCE_TABLES = ("note", "addendum", "attendance", "quick_note", "share")


def problems(connection: Connection) -> list[str]:
    """What is wrong with the full-text index on SQLite, as sentences (nothing to check elsewhere)."""
    if connection.dialect.name != "sqlite":
        return []
    triggers = set(connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    found = [f"The full-text index is no longer kept in step with the {table} table (trigger {name} is missing)."
             for table in SOURCE_TABLES for name in (f"fts_{table}_{when}" for when in ("ai", "ad", "au"))
             if name not in triggers]
    try:
        connection.execute(text(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('integrity-check')"))
    except DatabaseError as exc:
        found.append(f"The full-text index is damaged ({exc.orig}); search may miss or misplace texts.")
    return found
