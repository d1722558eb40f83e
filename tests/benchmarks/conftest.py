"""Benchmark fixtures: the full session of the document tests, built once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from facilitator.services.store import Store
from tests.conftest import new_test_clinic
from tests.reports.factory import FullSession, build_full_session


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, FullSession]]:
    store = new_test_clinic(tmp_path_factory.mktemp("bench"))
    yield store, build_full_session(store)
    store.dispose()
