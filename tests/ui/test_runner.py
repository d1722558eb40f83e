"""The runner: keys and buttons act on the stored session at once, times come from the clock, resume works."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from facilitator.domain.timeline import TimerState
from facilitator.services import runner
from facilitator.services.runner_lock import claim_runner
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow
from tests.conftest import sign_in_again
from tests.ui.runner_helpers import running_session, small_clinic


@pytest.fixture()
def clinic(store):  # type: ignore[no-untyped-def]
    return small_clinic(store)


def open_runner(make_window, qtbot, session_id: int):  # type: ignore[no-untyped-def]
    window = make_window(Settings(theme="light", chime_muted=True))
    window.ctx.open_session(session_id, "runner")
    with qtbot.waitActive(window):  # shortcuts fire only in the active window
        window.activateWindow()
    screen = window.pages["runner"]
    assert screen.live.session_id == session_id and screen.live.holds_runner
    return window, screen


def stored(store, session_id: int, clock):  # type: ignore[no-untyped-def]
    return store.run(runner.get_snapshot, session_id, clock)


def test_the_runner_shows_the_phase_time_left_and_what_comes_next(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    clock.advance(minutes=4, seconds=30)
    window, screen = open_runner(make_window, qtbot, session_id)
    assert screen.clock.name_label.text() == "Arrival & check-in"
    assert screen.clock.time_label.text() == "10:30"
    assert screen.clock.step_label.text() == "PHASE 1 OF 8"
    assert screen.next_panel.name.text() == "Vitals & pre-session measures"
    assert "Pre-dose BP" in screen.next_panel.prompts.text()
    assert [c.name_label.text() for c in screen.cards] == ["Anaïs R.", "Bea O.", "Dev S."]
    assert screen.title_label.text() == "Thursday Dosing Cohort"
    assert window.windowTitle() == "Facilitator"


def test_keys_pause_resume_extend_and_go_on_and_each_is_stored_at_once(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    clock.advance(minutes=2)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert stored(store, session_id, clock).timer.state is TimerState.PAUSED
    assert screen.controls.pause.text().startswith("Resume")
    clock.advance(minutes=3)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    snap = stored(store, session_id, clock)
    assert snap.timer.state is TimerState.RUNNING and snap.timer.session_paused_seconds == 180
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert stored(store, session_id, clock).timer.planned_seconds == 20 * 60
    assert screen.clock.time_label.text() == "18:00"  # 15 + 5 planned, 2 active
    qtbot.keyClick(window, Qt.Key.Key_N)
    snap = stored(store, session_id, clock)
    assert snap.current_phase is not None and snap.current_phase.name == "Vitals & pre-session measures"
    assert screen.clock.name_label.text() == "Vitals & pre-session measures"


def test_buttons_extend_by_one_or_a_custom_number_skip_and_go_back(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    qtbot.mouseClick(screen.controls.extend1, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.controls.extend_custom, Qt.MouseButton.LeftButton)
    assert screen.extend_bar.isVisible()
    screen.extend_bar.minutes.setValue(12)
    qtbot.mouseClick(screen.extend_bar.yes, Qt.MouseButton.LeftButton)
    assert not screen.extend_bar.isVisible()
    assert stored(store, session_id, clock).timer.planned_seconds == (15 + 1 + 12) * 60
    qtbot.mouseClick(screen.controls.skip, Qt.MouseButton.LeftButton)
    assert stored(store, session_id, clock).timer.current_index == 1
    qtbot.mouseClick(screen.controls.back, Qt.MouseButton.LeftButton)
    assert stored(store, session_id, clock).timer.current_index == 0
    qtbot.mouseClick(screen.controls.back, Qt.MouseButton.LeftButton)
    assert screen.problem.isVisible()
    assert screen.problem.text() == "This is the first phase; there is no earlier phase to go back to."


def test_past_the_plan_the_time_counts_up_in_a_warm_colour(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    clock.advance(minutes=16, seconds=5)
    screen.live.tick()
    assert screen.clock.time_label.text() == "+01:05"
    assert screen.clock.time_label.property("role") == "timerOver"
    assert screen.clock.state_label.text() == "Over the plan"


def test_a_quick_note_is_stamped_with_the_time_and_the_phase(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    field = screen.note_line.field
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert field.hasFocus()
    qtbot.keyClicks(field, "Room warm; fan on")  # typing N or E or a space here never triggers the runner
    assert stored(store, session_id, clock).timer.state is TimerState.RUNNING
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [note] = stored(store, session_id, clock).notes
    assert (note.text, note.phase_name, note.at) == ("Room warm; fan on", "Arrival & check-in", clock.now())
    assert field.text() == ""
    [item] = screen.notes.items
    assert "Arrival & check-in" in item.findChildren(type(screen.problem))[0].text()


def test_finishing_asks_first_and_then_offers_the_record(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    clock.advance(minutes=10)
    qtbot.mouseClick(screen.controls.finish, Qt.MouseButton.LeftButton)
    assert screen.finish_bar.isVisible()
    assert stored(store, session_id, clock).status == "running"
    qtbot.mouseClick(screen.finish_bar.no, Qt.MouseButton.LeftButton)
    assert stored(store, session_id, clock).status == "running"
    qtbot.mouseClick(screen.controls.finish, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.finish_bar.yes, Qt.MouseButton.LeftButton)
    assert stored(store, session_id, clock).status == "finished"
    assert screen.finished_line.isVisible() and not screen.controls.isVisible()
    assert not screen.live.tick_timer.isActive()
    qtbot.mouseClick(screen.record_button, Qt.MouseButton.LeftButton)
    assert window.current_screen == "session-detail"
    record = window.pages["session-detail"].record
    assert record.rows[0][:4] == ["Arrival & check-in", "15 min", "10:00", "\u22125 min"]
    assert record.rows[1][2] == "not run"


def test_repaints_come_from_the_snapshot_without_the_database(make_window, qtbot, store, clinic, clock,
                                                              monkeypatch):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    calls = []
    real_run = store.run
    monkeypatch.setattr(store, "run", lambda *a, **k: calls.append(a[0]) or real_run(*a, **k))
    clock.advance(seconds=61)
    qtbot.waitUntil(lambda: screen.clock.time_label.text() == "13:59", timeout=3000)
    assert calls == []  # the repaint timer read no row


def test_reopening_the_clinic_mid_phase_resumes_with_the_right_times(qtbot, tmp_path, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    clock.advance(minutes=3)
    store.run(runner.pause_phase, session_id, clock)
    clock.advance(minutes=2)
    store.run(runner.resume_phase, session_id, clock)
    clock.advance(minutes=4)
    store.dispose()  # as if the app had died here
    clock.advance(minutes=1)
    reopened = sign_in_again(tmp_path / "data")
    try:
        window = MainWindow(reopened, Settings(theme="light", chime_muted=True), clock=clock)
        qtbot.addWidget(window)
        window.show()
        assert window.open_running_session()
        screen = window.pages["runner"]
        assert window.current_screen == "runner"
        # 15 planned; 3 + 4 + 1 = 8 minutes active (the 2-minute pause excluded).
        assert screen.clock.time_label.text() == "07:00"
        assert screen.session_clock.text() == "10:00"
        window.close()
    finally:
        reopened.dispose()


def test_a_second_runner_for_the_same_session_follows_it_read_only(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    store.run(claim_runner, session_id, "another-window", clock, label="Room 2 laptop", host="room-2")
    window = make_window(Settings(theme="light", chime_muted=True))
    window.ctx.open_session(session_id, "runner")
    screen = window.pages["runner"]
    # Followed read-only: the clock and the cards show, the controls stay on the runner's laptop.
    assert screen.content.isVisible() and screen.follow_line.isVisible()
    assert screen.follow_text.text().startswith("This session is already open in a runner on another")
    assert "Room 2 laptop" in screen.follow_text.text()
    assert not screen.controls.isVisible() and not screen.note_line.isVisible()
    assert screen.live.tick_timer.isActive() and not screen.live.heartbeat_timer.isActive()
    assert not screen.live.next_phase()  # refused: nothing is written from here


def test_closing_the_window_gives_the_session_back(make_window, qtbot, store, clinic, clock):
    from facilitator.services.runner_lock import runner_holder

    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)
    assert store.run(runner_holder, session_id, clock).instance_id == window.ctx.instance_id
    window.close()
    assert store.run(runner_holder, session_id, clock) is None
    assert store.run(runner.get_snapshot, session_id, clock).status == "running"  # the session goes on


def test_today_opens_the_runner_of_the_running_session(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    window = make_window()
    [card] = window.pages["today"].running_cards
    card.openRunner.emit(session_id)
    assert window.current_screen == "runner"
    assert window.pages["runner"].live.session_id == session_id
    clock.advance(minutes=1)
    assert timedelta(seconds=window.pages["runner"].live.tick().elapsed_seconds) == timedelta(minutes=1)


def test_a_small_laptop_window_shows_the_whole_runner_without_scrolling_sideways(make_window, qtbot, store, clinic,
                                                                                  clock):
    session_id = running_session(store, clinic, clock)
    window, screen = open_runner(make_window, qtbot, session_id)  # 1280 × 800
    bar = screen.scroll_area.horizontalScrollBar()
    qtbot.waitUntil(lambda: screen._columns == 1 and bar.maximum() == 0)
    finish = screen.controls.finish
    assert finish.isVisible() and finish.mapTo(screen, finish.rect().topRight()).x() <= screen.width()
    window.resize(1600, 900)  # a wide screen: the cards sit two to a row again
    qtbot.waitUntil(lambda: screen._columns == 2 and bar.maximum() == 0)
    rows = {screen.card_grid.getItemPosition(screen.card_grid.indexOf(card))[0] for card in screen.cards}
    assert rows == {0, 1}  # three people: two rows
