"""The full-text index's shape, shared by the search service, the schema checks and the tests.

Migration 0002 creates it: on SQLite one FTS5 table, ``fts_text``, that triggers on the source tables
keep in step; on PostgreSQL a GIN index over a ``to_tsvector`` expression on each source table. Its
objects all start with ``fts_``; they live outside the models' metadata, so schema comparison skips
them (:func:`is_search_object`).
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class PgDocument:
    """One source of searchable text on PostgreSQL: its table and the text columns its GIN index covers."""

    kind: str
    table: str
    columns: tuple[str, ...]

    def text(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return " || ' ' || ".join(prefix + c for c in self.columns)

    def vector(self, alias: str = "") -> str:
        """The GIN index's expression (the planner matches it with or without the alias)."""
        return f"to_tsvector('{PG_CONFIG}'::regconfig, {self.text(alias)})"


PG_DOCUMENTS = (
    PgDocument("note", "note", ("body", "themes")),
    PgDocument("addendum", "addendum", ("body",)),
    PgDocument("intention", "attendance", ("intention",)),
    PgDocument("quick_note", "quick_note", ("text",)),
    PgDocument("share", "share", ("note_text", "tags")),
)


def is_search_object(name: str | None) -> bool:
    """True for the full-text index's own tables, triggers and indexes."""
    return bool(name) and str(name).startswith(PREFIX)
