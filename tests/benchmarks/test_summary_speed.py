"""How long the session summary of a full session takes, against a plain ReportLab floor.

Skipped in the default run; run with ``pytest tests/benchmarks --benchmark-only``. A full session is
8 participants, 8 phases, 57 vitals and ~4,000 words of notes. Both bounds are checked on CPU time of
this process, measured interleaved in the same run, so a busy machine slows both alike; the
benchmark table shows wall-clock times for the record.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from facilitator.reports import render_summary
from facilitator.services.documents import SummaryData, get_summary_data
from facilitator.services.store import Store
from tests.benchmarks.floor import render_floor
from tests.reports.factory import FullSession

BUDGET_SECONDS = 0.250
MAX_RATIO = 1.5
ROUNDS = 25


@pytest.fixture(scope="module")
def data(full: tuple[Store, FullSession]) -> SummaryData:
    store, built = full
    return store.run(get_summary_data, built.session_id)


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def test_summary_within_budget_and_ratio(benchmark: BenchmarkFixture, data: SummaryData) -> None:
    render: Callable[[], bytes] = lambda: render_summary(data, zone=UTC)  # noqa: E731
    floor: Callable[[], bytes] = lambda: render_floor(data)  # noqa: E731
    render(), floor()  # fonts registered and parsed once per process, as in the app
    mine, plain = [], []
    for _ in range(ROUNDS):
        mine.append(_cpu(render))
        plain.append(_cpu(floor))
    summary_cpu, floor_cpu = statistics.median(mine), statistics.median(plain)
    benchmark.extra_info.update(summary_cpu_median_ms=round(summary_cpu * 1000, 1),
                                floor_cpu_median_ms=round(floor_cpu * 1000, 1),
                                ratio=round(summary_cpu / floor_cpu, 2))
    benchmark.pedantic(render, rounds=10, warmup_rounds=1)
    assert summary_cpu <= BUDGET_SECONDS, f"summary took {summary_cpu * 1000:.0f} ms of CPU"
    assert summary_cpu <= MAX_RATIO * floor_cpu, f"{summary_cpu / floor_cpu:.2f}× the floor"


def test_floor_for_reference(benchmark: BenchmarkFixture, data: SummaryData) -> None:
    benchmark.pedantic(render_floor, args=(data,), rounds=10, warmup_rounds=1)


def test_load_and_render_from_the_database(benchmark: BenchmarkFixture, full: tuple[Store, FullSession]) -> None:
    store, built = full

    def load_and_render() -> bytes:
        return render_summary(store.run(get_summary_data, built.session_id), zone=UTC)

    benchmark.pedantic(load_and_render, rounds=10, warmup_rounds=1)
