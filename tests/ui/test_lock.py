"""The idle lock hides every record, keeps the window's timers running, and needs a password to lift."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.services import account_admin
from tests.conftest import TEST_PASSWORD


def test_idle_minutes_lock_the_window(window, clock):
    window.idle.minutes = 5
    window.idle.poke()
    clock.advance(minutes=4)
    window.idle.check()
    assert not window.locked
    clock.advance(minutes=1)
    window.idle.check()
    assert window.locked
    assert window.lock_overlay.geometry() == window.rect()
    assert window._clock_timer.isActive()  # the window keeps ticking under the lock


def test_unlock_needs_the_password_and_screens_stay_hidden_meanwhile(window, qtbot):
    window.lock()
    assert window.locked
    window._shortcut("settings")
    assert window.current_screen == "today"  # nothing comes to the front behind the lock
    window.lock_overlay.password.setText("wrong password entirely")
    window.lock_overlay.submit()
    qtbot.waitUntil(lambda: window.lock_overlay.card.error.isVisible(), timeout=10000)
    assert window.locked
    assert "not right" in window.lock_overlay.card.error.text()


def test_the_same_user_unlocks(window, qtbot, clock):
    window.lock()
    window.lock_overlay.password.setText(TEST_PASSWORD)
    with qtbot.waitSignal(window.lock_overlay.unlocked, timeout=10000):
        qtbot.keyClick(window.lock_overlay.password, Qt.Key.Key_Return)
    assert not window.locked


def test_another_user_can_switch_in(window, store, qtbot):
    account_admin.add_account(store, username="kim", display_name="Kim Park", password="vitals every forty",
                              role="monitor", credentials="RN")
    window.lock()
    qtbot.mouseClick(window.lock_overlay.switch_button, Qt.MouseButton.LeftButton)
    window.lock_overlay.switch_name.setText("kim")
    window.lock_overlay.password.setText("vitals every forty")
    with qtbot.waitSignal(window.lock_overlay.unlocked, timeout=10000):
        window.lock_overlay.submit()
    assert store.actor.username == "kim"
