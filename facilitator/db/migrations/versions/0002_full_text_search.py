"""full-text search over notes, addenda, intentions, quick notes and share notes; note indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

SQLite: one FTS5 table, ``fts_text``, that triggers on each source table keep in step, so every
writer (the app, the demo generator, a restore, a hand edit) updates the index in the same
transaction. Its rowid is ``source id * 8 + kind code``. Note bodies are stored markup; the triggers
strip the fixed tag set the sanitiser writes, so the index and its snippets hold plain text.

PostgreSQL: a generated, stored ``fts_vector`` column (``to_tsvector('simple', ...)`` of the texts) on
each source table, with a GIN index; the database computes both, so nothing else needs keeping in
step, and a scan reads the stored vectors instead of parsing every text again.

This file is frozen: later changes to the index belong in a new revision.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS = "fts_text"
STRIDE = 8
# Canonical tags written by facilitator.domain.markup.sanitize: inline ones vanish, block ones become spaces.
INLINE_TAGS = ("<b>", "</b>", "<i>", "</i>", "<strong>", "</strong>", "<em>", "</em>")
BLOCK_TAGS = ("<p>", "</p>", "<br>", "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>")
ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))  # &amp; last, so "&amp;lt;" stays "&lt;"


def _plain(expr: str) -> str:
    for tag in INLINE_TAGS:
        expr = f"replace({expr}, '{tag}', '')"
    for tag in BLOCK_TAGS:
        expr = f"replace({expr}, '{tag}', ' ')"
    for entity, char in ENTITIES:
        expr = f"replace({expr}, '{entity}', '{char}')"
    return expr


# kind, code, table, body expression, tags expression, session id, participant id, extra FROM, condition,
# the columns whose change re-indexes the row. Expressions name the row as R (NEW or OLD in triggers).
SOURCES = (
    ("note", 1, "note", _plain("R.body"), "R.themes", "R.session_id", "R.participant_id", "",
     "(R.body <> '' OR R.themes <> '')", ("body", "themes", "session_id", "participant_id")),
    ("addendum", 2, "addendum", "R.body", "''", "n.session_id", "n.participant_id", " JOIN note n ON n.id = R.note_id",
     "R.body <> ''", ("body", "note_id")),
    ("intention", 3, "attendance", "R.intention", "''", "R.session_id", "R.participant_id", "",
     "R.intention <> ''", ("intention", "session_id", "participant_id")),
    ("quick_note", 4, "quick_note", "R.text", "''", "R.session_id", "NULL", "",
     "R.text <> ''", ("text", "session_id")),
    ("share", 5, "share", "R.note_text", "R.tags", "R.session_id", "R.participant_id", "",
     "R.note_text <> ''", ("note_text", "tags", "session_id", "participant_id")),
)
COLUMNS = "rowid, body, tags, kind, source_id, session_id, participant_id"  # in the order of _select's values


def _select(source: tuple[Any, ...], row: str) -> str:
    """The index rows for source rows named ``row``: NEW in a trigger, the table's alias in the backfill."""
    kind, code, table, body, tags, sid, pid, join, cond, _ = source
    columns = f"R.id * {STRIDE} + {code}, {body}, {tags}, '{kind}', R.id, {sid}, {pid}"
    if row == "NEW":
        where = cond + (" AND n.id = R.note_id" if join else "")
        sql = f"SELECT {columns}" + (" FROM note n" if join else "") + f" WHERE {where}"
        return sql.replace("R.", "NEW.")
    return f"SELECT {columns} FROM {table} AS R{join} WHERE {cond}"


def _sqlite_triggers(source: tuple[Any, ...]) -> list[str]:
    kind, code, table, *_rest, watched = source
    insert = f"INSERT INTO {FTS} ({COLUMNS}) " + _select(source, "NEW")
    delete = f"DELETE FROM {FTS} WHERE rowid = OLD.id * {STRIDE} + {code}"
    statements = [
        f"CREATE TRIGGER fts_{table}_ai AFTER INSERT ON {table} BEGIN {insert}; END",
        f"CREATE TRIGGER fts_{table}_ad AFTER DELETE ON {table} BEGIN {delete}; END",
    ]
    update = f"{delete}; {insert};"
    if kind == "note":  # a note that moves takes its addenda's index rows along
        update += (f" UPDATE {FTS} SET session_id = NEW.session_id, participant_id = NEW.participant_id "
                   f"WHERE rowid IN (SELECT id * {STRIDE} + 2 FROM addendum WHERE note_id = NEW.id) "
                   "AND (OLD.session_id IS NOT NEW.session_id OR OLD.participant_id IS NOT NEW.participant_id);")
    statements.append(f"CREATE TRIGGER fts_{table}_au AFTER UPDATE OF {', '.join(watched)} ON {table} "
                      f"BEGIN {update} END")
    return statements


def _sqlite_upgrade() -> None:
    op.execute(
        # The small columns first: reading them then never walks a long body's overflow pages.
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(kind UNINDEXED, source_id UNINDEXED, session_id UNINDEXED, "
        "participant_id UNINDEXED, body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    # Matches in the text count twice as much as matches in the theme tags.
    op.execute(f"INSERT INTO {FTS} ({FTS}, rank) VALUES ('rank', 'bm25(0.0, 0.0, 0.0, 0.0, 1.0, 0.5)')")
    for source in SOURCES:
        op.execute(f"INSERT INTO {FTS} ({COLUMNS}) {_select(source, 'R')}")
        for statement in _sqlite_triggers(source):
            op.execute(statement)


def _sqlite_downgrade() -> None:
    for source in SOURCES:
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS fts_{source[2]}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")


# PostgreSQL: (index, table, generated column expression). facilitator.db.fts.PG_DOCUMENTS says the same.
PG_INDEXES = (
    ("fts_note", "note", "to_tsvector('simple'::regconfig, body || ' ' || themes)"),
    ("fts_addendum", "addendum", "to_tsvector('simple'::regconfig, body)"),
    ("fts_attendance", "attendance", "to_tsvector('simple'::regconfig, intention)"),
    ("fts_quick_note", "quick_note", "to_tsvector('simple'::regconfig, text)"),
    ("fts_share", "share", "to_tsvector('simple'::regconfig, note_text || ' ' || tags)"),
)


def upgrade() -> None:
    # One group note per session: two laptops opening a session's notes at once cannot both create it.
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.create_index("ix_note_group_once", ["session_id"], unique=True,
                              sqlite_where=sa.text("participant_id IS NULL"),
                              postgresql_where=sa.text("participant_id IS NULL"))
        # Theme suggestions group the notes' theme lists from this index without reading the bodies.
        batch_op.create_index("ix_note_themes", ["themes"], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_upgrade()
    elif dialect == "postgresql":
        for name, table, expression in PG_INDEXES:
            op.execute(f"ALTER TABLE {table} ADD COLUMN fts_vector tsvector GENERATED ALWAYS AS ({expression}) STORED")
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (fts_vector)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_downgrade()
    elif dialect == "postgresql":
        for name, table, _expression in PG_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS fts_vector")
    with op.batch_alter_table("note", schema=None) as batch_op:
        batch_op.drop_index("ix_note_themes")
        batch_op.drop_index("ix_note_group_once")
