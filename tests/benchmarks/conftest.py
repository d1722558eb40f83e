"""Benchmark fixtures: a ten-year demo clinic (about half a minute to build, then cached by seed) and
the full session of the document tests; built only with --benchmark-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator.services.store import Store
from tests.conftest import new_test_clinic
from tests.reports.factory import FullSession, build_full_session

NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


SEED = 7
CACHE = Path(__file__).resolve().parents[2] / ".benchmarks" / "clinic10"


def _cache_key(seed: int) -> str:
    """The seed, the schema and the generator's own source: a change to any of them makes a new clinic."""
    from facilitator.db.migrate import head_revision
    from facilitator.services import demo

    digest = hashlib.sha256()
    for source in sorted(Path(demo.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return f"seed{seed}-{head_revision()}-{digest.hexdigest()[:12]}"


@pytest.fixture(scope="session")
def clinic10(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The ten-year demo clinic (seed 7), generated once and kept in ``.benchmarks/`` for later runs.

    Each run works on its own copy, so a benchmark that writes never changes the cached clinic.
    """
    from facilitator.domain.clock import FakeClock
    from facilitator.services.clinic_keys import Credentials
    from facilitator.services.demo.credentials import DEMO_PASSWORD, DEMO_USERNAME
    from facilitator.services.demo_clinic import create_demo_clinic
    from facilitator.services.opening import open_store
    from tests.conftest import fast_kdf

    cached = CACHE / _cache_key(SEED)
    if not (cached / "facilitator.db").exists():
        building = CACHE / f".building-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        made, _ = create_demo_clinic(data_dir=building, years=10, seed=SEED, clock=FakeClock(NOW), kdf=fast_kdf())
        made.dispose()
        shutil.rmtree(cached, ignore_errors=True)
        building.rename(cached)
    place = tmp_path_factory.mktemp("clinic10")
    for name in ("facilitator.db", "facilitator.db.keys", "facilitator.db.closed"):  # with its clean-close record
        shutil.copy2(cached / name, place / name)
    store = open_store(data_dir=place, credentials=Credentials(DEMO_USERNAME, DEMO_PASSWORD), clock=FakeClock(NOW))
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
