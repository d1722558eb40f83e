"""The migrations give the models' schema on both backends, both ways; PostgreSQL via a real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from facilitator.db import migrate
from facilitator.db.base import Base
from facilitator.db.engine import create_db_engine, resolve_target
from tests.conftest import reset_pg_schema


@pytest.fixture()
def empty_engine(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Engine:
    if backend == "postgresql":
        url = request.getfixturevalue("pg_url")
        reset_pg_schema(url)
        target = resolve_target(url, tmp_path / "unused.db")
    else:
        target = resolve_target(None, tmp_path / "clinic.db")
    engine = create_db_engine(target)
    request.addfinalizer(engine.dispose)
    return engine


def test_head_matches_the_models(empty_engine: Engine) -> None:
    result = migrate.upgrade(empty_engine)
    assert result.after == migrate.head_revision()
    assert migrate.autogenerate_diff(empty_engine) == []
    assert set(Base.metadata.tables) <= set(inspect(empty_engine).get_table_names())


def test_upgrade_downgrade_upgrade(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    migrate.downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(empty_engine)
    assert migrate.autogenerate_diff(empty_engine) == []
    assert not migrate.upgrade(empty_engine).upgraded
