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


def test_a_damaged_database_is_offered_the_newest_good_backup_at_sign_in(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                         monkeypatch) -> None:
    from PySide6.QtCore import Qt

    from facilitator.services import backup
    from facilitator.services.store import probe_clinic
    from facilitator.ui.gate import window as gate_window
    from tests.conftest import TEST_ADMIN, TEST_PASSWORD, new_test_clinic

    data_dir = tmp_path / "clinic"
    store = new_test_clinic(data_dir)
    saved = backup.write_copy(store, data_dir / "backups" / "auto-20260312-090000.db")
    store.dispose()
    database = data_dir / "facilitator.db"
    size = database.stat().st_size
    with database.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xde\xad" * 4096)
    damaged = database.read_bytes()
    offered: list[str] = []

    def answer_yes(_parent, problem) -> bool:  # type: ignore[no-untyped-def]
        offered.append(problem.backup.name)
        return True

    monkeypatch.setattr(gate_window, "ask_to_restore", answer_yes)
    gate = gate_window.GateWindow(probe_clinic(None, data_dir), None, data_dir)
    qtbot.addWidget(gate)
    gate.show()
    qtbot.waitExposed(gate)
    try:
        gate.login.username.setText(TEST_ADMIN)
        gate.login.password.setText(TEST_PASSWORD)
        with qtbot.waitSignal(gate.opened, timeout=20000) as blocker:
            qtbot.mouseClick(gate.login.sign_in_button, Qt.MouseButton.LeftButton)
        opened = blocker.args[0]
        assert offered == [saved.name]
        assert opened.actor.username == TEST_ADMIN
        opened.dispose()
        kept = list((data_dir / "backups").glob("damaged-*.db"))
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
    finally:
        gate.close()  # qtbot deletes it at teardown (deleting it here raced pytest-qt's own close)


def test_the_launcher_answers_a_second_start_once_its_window_has_painted(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import new_test_clinic

    data_dir = tmp_path / "data"
    new_test_clinic(data_dir).dispose()
    first = app_module.Launcher(None, data_dir)
    raised: list[bool] = []
    try:
        assert first.lock is not None and first.instance_server is None  # the lock at once, the server after paint
        qtbot.waitUntil(lambda: first.instance_server is not None, timeout=3000)
        first.instance_server.bring_to_front = lambda: raised.append(True)  # type: ignore[method-assign, union-attr]
        assert safety.ask_running_instance_to_raise(data_dir / "facilitator.db")
        qtbot.waitUntil(lambda: bool(raised), timeout=3000)
    finally:
        first.shut_down()
        if first.gate is not None:
            first.gate.close()
            first.gate.deleteLater()
    assert first.lock is None
