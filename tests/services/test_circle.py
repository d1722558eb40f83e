"""Circle mode's storage: shares written as they happen, notes in the speaker's own note, a restart restores it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from facilitator.db.models import Attendance, Note, Share
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services import circle, notes, runner
from facilitator.services.circle_notes import save_share_note, share_line
from facilitator.services.documents.summary import get_summary_data
from facilitator.services.session_setup import plan_session
from tests.conftest import open_again
from tests.services.conftest import NOW, Clinic

ZONE = ZoneInfo("Europe/Madrid")  # NOW (09:00 UTC) reads 10:00 there


@pytest.fixture()
def running(store, clinic: Clinic):  # type: ignore[no-untyped-def]
    """An integration circle in its check-in round (a sharing phase), Ana, Bea and Dev in the room."""
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id,
                     scheduled_start=NOW)
    with store.session() as s:
        for a in s.scalars(select(Attendance).where(Attendance.session_id == plan.id)):
            a.status = "present"
    clock = FakeClock(NOW)
    store.run(runner.start_session, plan.id, clock)
    clock.advance(minutes=10)
    store.run(runner.next_phase, plan.id, clock)
    return plan.id, clock


def names(snap: circle.CircleSnapshot) -> list[str]:
    return [snap.names[t.participant_id] for t in snap.circle.in_round()]


def test_outside_a_sharing_phase_the_circle_says_why(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id,
                     scheduled_start=NOW)
    clock = FakeClock(NOW)
    snap = store.run(circle.open_circle, plan.id, clock)
    assert not snap.open and "while a session runs" in snap.closed_reason
    store.run(runner.start_session, plan.id, clock)
    snap = store.run(circle.open_circle, plan.id, clock)
    assert not snap.open and "“Arrival & grounding” is not one" in snap.closed_reason
    with pytest.raises(UserError, match="not one"):
        store.run(circle.move, plan.id, "next", clock)


def test_each_move_is_a_share_row_at_once(store, running) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running
    snap = store.run(circle.open_circle, session_id, clock)
    assert snap.open and snap.phase_name == "Check-in round" and snap.share_minutes == 5
    assert names(snap) == ["Ana R.", "Bea O.", "Dev S."]
    snap = store.run(circle.move, session_id, "next", clock)
    clock.advance(minutes=4)
    snap = store.run(circle.move, session_id, "pass", clock)  # Ana had the word and passes: Bea speaks
    clock.advance(minutes=6)
    assert snap.circle.over_limit(clock.now(), snap.limit_seconds)
    snap = store.run(circle.move, session_id, "later", clock)  # Bea comes back later: Dev speaks
    with store.session() as s:
        rows = s.scalars(select(Share).where(Share.session_id == session_id).order_by(Share.position)).all()
        assert [(r.position, r.passed, r.started_at is not None, r.ended_at is not None) for r in rows] == [
            (1, True, True, True), (2, False, True, False), (3, False, False, False)]
    clock.advance(minutes=2)
    snap = store.run(circle.move, session_id, "next", clock)
    assert snap.names[snap.circle.current.participant_id] == "Bea O."  # type: ignore[union-attr]
    clock.advance(minutes=3)
    snap = store.run(circle.move, session_id, "second_round", clock)
    assert snap.circle.round == 2 and names(snap) == ["Ana R.", "Dev S.", "Bea O."]
    airtime = {snap.names[pid]: seconds for pid, seconds in snap.airtime(clock.now()).items()}
    assert airtime == {"Ana R.": 0.0, "Bea O.": 180.0, "Dev S.": 120.0}


def test_reorder_shuffle_and_popcorn_are_kept(store, running) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running
    snap = store.run(circle.open_circle, session_id, clock)
    ana, bea, dev = (t.participant_id for t in snap.circle.in_round())
    snap = store.run(circle.move, session_id, "reorder", clock, order=[dev, ana, bea])
    assert [t.participant_id for t in snap.circle.in_round()] == [dev, ana, bea]
    first = store.run(circle.move, session_id, "shuffle", clock, seed=5)
    again = store.run(circle.move, session_id, "reorder", clock, order=[dev, ana, bea])
    assert sorted(t.participant_id for t in first.circle.in_round()) == sorted([dev, ana, bea])
    snap = store.run(circle.move, session_id, "start", clock, participant_id=bea)
    assert again and [t.participant_id for t in snap.circle.in_round()] == [bea, dev, ana]
    with pytest.raises(UserError, match="not waiting"):
        store.run(circle.move, session_id, "start", clock, participant_id=bea)
    with pytest.raises(UserError, match="no move"):
        store.run(circle.move, session_id, "hop", clock)


def test_a_restart_restores_the_circle_from_its_rows(store, running, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running
    store.run(circle.open_circle, session_id, clock)
    store.run(circle.move, session_id, "next", clock)
    clock.advance(minutes=2)
    store.run(circle.move, session_id, "next", clock)
    clock.advance(seconds=75)
    before = store.run(circle.open_circle, session_id, clock)
    store.dispose()
    again = open_again(store)
    try:
        after = again.run(circle.open_circle, session_id, clock)
    finally:
        again.dispose()
    assert after.circle == before.circle
    assert after.circle.elapsed(clock.now()) == 75 and names(after)[1] == "Bea O."


def test_a_share_note_lands_in_the_speakers_note_only(store, running, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running
    store.run(circle.open_circle, session_id, clock)
    snap = store.run(circle.move, session_id, "next", clock)
    ana = snap.circle.current
    assert ana is not None and ana.share_id is not None
    clock.advance(minutes=3)
    saved = store.run(save_share_note, ana.share_id, "Named <fear> of the drive home", "Grief, safety", clock, ZONE)
    assert saved.landed == "note" and saved.line == "[10:10 · round 1] Named <fear> of the drive home  #grief #safety"
    # Saved again with an edit: the same line is rewritten, not doubled.
    store.run(save_share_note, ana.share_id, "Named fear of the drive home", ["grief", "self compassion"], clock,
              ZONE)
    with store.session() as s:
        bodies = {n.participant_id: (n.body, n.themes) for n in s.scalars(select(Note)
                                                                         .where(Note.session_id == session_id))}
    body, themes = bodies[ana.participant_id]
    assert body == "<p>[10:10 · round 1] Named fear of the drive home  #grief #self-compassion</p>"
    assert themes == "grief,safety,self compassion"  # the note keeps tags once given (it may use them itself)
    others = [text for pid, (text, _t) in bodies.items() if pid != ana.participant_id]
    assert all("drive home" not in text for text in others)
    row = store.run(lambda s: s.get(Share, ana.share_id))
    assert (row.note_text, row.tags) == ("Named fear of the drive home", "grief,self compassion")
    # Her share ends: the same line now carries its length; Bea passes and her note says so.
    clock.advance(seconds=5)
    store.run(circle.move, session_id, "next", clock, zone=ZONE)
    store.run(circle.move, session_id, "pass", clock, zone=ZONE)
    with store.session() as s:
        bodies = {n.participant_id: n.body for n in s.scalars(select(Note).where(Note.session_id == session_id))}
    assert bodies[ana.participant_id] == (
        "<p>[10:10 · round 1 · 3:05] Named fear of the drive home  #grief #self-compassion</p>")
    assert "[10:13 · round 1 · passed]" in bodies[clinic.members["Bea"]]


def test_a_share_onto_a_signed_note_becomes_an_addendum(store, running) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running
    store.run(circle.open_circle, session_id, clock)
    snap = store.run(circle.move, session_id, "next", clock)
    ana = snap.circle.current
    assert ana is not None and ana.share_id is not None
    note = store.run(notes.participant_note, session_id, ana.participant_id)
    saved = store.run(notes.save_note, note.id, "<p>Written before the circle.</p>", expected_version=note.version)
    store.run(notes.sign_note, note.id, expected_version=saved.version, clock=clock)
    result = store.run(save_share_note, ana.share_id, "Spoke of the lake", "", clock, ZONE)
    assert result.landed == "addendum"
    view = store.run(notes.get_note, note.id)
    assert view.body == "<p>Written before the circle.</p>"
    assert [a.body for a in view.addenda] == ["Circle share: [10:10 · round 1] Spoke of the lake"]
    unchanged = store.run(save_share_note, ana.share_id, "Spoke of the lake", "", clock, ZONE)
    assert unchanged.landed == "unchanged"
    with pytest.raises(UserError, match="at most 2,000"):
        store.run(save_share_note, ana.share_id, "x" * 2001, "", clock, ZONE)


def test_a_phase_ended_mid_share_closes_the_share_and_the_summary_lists_shares(store, running) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running
    store.run(circle.open_circle, session_id, clock)
    snap = store.run(circle.move, session_id, "next", clock)
    assert snap.circle.current is not None
    store.run(save_share_note, snap.circle.current.share_id, "Arrived tired", "rest", clock, ZONE)
    clock.advance(minutes=4)
    store.run(runner.next_phase, session_id, clock)  # the runner moves on while Ana speaks
    clock.advance(minutes=1)
    snap = store.run(circle.open_circle, session_id, clock)  # "Sharing rounds": a new circle
    assert snap.phase_name == "Sharing rounds" and snap.circle.current is None
    assert snap.airtime(clock.now())[snap.circle.in_round()[0].participant_id] == 240
    data = store.run(get_summary_data, session_id, now=clock.now())
    check_in = next(c for c in data.circles if c.phase_name == "Check-in round")
    # Only those who spoke or passed are shares; the two never reached are not listed.
    assert [(s.name, s.seconds, s.note_text, s.tags) for s in check_in.shares] == [
        ("Ana Ruiz", 240.0, "Arrived tired", ("rest",))]
    assert share_line(NOW + timedelta(minutes=10), 1, "", ("rest",), ZONE) == "[10:10 · round 1] #rest"


def test_the_soft_limit_is_set_per_phase_and_late_arrivals_join_the_round(store, running, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    session_id, clock = running

    def set_dev(status: str) -> None:
        with store.session() as s:
            row = s.scalar(select(Attendance).where(Attendance.session_id == session_id,
                                                    Attendance.participant_id == clinic.members["Dev"]))
            row.status = status

    set_dev("absent")
    snap = store.run(circle.open_circle, session_id, clock)
    assert names(snap) == ["Ana R.", "Bea O."]
    store.run(circle.move, session_id, "next", clock)
    set_dev("late")  # Dev arrives during Ana's share: the end of this round
    snap = store.run(circle.open_circle, session_id, clock)
    assert names(snap) == ["Ana R.", "Bea O.", "Dev S."] and snap.names[snap.circle.current.participant_id] == "Ana R."  # type: ignore[union-attr]
    snap = store.run(circle.set_share_minutes, session_id, 3, clock)
    assert snap.share_minutes == 3 and snap.limit_seconds == 180
    with pytest.raises(UserError, match="between 1 and 60"):
        store.run(circle.set_share_minutes, session_id, 0, clock)
    assert store.run(circle.open_circle, session_id, clock).share_minutes == 3
    store.run(runner.next_phase, session_id, clock)
    assert store.run(circle.open_circle, session_id, clock).share_minutes == 5  # the next phase keeps its own
