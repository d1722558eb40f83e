"""The monitoring board: an empty state with no session, everyone sorted by attention, the same vitals line."""

from __future__ import annotations

from PySide6.QtCore import Qt

from facilitator.services.monitoring import record_dose, record_vitals
from facilitator.settings import Settings
from tests.ui.runner_helpers import running_session, small_clinic


def test_the_board_is_empty_without_a_running_session(window):  # type: ignore[no-untyped-def]
    window.show_screen("monitoring")
    screen = window.pages["monitoring"]
    assert screen.empty.isVisible() and not screen.content.isVisible()
    assert screen.empty.title_label.text() == "No session is running"


def test_the_board_sorts_by_attention_and_records_a_typed_line(make_window, qtbot, store, clock):
    clinic = small_clinic(store)
    session_id = running_session(store, clinic, clock)
    window = make_window(Settings(theme="light", chime_muted=True))
    window.show_screen("monitoring")
    screen = window.pages["monitoring"]
    assert screen.content.isVisible() and len(screen.rows) == 3
    dev = next(r for r in screen.rows.values() if r.name_label.text() == "Dev S.")
    dev.panel.entry.setFocus()
    qtbot.keyClicks(dev.panel.entry, "126/80 70 98")
    qtbot.keyClick(dev.panel.entry, Qt.Key.Key_Return)
    assert dev.panel.level_tag.text() == "Normal"
    store.run(record_dose, session_id, dev.participant_id, clock, amount_mg=200)
    clock.advance(minutes=15)
    store.run(record_vitals, session_id, dev.participant_id, clock, line="182/112 90 97")
    screen.feed.reload_now()
    first = screen.list.itemAt(0).widget()
    assert first is dev and dev.property("attention") == "alert"
    assert "need attention now" in screen.heading.text()


def test_the_periodic_reload_runs_off_the_ui_thread(make_window, qtbot, store, clock):
    clinic = small_clinic(store)
    session_id = running_session(store, clinic, clock)
    window = make_window(Settings(theme="light", chime_muted=True))
    window.show_screen("monitoring")
    screen = window.pages["monitoring"]
    some = next(iter(screen.rows.values()))
    store.run(record_vitals, session_id, some.participant_id, clock, line="150/95 80 97")
    with qtbot.waitSignal(screen.feed.boardChanged, timeout=5000):
        screen.feed.reload_async()
    assert some.panel.level_tag.text() != "No vitals"
