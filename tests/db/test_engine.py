"""Opening databases: pragmas, URLs, and bad files left untouched."""

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from facilitator.db.engine import create_db_engine, resolve_target
from facilitator.errors import UserError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = create_db_engine(resolve_target(None, tmp_path / "c.db"))
    with engine.connect() as con:
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("PRAGMA busy_timeout")).scalar() == 5000


@pytest.mark.parametrize(
    "content", [b"this is not a database\n" * 40, os.urandom(8192), b"SQLite format 3\x00" + b"\xff" * 200]
)
def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "clinic.db"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(UserError) as info:
        engine = create_db_engine(resolve_target(None, path))
        with engine.connect() as con:  # only reached if the probe let it through
            con.execute(text("SELECT 1"))
    assert str(info.value).count(".") >= 1 and "\n" not in str(info.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.db"]


def test_a_folder_at_the_database_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "clinic.db").mkdir()
    with pytest.raises(UserError, match="folder"):
        create_db_engine(resolve_target(None, tmp_path / "clinic.db"))


@pytest.mark.parametrize("url", ["mysql://u@h/db", "oracle://x", "mongodb://h/db"])
def test_unknown_url_schemes_are_refused(url: str) -> None:
    with pytest.raises(UserError, match="Unsupported database URL scheme"):
        resolve_target(url, Path("unused.db"))


def test_unreadable_url_is_refused() -> None:
    with pytest.raises(UserError, match="cannot be read"):
        resolve_target("::not a url::", Path("unused.db"))


def test_postgres_url_gets_the_shipped_driver_and_hides_the_password() -> None:
    target = resolve_target("postgresql://clinic:secret@db.example.org:5433/kap", Path("unused.db"))
    assert target.url.drivername == "postgresql+psycopg"
    assert target.describe() == "PostgreSQL kap on db.example.org:5433"
    assert "secret" not in target.describe()


def test_sqlite_url_resolves_to_a_file(tmp_path: Path) -> None:
    target = resolve_target(f"sqlite:///{tmp_path}/x.db", Path("unused.db"))
    assert target.sqlite_path == (tmp_path / "x.db").resolve()
    assert "x.db" in target.describe()
