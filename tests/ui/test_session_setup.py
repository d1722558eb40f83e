"""Session setup: phases edited for one session, refusals at the field, plans on Today, start to the runner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from facilitator.services.session_setup import get_session_plan
from facilitator.services.sessions import list_sessions
from facilitator.services.setup_choices import planned_sessions
from facilitator.settings import Settings
from tests.ui.runner_helpers import planned_session, small_clinic
from tests.ui.sessions import NOW


@pytest.fixture()
def setup(store, make_window):  # type: ignore[no-untyped-def]
    clinic = small_clinic(store)
    window = make_window(Settings(theme="light", chime_muted=True))
    window.ctx.open_session(None, "session-setup")
    return window, window.pages["session-setup"], clinic


def type_minutes(qtbot, row, text: str) -> None:  # type: ignore[no-untyped-def]
    row.minutes.selectAll()
    qtbot.keyClicks(row.minutes, text)


def test_a_new_plan_copies_the_groups_protocol_and_expects_its_members(setup):
    window, screen, clinic = setup
    assert screen.group.currentText() == "Thursday Dosing Cohort"
    assert screen.location.text() == "Willow Room"
    assert screen.time.time().toString("HH:mm") == "10:00"
    phases = screen.phases.phases()
    assert len(phases) == 8 and phases[0].name == "Arrival & check-in"
    assert screen.phases.total.text() == "Total 3 h 20 min  ·  8 phases"
    assert [screen.people.item(i).text() for i in range(screen.people.count())] == [
        "Anaïs Ruiz", "Bea Olsen", "Dev Shah"]
    assert screen.checkin_area.objectName() == "checkinArea"


def test_zero_or_negative_minutes_are_refused_at_the_field(setup, qtbot, store, clock):
    window, screen, clinic = setup
    row = screen.phases.rows[1]
    type_minutes(qtbot, row, "0")
    assert row.error.isVisible()
    assert row.error.text() == "A phase needs at least 1 minute; 0 minutes is not allowed."
    assert row.minutes.property("invalid") is True
    type_minutes(qtbot, row, "-5")
    assert row.error.text() == "Minutes cannot be negative; give at least 1 minute."
    assert screen.save() is None
    assert screen.problem.text() == "Phase 2: Minutes cannot be negative; give at least 1 minute."
    assert store.run(list_sessions) == []
    type_minutes(qtbot, row, "25")
    assert not row.error.isVisible()
    assert screen.phases.total.text() == "Total 3 h 30 min  ·  8 phases"


def test_phases_added_removed_and_reordered_are_saved_for_this_session_only(setup, qtbot, store, clock):
    window, screen, clinic = setup
    editor = screen.phases
    qtbot.mouseClick(editor.rows[2].remove, Qt.MouseButton.LeftButton)  # the intention circle
    qtbot.mouseClick(editor.rows[1].up, Qt.MouseButton.LeftButton)
    editor.select(len(editor.rows) - 1)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    new = editor.rows[-1]
    qtbot.keyClicks(new.name, "Tea and rest")
    type_minutes(qtbot, new, "15")
    screen.setting.setPlainText("Playlist B; lights low")
    plan = screen.save()
    assert plan is not None
    names = [p.name for p in store.run(get_session_plan, plan.id).phases]
    assert names[:3] == ["Vitals & pre-session measures", "Arrival & check-in", "Dosing"]
    assert names[-1] == "Tea and rest" and len(names) == 8
    assert plan.setting_notes == "Playlist B; lights low"
    assert screen.status.text() == "Saved. The session is on Today."
    from facilitator.services.protocols import get_protocol_spec

    assert len(store.run(get_protocol_spec, clinic.dosing_id).phases) == 8  # the template is untouched
    assert "Intention circle" in [p.name for p in store.run(get_protocol_spec, clinic.dosing_id).phases]


def test_an_ad_hoc_session_needs_a_title(setup, qtbot, store):
    window, screen, clinic = setup
    screen.group.setCurrentIndex(screen.group.count() - 1)
    screen._group_chosen(screen.group.currentIndex())
    assert screen.save() is None
    assert screen.title_error.isVisible() and screen.title_error.text() == "An ad-hoc session needs a title."
    qtbot.keyClicks(screen.title_field, "Drop-in integration")
    assert screen.save() is not None


def test_a_saved_plan_is_on_today_and_opens_again_from_there(setup, qtbot, store, clock):
    window, screen, clinic = setup
    screen.time.setTime(screen.time.time().addSecs(3600))
    plan = screen.save()
    window.show_screen("today")
    today = window.pages["today"]
    from facilitator.ui.widgets.session_cards import SessionList

    [upcoming] = today.findChildren(SessionList)
    upcoming.buttons[plan.id].click()
    assert window.current_screen == "session-setup"
    assert screen.plan is not None and screen.plan.id == plan.id
    assert not screen.group.isEnabled()  # a plan keeps its group and its copy of the protocol
    type_minutes(qtbot, screen.phases.rows[0], "20")
    screen.save()
    assert store.run(get_session_plan, plan.id).phases[0].minutes == 20


def test_start_session_saves_starts_and_opens_the_runner(setup, qtbot, store, clock):
    window, screen, clinic = setup
    existing = planned_session(store, clinic, NOW + timedelta(days=1))
    screen.activated()
    assert screen.plan_choice.findData(existing) > 0
    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    assert window.current_screen == "runner"
    runner = window.pages["runner"]
    assert runner.live.running and runner.clock.name_label.text() == "Arrival & check-in"
    assert [r.id for r in store.run(planned_sessions, clock.now())] == [existing]
