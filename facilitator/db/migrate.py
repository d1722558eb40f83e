"""Bring a database to the newest schema, copying a SQLite file aside before any upgrade."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

from facilitator.db import fts
from facilitator.errors import UserError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def _config(connection: Connection | None = None) -> Config:
    # Alembic is imported here, not at module level: start-up pays for it only when needed.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def backup_sqlite_file(source: Path, destination: Path) -> Path:
    """Copy a live SQLite database consistently with the online backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(destination))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def upgrade(engine: Engine, *, sqlite_path: Path | None = None, backup_dir: Path | None = None) -> MigrationResult:
    """Upgrade to head. A SQLite file that needs an upgrade is first copied into ``backup_dir``.

    Raises:
        UserError: if the database holds tables that are not Facilitator's, or is newer than this app.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    head = head_revision()
    with engine.connect() as connection:
        before = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
    if before is None and tables - {"alembic_version"}:
        raise UserError("This database holds tables that are not Facilitator's; it was left untouched.")
    if before is not None and before != head:
        known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
        if before not in known:
            raise UserError(
                "This database was written by a newer version of Facilitator; update the app to open it."
            )
    backup: Path | None = None
    if before is not None and before != head and sqlite_path is not None and backup_dir is not None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        backup = backup_sqlite_file(sqlite_path, backup_dir / f"pre-upgrade-{stamp}-{before}.db")
    if before != head:
        with engine.begin() as connection:
            command.upgrade(_config(connection), "head")
    return MigrationResult(before=before, after=head, backup=backup)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def include_name(name: str | None, type_: str, _parent_names: Any) -> bool:
    """Schema comparison skips the full-text index: migrations own it, the models do not describe it."""
    return not (type_ in ("table", "index", "column") and fts.is_search_object(name))


def autogenerate_diff(engine: Engine) -> list[Any]:
    """Differences between the models and the database (empty when the schema is at head)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from facilitator.db import models  # noqa: F401
    from facilitator.db.base import Base

    with engine.connect() as connection:
        ctx = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True, "include_name": include_name}
        )
        return list(compare_metadata(ctx, Base.metadata))
