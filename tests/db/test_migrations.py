"""The migrations produce exactly the models' schema, both ways, and upgrades keep a copy first."""

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from facilitator.db import migrate
from facilitator.db.base import Base
from facilitator.db.engine import create_db_engine, resolve_target
from facilitator.errors import UserError


def fresh_engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    target = resolve_target(None, tmp_path / "clinic.db")
    return target, create_db_engine(target)


def test_head_has_no_autogenerate_difference(tmp_path: Path) -> None:
    _, engine = fresh_engine(tmp_path)
    result = migrate.upgrade(engine)
    assert result.before is None and result.after == migrate.head_revision()
    assert migrate.autogenerate_diff(engine) == []
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_upgrade_downgrade_upgrade_round_trip(tmp_path: Path) -> None:
    _, engine = fresh_engine(tmp_path)
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.autogenerate_diff(engine) == []


def test_second_open_is_a_no_op(tmp_path: Path) -> None:
    target, engine = fresh_engine(tmp_path)
    migrate.upgrade(engine)
    again = migrate.upgrade(engine, sqlite_path=target.sqlite_path, backup_dir=tmp_path / "backups")
    assert not again.upgraded and again.backup is None
    assert not (tmp_path / "backups").exists()


def test_an_upgrade_copies_the_file_aside_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, engine = fresh_engine(tmp_path)
    migrate.upgrade(engine)
    with engine.begin() as con:
        con.execute(
            text("INSERT INTO clinic_setting (key, value, created_at) VALUES ('clinic_name', 'x', '2026-01-01')")
        )
    current = migrate.head_revision()
    # Pretend this build ships a newer head than the database's, with a no-op upgrade step.
    monkeypatch.setattr(migrate, "head_revision", lambda: "0999")
    import alembic.command

    monkeypatch.setattr(alembic.command, "upgrade", lambda cfg, rev: None)
    result = migrate.upgrade(engine, sqlite_path=target.sqlite_path, backup_dir=tmp_path / "backups")
    assert result.backup is not None and result.backup.exists()
    assert result.backup.name.startswith("pre-upgrade-") and result.backup.name.endswith(f"-{current}.db")
    copy = create_db_engine(resolve_target(None, result.backup))
    with copy.connect() as con:
        assert con.execute(text("SELECT value FROM clinic_setting")).scalar_one() == "x"


def test_database_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    _, engine = fresh_engine(tmp_path)
    migrate.upgrade(engine)
    with engine.begin() as con:
        con.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    with pytest.raises(UserError, match="newer version"):
        migrate.upgrade(engine)


def test_foreign_tables_are_refused(tmp_path: Path) -> None:
    _, engine = fresh_engine(tmp_path)
    with engine.begin() as con:
        con.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(UserError, match="not Facilitator's"):
        migrate.upgrade(engine)


def test_the_head_read_from_the_version_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate._config()).get_current_head()


def test_a_database_at_head_is_opened_without_touching_its_revision(tmp_path: Path) -> None:
    _, engine = fresh_engine(tmp_path)
    migrate.upgrade(engine)
    again = migrate.upgrade(engine)
    assert again.before == again.after == migrate.head_revision() and not again.upgraded and again.backup is None
