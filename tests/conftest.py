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


@pytest.fixture()
def store(data_dir: Path) -> Iterator[object]:
    """A real SQLite clinic database in a temporary data folder, migrated to head."""
    from facilitator.services.store import open_store

    opened = open_store(data_dir=data_dir)
    yield opened
    opened.dispose()
