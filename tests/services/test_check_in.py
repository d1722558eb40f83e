"""Check-in on a real SQLite file: statuses with times from the clock, comments, intentions, drop-ins, measures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from facilitator.db.models import MeasureResponse, Participant
from facilitator.domain.clock import FakeClock
from facilitator.errors import ConflictError, UserError
from facilitator.services.check_in import (
    add_drop_in,
    check_in_sheet,
    drop_in_candidates,
    mark_attendance,
    save_check_in_text,
)
from facilitator.services.groups import GroupFields, add_member, create_group
from facilitator.services.measures import record_measure
from facilitator.services.session_setup import cancel_session, plan_session

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def _session(store, clinic, *, kind: str = "closed") -> int:  # type: ignore[no-untyped-def]
    group_id = clinic.group_id
    if kind == "open":
        group = store.run(create_group, GroupFields(name="Open circle", kind="open", capacity=2,
                                                    default_protocol_id=clinic.circle_protocol_id), today=TODAY)
        for pid in (clinic.members["Ana"], clinic.members["Bea"]):
            store.run(add_member, group.id, pid, joined_on=date(2026, 1, 1), today=TODAY)
        group_id = group.id
    plan = store.run(plan_session, scheduled_start=NOW, group_id=group_id, protocol_id=clinic.dosing_protocol_id)
    return plan.id


def test_the_sheet_lists_the_expected_people_with_their_flags(store, clinic):
    with store.session() as s:
        s.get(Participant, clinic.members["Ana"]).flag_hypertension = True
    sheet = store.run(check_in_sheet, _session(store, clinic))
    assert [c.display_name for c in sheet.cards] == ["Ana Ruiz", "Bea Olsen", "Dev Shah"]
    assert sheet.cards[0].flags == ("Hypertension",)
    assert all(c.status == "expected" and c.arrived_at is None for c in sheet.cards)
    assert (sheet.group_name, sheet.group_kind, sheet.editable, sheet.takes_drop_ins) == (
        "Thursday Dosing Cohort", "closed", True, False)


def test_statuses_are_stamped_with_the_clock(store, clinic):
    sid = _session(store, clinic)
    clock = FakeClock(NOW)
    ana = clinic.members["Ana"]
    card = store.run(mark_attendance, sid, ana, "present", now=clock.now())
    assert (card.status, card.arrived_at, card.left_at, card.here) == ("present", NOW, None, True)
    clock.advance(minutes=5)
    card = store.run(mark_attendance, sid, ana, "late", now=clock.now())
    assert card.arrived_at == NOW  # the first arrival stays
    clock.advance(minutes=90)
    card = store.run(mark_attendance, sid, ana, "left_early", now=clock.now())
    assert (card.arrived_at, card.left_at) == (NOW, NOW + timedelta(minutes=95))
    card = store.run(mark_attendance, sid, ana, "absent", now=clock.now())
    assert (card.arrived_at, card.left_at, card.here) == (None, None, False)
    for status in ("cancelled", "expected"):
        assert store.run(mark_attendance, sid, ana, status, now=clock.now()).status == status
    with pytest.raises(UserError, match="not an attendance status"):
        store.run(mark_attendance, sid, ana, "maybe", now=clock.now())
    with pytest.raises(UserError, match="not on the session's list"):
        store.run(mark_attendance, sid, clinic.members["Cal"], "present", now=clock.now())


def test_comment_and_intention_are_saved_and_a_stale_card_is_a_conflict(store, clinic):
    sid = _session(store, clinic)
    bea = clinic.members["Bea"]
    card = store.run(save_check_in_text, sid, bea, comment="  came by  bus ", intention="To rest.\nTo listen.")
    assert (card.comment, card.intention) == ("came by bus", "To rest.\nTo listen.")
    newer = store.run(save_check_in_text, sid, bea, comment="Escort: sister", version=card.version)
    with pytest.raises(ConflictError, match="changed this person's check-in"):
        store.run(save_check_in_text, sid, bea, intention="Old", version=card.version)
    assert newer.intention == "To rest.\nTo listen."
    with pytest.raises(UserError, match="at most 300 characters"):
        store.run(save_check_in_text, sid, bea, comment="x" * 301)


def test_drop_ins_join_open_groups_only(store, clinic):
    closed = _session(store, clinic)
    with pytest.raises(UserError, match="is a closed group; drop-ins can join open groups only"):
        store.run(add_drop_in, closed, clinic.members["Eli"], now=NOW)

    sid = _session(store, clinic, kind="open")
    candidates = {c.id for c in store.run(drop_in_candidates, sid)}
    assert clinic.members["Eli"] in candidates and clinic.members["Ana"] not in candidates
    result = store.run(add_drop_in, sid, clinic.members["Eli"], now=NOW + timedelta(minutes=3))
    assert (result.card.status, result.card.drop_in, result.card.arrived_at) == ("present", True,
                                                                                 NOW + timedelta(minutes=3))
    assert result.warning == "3 people are now on the list, above the group's capacity of 2."
    assert any(c.drop_in for c in store.run(check_in_sheet, sid).cards)
    with pytest.raises(UserError, match="already on the session's list"):
        store.run(add_drop_in, sid, clinic.members["Eli"], now=NOW)


def test_finished_and_cancelled_sessions_cannot_change(store, clinic):
    sid = _session(store, clinic)
    store.run(cancel_session, sid, "Snow day")
    with pytest.raises(UserError, match="was cancelled"):
        store.run(mark_attendance, sid, clinic.members["Ana"], "present", now=NOW)


def test_measures_are_scored_linked_to_the_session_and_corrected_in_place(store, clinic):
    sid = _session(store, clinic)
    ana = clinic.members["Ana"]
    saved = store.run(record_measure, participant_id=ana, instrument="PHQ-9", items=[1, 1, 1, 1, 0, 0, 0, 0, 1],
                      taken_on=TODAY, session_id=sid)
    assert (saved.total, saved.severity, saved.safety_flag, saved.session_id) == (5, "mild", True, sid)
    fixed = store.run(record_measure, participant_id=ana, instrument="PHQ-9", items=[1, 1, 1, 1, 0, 0, 0, 0, 0],
                      taken_on=TODAY, session_id=sid)
    assert fixed.id == saved.id and (fixed.total, fixed.safety_flag) == (4, False)
    store.run(record_measure, participant_id=ana, instrument="GAD-7", items=[3] * 7, taken_on=TODAY, session_id=sid)
    card = next(c for c in store.run(check_in_sheet, sid).cards if c.participant_id == ana)
    assert {k: (m.total, m.severity) for k, m in card.measures.items()} == {"PHQ-9": (4, "minimal"),
                                                                             "GAD-7": (21, "severe")}
    with store.session() as s:
        assert s.scalars(select(MeasureResponse).where(MeasureResponse.session_id == sid)).all()[0].items == [
            1, 1, 1, 1, 0, 0, 0, 0, 0]
    with pytest.raises(UserError, match="needs an answer to each of its 9 items"):
        store.run(record_measure, participant_id=ana, instrument="PHQ-9", items=[0] * 8, taken_on=TODAY)
    with pytest.raises(UserError, match="not on the session's list"):
        store.run(record_measure, participant_id=clinic.members["Cal"], instrument="GAD-7", items=[0] * 7,
                  taken_on=TODAY, session_id=sid)
