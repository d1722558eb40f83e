"""Safety nets in the app: a calm dialog for unexpected errors, and one app per database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator import app as app_module
from facilitator.ui import safety

SECRET = "Ana Ruiz said something private"


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_calm_dialog_without_its_message(qtbot, window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch) -> None:
    shown: list[QMessageBox] = []
    monkeypatch.setattr(safety, "_present", shown.append)  # the offscreen platform cannot show a top-level box
    previous = sys.excepthook
    app_module._log_to_data_dir(tmp_path)
    ticks: list[int] = []
    heartbeat = QTimer(window)
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    try:
        def broken_slot() -> None:
            raise ValueError(SECRET)

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
        box = shown[0]
        assert box.text() == safety.CALM_TEXT
        assert SECRET not in box.text() + box.informativeText() + box.detailedText()
        assert not box.isModal()
        seen = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) > seen + 2, timeout=3000)  # the app keeps running behind it
        assert window.isVisible()
        QTimer.singleShot(0, broken_slot)  # a second error while the box is open: logged, no second box
        qtbot.waitUntil(lambda: len(ticks) > seen + 6, timeout=3000)
        assert len(shown) == 1 and safety._open_dialogs == [box]
        box.done(0)
        qtbot.waitUntil(lambda: not safety._open_dialogs, timeout=3000)
        log_text = "".join(p.read_text() for p in (tmp_path / "logs").glob("*.log"))
        assert "ValueError" in log_text and SECRET not in log_text
    finally:
        heartbeat.stop()
        sys.excepthook = previous


def test_a_second_start_on_the_same_database_brings_the_first_to_the_front(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = tmp_path / "clinic.db"
    raised: list[bool] = []
    server = safety.InstanceServer(database, lambda: window)
    server.bring_to_front = lambda: raised.append(True)  # type: ignore[method-assign]
    try:
        assert safety.ask_running_instance_to_raise(database)
        qtbot.waitUntil(lambda: bool(raised), timeout=3000)
        assert not safety.ask_running_instance_to_raise(tmp_path / "other.db")
    finally:
        server.close()
    assert QApplication.instance() is not None
