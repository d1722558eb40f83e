"""Open a clinic, visit every screen as a facilitator would, print the process's peak memory.

Run as its own process by ``test_memory``: ``python -m tests.benchmarks.visit_every_screen DATA_DIR``.
Visits the runner of the running session and its room display, every sidebar screen (a search typed,
a summary in the Documents preview), a participant's profile, a group and history filtered to one
participant with the progress chart, then prints ``peak_rss_kb=<n>``.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle() -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(20_000)
    QApplication.processEvents()


def visit(data_dir: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from facilitator.domain.clock import FakeClock
    from facilitator.services.clinic_keys import Credentials
    from facilitator.services.demo.credentials import DEMO_PASSWORD, DEMO_USERNAME
    from facilitator.services.opening import open_store
    from facilitator.services.roster import roster_rows
    from facilitator.settings import Settings
    from facilitator.ui import navigation
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.theme import apply_theme
    from tests.benchmarks.conftest import NOW

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, "light", False)  # type: ignore[arg-type]
    clock = FakeClock(NOW)
    store = open_store(data_dir=data_dir, credentials=Credentials(DEMO_USERNAME, DEMO_PASSWORD), clock=clock)
    window = MainWindow(store, Settings(theme="light", chime_muted=True), clock=clock)
    window.resize(1440, 900)
    window.show()
    assert window.open_running_session(), "the ten-year demo has a session running now"
    _settle()
    runner = window.pages["runner"]
    runner.toggle_room()
    _settle()
    for screen_id in navigation.screen_ids():
        window.show_screen(screen_id)
        page = window.pages[screen_id]
        if screen_id == "search":
            page.field.setText("grief")
            page.run()
        if screen_id == "documents":
            page.preview_latest_summary()
        _settle()
    rows = store.run(roster_rows, clock.now().astimezone().date())
    person = next(r for r in rows if r.last_session)
    window.ctx.open("participants", participant_id=person.id)
    _settle()
    window.show_screen("history")
    history = window.pages["history"]
    history.person.setCurrentIndex(min(2, history.person.count() - 1))
    _settle()
    if runner.room is not None:
        runner.room.close()
    window.close()
    store.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(f"peak_rss_kb={peak}")
    return 0


if __name__ == "__main__":
    sys.exit(visit(Path(sys.argv[1])))
