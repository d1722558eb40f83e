"""Shared fixtures. Qt is never imported here: the core tests run without PySide6.

With FACILITATOR_BLOCK_QT=1 every import of Qt fails, as on a machine without PySide6; CI runs the
domain, db, services and reports tests that way to prove the core does not need Qt.
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

_QT_MODULES = ("PySide6", "shiboken6", "qtawesome", "pytestqt")


class _BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        if fullname.split(".")[0] in _QT_MODULES:
            raise ImportError(f"{fullname} is blocked: the core must not need Qt")
        return None


if os.environ.get("FACILITATOR_BLOCK_QT") == "1":
    sys.meta_path.insert(0, _BlockQt())


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


TEST_ADMIN = "admin"
TEST_PASSWORD = "correct horse battery"


def fast_kdf():  # type: ignore[no-untyped-def]
    """Cheap Argon2id costs so each test's key slots take milliseconds (clinics keep the defaults)."""
    from facilitator.db.keyslots import KdfParams

    return KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


def new_test_clinic(data_dir: Path, **kwargs):  # type: ignore[no-untyped-def]
    """A new encrypted clinic signed in as its first administrator."""
    from facilitator.services.store import NewClinic, open_store

    admin = NewClinic(username=TEST_ADMIN, display_name="Robin Admin", password=TEST_PASSWORD, credentials="LCSW")
    return open_store(data_dir=data_dir, new_clinic=admin, kdf=fast_kdf(), **kwargs)


def sign_in_again(data_dir: Path, **kwargs):  # type: ignore[no-untyped-def]
    """Reopen a test clinic as its administrator (a restart of the app)."""
    from facilitator.services.clinic_keys import Credentials
    from facilitator.services.store import open_store

    return open_store(data_dir=data_dir, credentials=Credentials(TEST_ADMIN, TEST_PASSWORD), **kwargs)


# Which database the plain ``store`` fixture opens: "sqlite" (the default), "postgresql", or "auto"
# (PostgreSQL when a server is at hand, else SQLite). The test command runs the core tests a second
# time this way, so the db, services and reports tests pass on both databases.
TEST_BACKEND_ENV = "FACILITATOR_TEST_BACKEND"


def store_backend() -> str:
    chosen = os.environ.get(TEST_BACKEND_ENV, "sqlite")
    if chosen == "auto":
        from tests import pg_server

        return "postgresql" if pg_server.unavailable_reason() is None else "sqlite"
    return chosen


@pytest.fixture()
def store(data_dir: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """A real clinic database, migrated to head and signed in as its administrator: an encrypted SQLite
    file in a temporary data folder, or (``FACILITATOR_TEST_BACKEND``) an emptied PostgreSQL database.

    Tests about the file itself (encryption, key slots, backups, the integrity check) are marked
    ``sqlite_only`` and skipped, with that reason, on the server.
    """
    backend = store_backend()
    if backend == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about the SQLite file itself (encryption, key file, backups); not a server's concern")
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    opened = new_backend_clinic(backend, data_dir, url)
    yield opened
    opened.dispose()


# --- PostgreSQL: a real server for the tests parametrized over both backends -------------------------

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The URL of a PostgreSQL database for this test session (given, or a throwaway cluster's); else skip."""
    from tests import pg_server

    reason = pg_server.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    given = os.environ.get(pg_server.ENV_URL)
    if given:
        yield given
        return
    bin_dir = pg_server.find_bin_dir()
    assert bin_dir is not None
    cluster = pg_server.ThrowawayCluster(bin_dir)
    try:
        url = cluster.start()
        os.environ[pg_server.ENV_URL] = url  # subprocesses (the CLI tests) find the same server
        yield url
    finally:
        os.environ.pop(pg_server.ENV_URL, None)
        cluster.stop()


def reset_pg_schema(url: str) -> None:
    """Drop every table of the test database: each test starts from an empty server database."""
    from sqlalchemy import text

    from facilitator.db.engine import create_db_engine, resolve_target

    engine = create_db_engine(resolve_target(url, Path("unused.db")))
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def new_backend_clinic(backend: str, data_dir: Path, url: str | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """A new clinic signed in as its first administrator: an encrypted SQLite file or an emptied server database."""
    if backend == "sqlite":
        return new_test_clinic(data_dir, **kwargs)
    from facilitator.services.store import NewClinic, open_store

    assert url is not None
    reset_pg_schema(url)
    admin = NewClinic(username=TEST_ADMIN, display_name="Robin Admin", password=TEST_PASSWORD, credentials="LCSW")
    return open_store(url, data_dir, new_clinic=admin, kdf=fast_kdf(), **kwargs)


def open_again(opened, **kwargs):  # type: ignore[no-untyped-def]
    """A second, independent store on the same database as ``opened`` (another laptop), signed in as admin."""
    if opened.target.sqlite_path is not None:
        return sign_in_again(opened.data_dir, **kwargs)
    from facilitator.services.clinic_keys import Credentials
    from facilitator.services.store import open_store

    url = opened.target.url.render_as_string(hide_password=False)
    return open_store(url, opened.data_dir, credentials=Credentials(TEST_ADMIN, TEST_PASSWORD), **kwargs)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def backend_store(backend: str, data_dir: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """A signed-in clinic on each backend: an encrypted SQLite file, and a fresh PostgreSQL schema."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    opened = new_backend_clinic(backend, data_dir, url)
    yield opened
    opened.dispose()
