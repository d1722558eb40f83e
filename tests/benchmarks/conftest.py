"""Benchmark fixtures: a ten-year demo clinic (about half a minute to build) and the full session of the
document tests; built only with --benchmark-only."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from facilitator.services.store import Store
from tests.conftest import new_test_clinic
from tests.reports.factory import FullSession, build_full_session

NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def clinic10(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from facilitator.domain.clock import FakeClock
    from facilitator.services.demo_clinic import create_demo_clinic
    from tests.conftest import fast_kdf

    store, _ = create_demo_clinic(data_dir=tmp_path_factory.mktemp("clinic10"), years=10, seed=7,
                                  clock=FakeClock(NOW), kdf=fast_kdf())
    yield store
    store.dispose()


def cpu_ms(fn: Callable[[], object], rounds: int = 30) -> tuple[float, float]:
    """The (median, best) CPU time of ``fn`` on this thread, in milliseconds.

    The benchmark table shows wall time, which a busy shared machine inflates several times over;
    the targets are checked on CPU time, which it barely moves. SQLite works on the calling thread,
    so its CPU time is the query's (waiting on the disk, as a commit does, is not counted).
    """
    spent = []
    for _ in range(rounds):
        start = time.thread_time()
        fn()
        spent.append(time.thread_time() - start)
    return statistics.median(spent) * 1000, min(spent) * 1000


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, FullSession]]:
    store = new_test_clinic(tmp_path_factory.mktemp("bench"))
    yield store, build_full_session(store)
    store.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Print each case's figures and ratios (its ``extra_info``) under the timing table."""
    session = getattr(config, "_benchmarksession", None)
    cases = [b for b in getattr(session, "benchmarks", []) if getattr(b, "extra_info", None)]
    if not cases:
        return
    terminalreporter.section("figures and ratios (CPU time unless named wall)")
    for case in cases:
        figures = ", ".join(f"{key}={value}" for key, value in case.extra_info.items())
        terminalreporter.write_line(f"{case.name}: {figures}")
