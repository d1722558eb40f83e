"""The window before the main window: first run, set-up with the recovery key, sign-in, emergency access."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.store import probe_clinic
from facilitator.ui.gate import window as gate_window
from facilitator.ui.gate.window import GateWindow
from facilitator.ui.workers import read_progress
from tests.conftest import TEST_ADMIN, TEST_PASSWORD, new_test_clinic


@pytest.fixture()
def make_gate(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    made = []

    def make(data_dir, clock=None):  # type: ignore[no-untyped-def]
        gate = GateWindow(probe_clinic(None, data_dir), None, data_dir, clock=clock)
        qtbot.addWidget(gate)
        gate.resize(1200, 800)
        gate.show()
        qtbot.waitExposed(gate)
        made.append(gate)
        return gate

    yield make
    for gate in made:
        gate.close()
        gate.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def opened_store(qtbot, gate):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(gate.opened, timeout=15000) as blocker:
        pass
    return blocker.args[0]


def test_a_new_place_opens_on_the_welcome_view(make_gate, tmp_path):
    gate = make_gate(tmp_path / "new")
    assert gate.current_page() is gate.welcome
    assert gate.welcome.demo_button.accessibleName() == "Open the demo clinic"
    assert gate.windowTitle() == "Facilitator"


def test_the_demo_clinic_is_built_off_the_ui_thread(make_gate, tmp_path, qtbot, monkeypatch):
    calls, release = [], threading.Event()

    def fake(database_url, data_dir, clock, progress):  # type: ignore[no-untyped-def]
        calls.append(threading.current_thread() is threading.main_thread())
        progress(0.5, "Writing sessions")
        release.wait(10)
        return SimpleNamespace(name="store")

    monkeypatch.setattr(gate_window, "_create_demo", fake)
    gate = make_gate(tmp_path / "new")
    with qtbot.waitSignal(gate.opened, timeout=5000) as blocker:
        qtbot.mouseClick(gate.welcome.demo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: gate.welcome.progress.value() == 500, timeout=5000)
        assert gate.welcome.progress_label.text() == "Writing sessions"
        assert not gate.welcome.setup_button.isEnabled()
        release.set()
    assert blocker.args[0].name == "store" and calls == [False]


def test_a_failed_demo_says_why_and_offers_the_choices_again(make_gate, tmp_path, qtbot, monkeypatch):
    def failing(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise UserError("A clinic database already exists here.")

    monkeypatch.setattr(gate_window, "_create_demo", failing)
    gate = make_gate(tmp_path / "new")
    qtbot.mouseClick(gate.welcome.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gate.welcome.error_label.isVisible(), timeout=5000)
    assert "already exists" in gate.welcome.error_label.text()
    assert gate.welcome.demo_button.isEnabled() and gate.welcome.setup_button.isEnabled()


def test_setting_up_a_clinic_shows_the_recovery_key_once(make_gate, tmp_path, qtbot):
    gate = make_gate(tmp_path / "new")
    qtbot.mouseClick(gate.welcome.setup_button, Qt.MouseButton.LeftButton)
    page = gate.setup
    assert gate.current_page() is page
    page.display_name.setText("Robin Vale")
    page.credentials.setText("LCSW")
    page.clinic.setText("Cedar Room Clinic")
    page.username.setText("robin")
    page.password.setText("a long enough passphrase")
    page.confirm.setText("a different passphrase!")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "not the same" in page.error.text() and page.error.isVisible()
    page.password.setText("short")
    page.confirm.setText("short")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "at least 12" in page.error.text()
    page.password.setText("a long enough passphrase")
    page.confirm.setText("a long enough passphrase")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gate.current_page() is gate.recovery, timeout=15000)
    key = gate.recovery.key_label.text().replace("\n", "-")
    assert len(key.split("-")) == 8
    assert not gate.recovery.continue_button.isEnabled()
    gate.recovery.kept.setChecked(True)
    with qtbot.waitSignal(gate.opened, timeout=5000) as blocker:
        qtbot.mouseClick(gate.recovery.continue_button, Qt.MouseButton.LeftButton)
    store = blocker.args[0]
    try:
        assert store.encrypted and store.actor.username == "robin" and store.actor.is_admin
        assert gate.recovery.key_label.text() == ""  # nothing of the key stays on screen
        from facilitator.services.clinic import get_clinic_info

        assert store.run(get_clinic_info).name == "Cedar Room Clinic"
    finally:
        store.dispose()


def test_sign_in_wrong_then_right(make_gate, tmp_path, qtbot):
    new_test_clinic(tmp_path / "clinic").dispose()
    clock = FakeClock(datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    gate = make_gate(tmp_path / "clinic", clock)
    assert gate.current_page() is gate.login
    gate.login.username.setText(TEST_ADMIN)
    gate.login.password.setText("not the password at all")
    qtbot.mouseClick(gate.login.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gate.login.error.isVisible(), timeout=10000)
    assert gate.login.error.text() == "The username or password is not right."
    assert gate.login.password.text() == ""
    gate.login.password.setText(TEST_PASSWORD)
    qtbot.mouseClick(gate.login.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "wait" in gate.login.error.text(), timeout=10000)  # the backoff holds for anyone
    clock.advance(2)
    gate.login.password.setText(TEST_PASSWORD)
    with qtbot.waitSignal(gate.opened, timeout=10000) as blocker:
        qtbot.mouseClick(gate.login.sign_in_button, Qt.MouseButton.LeftButton)
    store = blocker.args[0]
    assert store.actor.username == TEST_ADMIN
    store.dispose()


def test_the_demo_clinic_login_shows_its_public_credentials(make_gate, tmp_path):
    from facilitator.services.demo_clinic import DEMO_CLINIC
    from facilitator.services.store import open_store
    from tests.conftest import fast_kdf

    open_store(data_dir=tmp_path / "demo", new_clinic=DEMO_CLINIC, kdf=fast_kdf()).dispose()
    gate = make_gate(tmp_path / "demo")
    assert "demo-clinic-pass" in gate.login.sentence.text()
    assert gate.login.username.text() == "demo"


def test_emergency_access_needs_key_and_reason(make_gate, tmp_path, qtbot):
    store = new_test_clinic(tmp_path / "clinic")
    key = store.new_recovery_key
    store.dispose()
    gate = make_gate(tmp_path / "clinic")
    qtbot.mouseClick(gate.login.emergency_button, Qt.MouseButton.LeftButton)
    page = gate.emergency
    page.key.setText(key)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert "reason" in page.error.text()
    page.reason.setPlainText("Administrator unreachable during a running session")
    with qtbot.waitSignal(gate.opened, timeout=10000) as blocker:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    opened = blocker.args[0]
    assert opened.actor.username == "emergency-access"
    opened.dispose()


@pytest.mark.parametrize(("args", "kwargs", "expected"), [
    ((0.25,), {}, (0.25, "")),
    ((40,), {}, (0.4, "")),
    ((3, 4), {}, (0.75, "")),
    (("Groups", 1, 4), {}, (0.25, "Groups")),
    ((), {"done": 2, "total": 8, "message": "Notes"}, (0.25, "Notes")),
    ((SimpleNamespace(fraction=0.9, message="Audit"),), {}, (0.9, "Audit")),
    (("Starting",), {}, (-1.0, "Starting")),
])
def test_progress_reports_of_any_usual_shape_are_understood(args, kwargs, expected):
    assert read_progress(*args, **kwargs) == expected
