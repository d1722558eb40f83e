"""`facilitator check`: is the database sound? Schema at head, SQLite integrity, references."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

from facilitator.db import fts, migrate
from facilitator.errors import UserError


def check_database(engine: Engine) -> list[str]:
    """Every problem found, as sentences; an empty list means healthy."""
    problems: list[str] = []
    head = migrate.head_revision()
    with engine.connect() as connection:
        current = migrate.current_revision(connection)
        if current is None:
            problems.append("The database has no Facilitator schema yet (open the app once to create it).")
        elif current != head:
            problems.append(f"The schema is at revision {current}, not at the newest ({head}).")
        if engine.dialect.name == "sqlite":
            rows = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                problems.extend(f"Integrity: {r}" for r in rows[:20])
            fk = list(connection.execute(text("PRAGMA foreign_key_check")))
            for table, rowid, parent, _ in fk[:20]:
                problems.append(f"Table {table} row {rowid} points to a missing {parent} row.")
            if current == head:
                problems.extend(fts.problems(connection))
                connection.rollback()  # the index check is written as an INSERT; it changes nothing
    if current == head:
        diff = migrate.autogenerate_diff(engine)
        if diff:
            problems.append(f"The schema differs from this version of the app in {len(diff)} places.")
    try:
        from facilitator.services.protocols import load_builtin_protocols

        load_builtin_protocols()
    except UserError as exc:
        problems.append(str(exc))
    return problems
