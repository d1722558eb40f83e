"""History, Search and the progress chart on the demo clinic (one clinic for the module)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

from facilitator.domain.clock import FakeClock
from facilitator.services.participants import list_participants
from facilitator.services.progress import participant_progress
from facilitator.settings import Settings
from facilitator.ui.widgets.progress_chart import ProgressChart

DEMO_NOW = datetime(2026, 3, 12, 10, 40).astimezone()
HOSTILE = ['"unclosed', "NEAR(a b)", "*", "-", "((", "'; DROP TABLE note; --", "grief OR", "\u202e\u0000x", "🙂 ünï"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[tuple[object, FakeClock]]:  # type: ignore[no-untyped-def]
    from facilitator.services.demo_clinic import create_demo_clinic
    from tests.conftest import fast_kdf

    clock = FakeClock(DEMO_NOW)
    store, _summary = create_demo_clinic(data_dir=tmp_path_factory.mktemp("demo"), years=1, seed=7, clock=clock,
                                         kdf=fast_kdf())
    yield store, clock
    store.dispose()


@pytest.fixture()
def demo_window(qtbot, demo):  # type: ignore[no-untyped-def]
    from facilitator.ui.main_window import MainWindow

    store, clock = demo
    window = MainWindow(store, Settings(theme="light"), clock=clock)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    QThreadPool.globalInstance().waitForDone(5000)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_search_shows_hits_and_survives_hostile_text(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.show_screen("search")
    screen = demo_window.pages["search"]
    screen.field.setText("grief")
    qtbot.waitUntil(lambda: bool(screen.hits), timeout=5000)
    assert len(screen.rows) == len(screen.hits)
    assert "<b>" in screen.rows[0].snippet.text().lower()
    for text in HOSTILE:
        screen.field.setText(text)
        screen.run()
        qtbot.waitUntil(lambda: screen.status.text() != "Searching…", timeout=5000)
        assert "went wrong" not in screen.status.text()


def test_history_pages_lazily(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.show_screen("history")
    screen = demo_window.pages["history"]
    qtbot.waitUntil(lambda: len(screen.model.rows) == 50, timeout=5000)
    assert screen.next is not None
    first = screen.model.rows[0].scheduled_start
    assert all(r.scheduled_start <= first for r in screen.model.rows)
    screen.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(screen.model.rows) > 50, timeout=5000)
    ids = [r.id for r in screen.model.rows]
    assert len(ids) == len(set(ids))


def test_chart_paints_bands(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    store, _clock = demo
    people = store.run(list_participants)
    progress = next(p for p in (store.run(participant_progress, x.id) for x in people) if p.phq9.points)
    chart = ProgressChart()
    qtbot.addWidget(chart)
    chart.set_progress(progress)
    chart.resize(900, chart.sizeHint().height())
    image = chart.grab().toImage()
    assert chart.painted >= 1
    # The minimal band's tint sits just above the time axis at the left of the first panel.
    colour = image.pixelColor(70, 36 + 170 - 3)
    assert colour.green() > colour.red()
