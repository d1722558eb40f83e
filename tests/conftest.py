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


@pytest.fixture()
def store(data_dir: Path) -> Iterator[object]:
    """A real, encrypted SQLite clinic database in a temporary data folder, migrated to head."""
    opened = new_test_clinic(data_dir)
    yield opened
    opened.dispose()
