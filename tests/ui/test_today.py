"""Today: a running session's elapsed time comes from its stored start and the clock."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from facilitator.ui import format as fmt
from tests.ui.sessions import NOW, add_session


def _texts(widget):  # type: ignore[no-untyped-def]
    return [label.text() for label in widget.findChildren(QLabel)]


def test_a_running_session_shows_elapsed_time_derived_from_the_clock(make_window, store, clock):
    add_session(store, NOW - timedelta(minutes=72), status="running", expected=8, present=6)
    window = make_window()
    assert window.current_screen == "today"
    today = window.pages["today"]
    [card] = today.running_cards
    assert card.elapsed_label.text() == "running for 1 h 12 min"
    texts = _texts(card)
    assert "Thursday evening group" in texts
    assert "6 of 8 participants present" in texts
    assert any(t.startswith("Started ") or t.startswith("Planned start ") for t in texts)

    clock.advance(minutes=5)
    assert card.elapsed_label.text() == "running for 1 h 12 min"  # nothing counts on its own
    today.refresh()
    assert today.running_cards == [card]  # same data: the card stays, only its time moves
    assert card.elapsed_label.text() == "running for 1 h 17 min"


def test_upcoming_and_recently_finished_sessions_are_listed(make_window, store):
    add_session(store, NOW + timedelta(days=1), group="Monday group", expected=5)
    add_session(store, NOW - timedelta(days=2), status="finished", group="Tuesday group", expected=4, present=3)
    add_session(store, NOW + timedelta(days=30), group="Far future group")
    today = make_window().pages["today"]
    texts = _texts(today)
    assert "Next two weeks" in texts and "Recently finished" in texts
    assert "Monday group" in texts and "Tuesday group" in texts
    assert "Far future group" not in texts
    assert "Tomorrow" in texts
    assert "5 participants expected" in texts
    assert "3 of 4 attended" in texts
    assert today.running_cards == []


def test_nothing_planned_shows_the_empty_state_that_leads_to_session_setup(shell, qtbot):
    today = shell.pages["today"]
    assert today.empty_state is not None
    assert today.empty_state.title_label.text() == "No sessions today"
    qtbot.mouseClick(today.empty_state.action, Qt.MouseButton.LeftButton)
    assert shell.current_screen == "session-setup"


def test_durations_read_naturally():
    assert fmt.duration(timedelta(seconds=30)) == "under a minute"
    assert fmt.duration(timedelta(minutes=12)) == "12 min"
    assert fmt.duration(timedelta(minutes=60)) == "1 h"
    assert fmt.duration(timedelta(minutes=72, seconds=59)) == "1 h 12 min"


def test_day_labels_are_relative_to_now():
    assert fmt.day_label(NOW, NOW) == "Today"
    assert fmt.day_label(NOW + timedelta(days=1), NOW) == "Tomorrow"
    assert fmt.day_label(NOW - timedelta(days=1), NOW) == "Yesterday"
