"""Ten years of demo data: made in ≤ 60 s into a database ≤ 250 MB; and the app's peak memory after
visiting every screen on it ≤ 300 MB. Both run as their own processes, as a clinic would run them.

The demo's time is the generator's CPU time (user + system); wall time is reported beside it (the
shared machine's neighbours inflate it). The floor for memory is a bare PySide6 window process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from facilitator.services.store import Store

DEMO_BUDGET_SECONDS = 60
DEMO_MAX_MB = 250
PEAK_MAX_MB = 300
ROOT = Path(__file__).resolve().parents[2]

# Runs the command as this wrapper's only child and prints the child's CPU seconds and peak memory.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"cpu_s={usage.ru_utime + usage.ru_stime:.2f} peak_rss_kb={usage.ru_maxrss} rc={done.returncode}")
"""


def _measured(command: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], env=env, capture_output=True, text=True,
                          timeout=900, check=True)
    wall = time.perf_counter() - start
    figures = dict(item.split("=") for item in done.stdout.strip().splitlines()[-1].split())
    assert figures["rc"] == "0", done.stdout + done.stderr
    return {k: float(v) for k, v in figures.items()}, wall


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


@pytest.mark.benchmark(min_rounds=1)
def test_ten_years_of_demo_data(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    figures, wall = _measured([sys.executable, "-m", "facilitator", "--data-dir", str(tmp_path), "demo-data",
                               "--years", "10"], _env())
    size_mb = sum(f.stat().st_size for f in tmp_path.glob("facilitator.db*")) / 1e6
    benchmark.extra_info.update(cpu_s=figures["cpu_s"], wall_s=round(wall, 1), database_mb=round(size_mb, 1),
                                peak_rss_mb=round(figures["peak_rss_kb"] / 1024))
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    assert figures["cpu_s"] <= DEMO_BUDGET_SECONDS
    assert size_mb <= DEMO_MAX_MB


def test_peak_memory_after_every_screen(benchmark: BenchmarkFixture, clinic10: Store) -> None:
    figures, wall = _measured([sys.executable, "-m", "tests.benchmarks.visit_every_screen", str(clinic10.data_dir)],
                              _env())
    bare, _ = _measured([sys.executable, str(Path(__file__).with_name("bare_window.py"))], _env())
    peak_mb, bare_mb = figures["peak_rss_kb"] / 1024, bare["peak_rss_kb"] / 1024
    benchmark.extra_info.update(peak_rss_mb=round(peak_mb), bare_window_rss_mb=round(bare_mb),
                                ratio=round(peak_mb / bare_mb, 2), cpu_s=figures["cpu_s"], wall_s=round(wall, 1))
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    assert peak_mb <= PEAK_MAX_MB
