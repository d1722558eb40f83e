"""Benchmark: a roster of 5,000 participants filters as you type within 30 ms a keystroke.

Skipped in ordinary runs; run with ``pytest tests/benchmarks --benchmark-only`` (Qt offscreen).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, datetime, timedelta  # noqa: E402
from itertools import cycle  # noqa: E402

import pytest  # noqa: E402

from facilitator.services.roster import RosterRow  # noqa: E402

BUDGET_SECONDS = 0.030
FIRST = ("Ana", "Zoë", "Étienne", "Declan", "Priya", "Mateo", "Siobhán", "Noor", "Kai", "Lucía", "Tamar", "Ngozi")
LAST = ("Abernathy", "Bélanger", "Byrne", "Castañeda", "Delaney", "Eze", "Feldman", "Gallagher", "Harrington",
        "Kowalczyk", "Mehta", "Nakamura", "O'Brien", "Raghunathan", "Smirnova", "Whitehorse")
GROUPS = ("Aspen Cohort", "Juniper Cohort", "Grupo Ceiba (en español)", "Rolling KAP Group", "Open Integration Circle")
# What a person types, one keystroke at a time, and deletes again.
KEYSTROKES = ("c", "ca", "cas", "cast", "casta", "cast", "cas", "ca", "c", "", "ro", "rol", "roll", "rolling",
              "rolling d", "rolling de", "rolling d", "rolling", "", "z", "zo", "zoe", "zo", "z", "")


def roster(n: int = 5000) -> list[RosterRow]:
    start = datetime(2026, 3, 12, 9, tzinfo=UTC)
    return [
        RosterRow(id=i, first_name=FIRST[i % len(FIRST)], last_name=f"{LAST[i % len(LAST)]}{i // 50}",
                  preferred_name="" if i % 5 else FIRST[(i + 3) % len(FIRST)], pronouns="they/them", language="en",
                  age=22 + i % 50, groups=(GROUPS[i % len(GROUPS)],) if i % 3 else (),
                  status=("active", "active", "inactive", "discharged", "archived")[i % 5],
                  last_session=start - timedelta(days=i % 400) if i % 7 else None,
                  flags=("Hypertension",) if i % 11 == 0 else ())
        for i in range(n)
    ]


@pytest.fixture()
def proxy(qapp):  # type: ignore[no-untyped-def]
    from facilitator.ui.models.roster_table import RosterFilterProxyModel, RosterTableModel

    model = RosterTableModel()
    model.set_rows(roster())
    filtered = RosterFilterProxyModel()
    filtered.setSourceModel(model)
    yield filtered


def _typing(proxy):  # type: ignore[no-untyped-def]
    keys = cycle(KEYSTROKES)

    def keystroke() -> int:
        proxy.set_text(next(keys))
        return proxy.rowCount()

    return keystroke


def test_filter_keystroke_on_5000_rows(benchmark, proxy):
    benchmark.pedantic(_typing(proxy), rounds=200, iterations=1, warmup_rounds=5)
    assert benchmark.stats.stats.mean <= BUDGET_SECONDS


def test_filter_keystroke_on_5000_rows_with_the_table_attached(benchmark, proxy, qtbot):
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1200, 800)
    view.show()
    benchmark.pedantic(_typing(proxy), rounds=200, iterations=1, warmup_rounds=5)
    assert benchmark.stats.stats.mean <= BUDGET_SECONDS


def test_sorting_5000_rows(benchmark, proxy):
    from PySide6.QtCore import Qt

    from facilitator.ui.models.roster_table import COL_AGE, COL_NAME

    columns = cycle([(COL_AGE, Qt.SortOrder.DescendingOrder), (COL_NAME, Qt.SortOrder.AscendingOrder)])
    benchmark.pedantic(lambda: proxy.sort(*next(columns)), rounds=20, iterations=1, warmup_rounds=2)
    assert benchmark.stats.stats.mean <= 0.25
