"""Running a session: every action persisted at once, and the same snapshot after a restart — on SQLite and
on PostgreSQL (the runner of one laptop and the screens of another meet in the server's rows)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, GroupSession, PhaseExtension, PhasePause, PhaseRun
from facilitator.domain.clock import FakeClock
from facilitator.domain.phase_timer import PhaseStatus
from facilitator.domain.timeline import TimerState
from facilitator.errors import UserError
from facilitator.services import runner
from facilitator.services.session_setup import plan_session
from tests.conftest import open_again
from tests.services.conftest import NOW, Clinic


@pytest.fixture()
def store(backend_store):  # type: ignore[no-untyped-def]
    """Every test here on both backends: an encrypted SQLite file, and an emptied PostgreSQL database."""
    return backend_store


@pytest.fixture()
def session_id(store, clinic: Clinic) -> int:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW)
    with store.session() as s:
        rows = {a.participant_id: a for a in s.scalars(select(Attendance).where(Attendance.session_id == plan.id))}
        rows[clinic.members["Bea"]].status, rows[clinic.members["Bea"]].intention = "present", "To rest in my body"
        rows[clinic.members["Dev"]].status = "absent"
    return plan.id


def test_starting_records_the_session_and_its_first_phase(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW + timedelta(minutes=3))
    snap = store.run(runner.start_session, session_id, clock)
    assert snap.status == "running" and snap.timer.state is TimerState.RUNNING
    assert snap.current_phase is not None and snap.current_phase.name == "Arrival & check-in"
    assert snap.next_phase is not None and snap.next_phase.name == "Vitals & pre-session measures"
    assert snap.next_phase.prompts and snap.group_name == "Thursday Dosing Cohort"
    assert [(c.name, c.attendance, c.intention) for c in snap.participants] == [
        ("Ana Ruiz", "expected", ""), ("Bea Olsen", "present", "To rest in my body"),
    ]
    with store.session() as s:
        row = s.get(GroupSession, session_id)
        assert row is not None and row.status == "running" and row.started_at == clock.now()
        assert row.phases[0].started_at == clock.now() and row.phases[1].started_at is None
    with pytest.raises(UserError, match="already started; it cannot be started twice"):
        store.run(runner.start_session, session_id, clock)


def drive(store, session_id: int, clock: FakeClock, user_id: int) -> None:  # type: ignore[no-untyped-def]
    """Into phase 3 with pauses, a skip, a back, an extension, and phase 3 paused."""
    store.run(runner.start_session, session_id, clock, user_id)
    clock.advance(minutes=5)
    store.run(runner.pause_phase, session_id, clock)
    clock.advance(minutes=2)
    store.run(runner.resume_phase, session_id, clock)
    clock.advance(minutes=10)
    store.run(runner.next_phase, session_id, clock)
    clock.advance(minutes=1)
    store.run(runner.skip_phase, session_id, clock)
    clock.advance(seconds=10)
    store.run(runner.pause_phase, session_id, clock)
    clock.advance(seconds=10)
    store.run(runner.back_to_previous_phase, session_id, clock)  # its pause moves with its time
    clock.advance(minutes=14)
    store.run(runner.next_phase, session_id, clock)
    clock.advance(minutes=4)
    store.run(runner.extend_phase, session_id, 5, clock, user_id)
    clock.advance(minutes=3)
    store.run(runner.pause_phase, session_id, clock)
    clock.advance(seconds=45)


def test_every_action_is_in_the_database_at_once(store, session_id: int, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    drive(store, session_id, clock, clinic.facilitator_id)
    with store.session() as s:
        phases = s.scalars(select(PhaseRun).where(PhaseRun.session_id == session_id).order_by(PhaseRun.position)).all()
        first, second, third = phases[:3]
        assert first.ended_at == second.started_at == NOW + timedelta(minutes=17)
        assert second.ended_at == third.started_at == NOW + timedelta(minutes=32, seconds=20)
        assert not second.skipped and phases[3].started_at is None
        pauses = s.scalars(select(PhasePause).order_by(PhasePause.started_at)).all()
        assert [(p.phase_run_id, p.ended_at is None) for p in pauses] == [
            (first.id, False), (second.id, False), (third.id, True)]
        assert (pauses[1].started_at, pauses[1].ended_at) == (NOW + timedelta(minutes=18, seconds=10),
                                                              NOW + timedelta(minutes=18, seconds=20))
        extension = s.scalars(select(PhaseExtension)).one()
        assert (extension.phase_run_id, extension.minutes, extension.created_by_id) == (
            third.id, 5, clinic.facilitator_id)
        assert extension.at == extension.created_at == NOW + timedelta(minutes=36, seconds=20)


def test_the_snapshot_after_reopening_the_store_is_the_same(store, session_id: int, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    drive(store, session_id, clock, clinic.facilitator_id)
    before = store.run(runner.get_snapshot, session_id, clock)
    store.dispose()
    reopened = open_again(store)
    try:
        assert reopened.run(runner.find_running_session) == session_id
        after = reopened.run(runner.get_snapshot, session_id, clock)
    finally:
        reopened.dispose()
    assert after == before
    timer = after.timer
    assert timer.state is TimerState.PAUSED and timer.current_index == 2
    assert timer.elapsed_seconds == 7 * 60 and timer.planned_seconds == 25 * 60
    assert timer.remaining_seconds == 18 * 60 and timer.session_elapsed_seconds == 39 * 60 + 65
    assert timer.session_paused_seconds == 2 * 60 + 10 + 45
    done = [(p.name, p.timing.status, p.timing.active_seconds) for p in after.phases[:2]]
    assert done == [("Arrival & check-in", PhaseStatus.DONE, 15 * 60),
                    ("Vitals & pre-session measures", PhaseStatus.DONE, 15 * 60 + 10)]


def test_refusals_are_user_errors_with_one_sentence(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    with pytest.raises(UserError, match="not started yet; it cannot be paused"):
        store.run(runner.pause_phase, session_id, clock)
    store.run(runner.start_session, session_id, clock)
    with pytest.raises(UserError, match="at least 1 minute, not 0"):
        store.run(runner.extend_phase, session_id, 0, clock)
    with pytest.raises(UserError, match="first phase"):
        store.run(runner.back_to_previous_phase, session_id, clock)
    store.run(runner.finish_session, session_id, clock)
    with pytest.raises(UserError, match=r"^This session has already finished; it cannot be extended\.$"):
        store.run(runner.extend_phase, session_id, 5, clock)
    with pytest.raises(UserError, match="no session with id 404"):
        store.run(runner.get_snapshot, 404, clock)


def test_finishing_and_find_running_session(store, session_id: int, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    assert store.run(runner.find_running_session) is None
    other = store.run(plan_session, protocol_id=clinic.circle_protocol_id, scheduled_start=NOW, title="Drop-in")
    store.run(runner.start_session, session_id, clock)
    clock.advance(minutes=1)
    store.run(runner.start_session, other.id, clock)
    assert store.run(runner.find_running_session) == other.id  # the most recently started
    clock.advance(minutes=30)
    snap = store.run(runner.finish_session, other.id, clock)
    assert snap.status == "finished" and snap.timer.state is TimerState.FINISHED
    assert snap.timer.session_elapsed_seconds == 30 * 60
    assert store.run(runner.find_running_session) == session_id


def test_quick_notes_are_stamped_with_time_phase_and_author(store, session_id: int, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    with pytest.raises(UserError, match="only while the session is running"):
        store.run(runner.add_quick_note, session_id, "Too early", clock)
    store.run(runner.start_session, session_id, clock)
    clock.advance(minutes=16)
    store.run(runner.next_phase, session_id, clock)
    clock.advance(seconds=30)
    snap = store.run(runner.add_quick_note, session_id, "  Bea asked for a blanket  ", clock, clinic.monitor_id)
    note = snap.notes[-1]
    assert (note.text, note.phase_name, note.at, note.author_id) == (
        "Bea asked for a blanket", "Vitals & pre-session measures", NOW + timedelta(minutes=16, seconds=30),
        clinic.monitor_id)
    for text, message in [("   ", "cannot be empty"), ("x" * 1001, "at most 1000 characters")]:
        with pytest.raises(UserError, match=message):
            store.run(runner.add_quick_note, session_id, text, clock)


def test_room_message_and_the_room_view(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    assert store.run(runner.set_room_message, session_id, "  Take your time\n returning ") == "Take your time returning"
    clock = FakeClock(NOW)
    snap = store.run(runner.start_session, session_id, clock)
    clock.advance(minutes=16)
    room = snap.room(snap.timer_at(clock.monotonic()))
    assert (room.phase_name, room.state, room.remaining_text, room.message) == (
        "Arrival & check-in", TimerState.RUNNING, "+01:00", "Take your time returning")
    shown = " ".join(str(value) for value in vars(room).values())
    assert not any(card.name.split()[0] in shown for card in snap.participants)
    with pytest.raises(UserError, match="at most 200 characters"):
        store.run(runner.set_room_message, session_id, "x" * 201)


def test_the_screen_counts_on_the_monotonic_clock_between_actions(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    snap = store.run(runner.start_session, session_id, clock)
    clock.advance(90)
    clock.jump_wall_clock(-3600)  # someone sets the laptop's clock back an hour
    assert snap.timer_at(clock.monotonic()).elapsed_seconds == 90
    # Re-read from the database, the timeline stands at its last recorded instant and counts on from there.
    reread = store.run(runner.get_snapshot, session_id, clock)
    assert reread.timer.elapsed_seconds == 0
    clock.advance(30)
    assert reread.timer_at(clock.monotonic()).elapsed_seconds == 30
    clock.advance(3600)
    assert store.run(runner.get_snapshot, session_id, clock).timer.elapsed_seconds == 120


def test_two_runners_acting_at_the_same_moment_cannot_both_win(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    store.run(runner.start_session, session_id, clock)
    with Session(store.engine) as late:
        # This unit of work read the session (and holds it) just before another one paused it.
        held = late.get(GroupSession, session_id)
        assert held is not None and not held.phases[0].pauses
        store.run(runner.pause_phase, session_id, clock)
        with pytest.raises(UserError, match="changed on another computer at the same moment"):
            runner.pause_phase(late, session_id, clock)
    with store.session() as s:
        assert len(s.scalars(select(PhasePause)).all()) == 1
