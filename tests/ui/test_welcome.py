"""First run: the welcome view, "Start empty", and the demo clinic built off the UI thread."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from facilitator.errors import UserError
from facilitator.ui import welcome
from facilitator.ui.workers import read_progress


def test_an_empty_database_opens_on_the_welcome_view(window):
    assert window.showing_welcome()
    assert not window.sidebar.isVisible()
    assert window.welcome.empty_button.isVisible()
    assert window.welcome.demo_button.accessibleName() == "Open the demo clinic"


def test_start_empty_goes_to_today(window, qtbot):
    qtbot.mouseClick(window.welcome.empty_button, Qt.MouseButton.LeftButton)
    assert window.current_screen == "today"
    assert window.sidebar.isVisible()
    assert window.pages["today"].empty_state.title_label.text() == "No sessions today"
    assert window.welcome is None


def test_open_the_demo_clinic_runs_off_the_ui_thread_and_lands_on_today(make_window, store, qtbot, monkeypatch):
    calls = []
    release = threading.Event()

    def fake_generator(the_store, *, years, seed, progress):  # type: ignore[no-untyped-def]
        calls.append((the_store, years, seed, threading.current_thread() is threading.main_thread()))
        progress(0.5, "Writing sessions")
        release.wait(10)  # hold here until the test has seen the progress bar move
        progress(1.0, "Done")
        return SimpleNamespace(describe=lambda: "nothing")

    monkeypatch.setattr(welcome, "generate_demo_clinic", fake_generator)
    window = make_window()
    view = window.welcome
    assert view.demo_button.isEnabled()
    qtbot.mouseClick(view.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.progress.value() == 500, timeout=5000)
    assert view.progress.isVisible()
    assert view.progress_label.text() == "Writing sessions"
    assert not view.empty_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: window.current_screen == "today", timeout=5000)
    assert calls == [(store, 1, 7, False)]


def test_a_failed_demo_clinic_says_why_and_offers_the_choices_again(make_window, qtbot, monkeypatch):
    def failing(_store, **_kwargs):  # type: ignore[no-untyped-def]
        raise UserError("The demo clinic needs an empty database.")

    monkeypatch.setattr(welcome, "generate_demo_clinic", failing)
    window = make_window()
    view = window.welcome
    with qtbot.waitSignal(view.demo_button.clicked):
        qtbot.mouseClick(view.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.error_label.isVisible(), timeout=5000)
    assert "needs an empty database" in view.error_label.text()
    assert view.demo_button.isEnabled() and view.empty_button.isEnabled()
    assert window.showing_welcome()


def test_without_a_demo_generator_the_demo_choice_is_disabled(make_window, monkeypatch):
    monkeypatch.setattr(welcome, "generate_demo_clinic", None)
    window = make_window()
    assert not window.welcome.demo_button.isEnabled()
    assert window.welcome.empty_button.isEnabled()


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
