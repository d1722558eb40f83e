"""Bring a database to the newest schema, copying a SQLite file aside before any upgrade."""

from __future__ import annotations

import re
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


# ``revision: str = "0002"`` and ``down_revision: str | None = "0001"`` in each version file.
_REVISION_LINE = re.compile(r"^(down_)?revision\b[^=\n]*=\s*(?:None|[\"']([^\"']+)[\"'])", re.MULTILINE)


def head_revision() -> str:
    """The newest migration, read from the version files' revision lines.

    Alembic itself costs about 0.3 s to import, paid at every sign-in only to learn that the
    database is already at head; it is imported only when there is something to upgrade. A test
    checks that this agrees with Alembic's own answer.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py")):
        for down, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            if value:
                (parents if down else revisions).add(value)
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None for a database Alembic never touched."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    value = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return None if value is None else str(value)


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
    head = head_revision()
    with engine.connect() as connection:
        before = current_revision(connection)
        if before == head:  # the everyday case: nothing to do, and Alembic is not imported
            return MigrationResult(before=before, after=head, backup=None)
        tables = set(inspect(connection).get_table_names())
    from alembic import command
    from alembic.script import ScriptDirectory

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
