"""Doses: pre-dose vitals first, caution and hold from the protocol, overrides, attribution and audit."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from sqlalchemy import select

from facilitator.db.models import Attendance, Dose
from facilitator.errors import UserError
from facilitator.services import monitoring as m
from facilitator.services import runner
from facilitator.services.session_setup import plan_session
from tests.services.monitoring.conftest import START, Room, audit_rows


def vitals(room: Room, person: int, line: str, minutes: float | None = None) -> m.VitalsResult:
    taken = None if minutes is None else room.at(minutes)
    return room.run(m.record_vitals, room.people[person], room.clock, line=line, taken_at=taken)


def dose(room: Room, person: int, mg: float = 200, **kwargs: object) -> m.DoseResult:
    return room.run(m.record_dose, room.people[person], room.clock, amount_mg=mg, **kwargs)


def stored(room: Room, dose_id: int) -> Dose:
    with room.store.session() as s:  # type: ignore[attr-defined]
        row = s.get(Dose, dose_id)
        assert row is not None
        return row


def test_a_dose_needs_pre_dose_vitals_first(room: Room) -> None:
    with pytest.raises(UserError, match="^Record pre-dose vitals for this participant before the dose.$"):
        dose(room, 0)
    room.clock.advance(minutes=20)
    vitals(room, 0, "128/82 72 98")
    with pytest.raises(UserError, match="pre-dose vitals"):  # the reading must come before the dose time
        dose(room, 0, given_at=room.at(10))


def test_a_dose_is_recorded_attributed_and_audited(room: Room) -> None:
    room.clock.advance(minutes=20, seconds=12.5)
    vitals(room, 0, "128/82 72 98")
    room.clock.advance(minutes=5)
    result = dose(room, 0, 250, lot_number=" KT-2291 ", route="sublingual")
    assert result.warnings == () and not result.held and result.given_at == room.clock.now().replace(microsecond=0)
    row = stored(room, result.dose_id)
    assert (row.medication, row.route, row.amount_mg, row.lot_number, row.booster) == (
        "ketamine", "sublingual", 250, "KT-2291", False)
    assert row.created_by_id == room.admin_id and row.given_by_id == room.admin_id
    assert row.hold_override_reason == "" and row.hold_override_by_id is None
    [created] = audit_rows(room.store, "dose", result.dose_id)
    assert created.action == "create" and created.account_id == room.admin_id


def test_given_by_another_account(room: Room) -> None:
    vitals(room, 0, "128/82")
    room.clock.advance(minutes=1)
    room.act_as(room.monitor_id)
    result = dose(room, 0, given_by_id=room.clinician_id)
    row = stored(room, result.dose_id)
    assert row.given_by_id == room.clinician_id and row.created_by_id == room.monitor_id
    vitals(room, 1, "128/82")
    with pytest.raises(UserError, match="^There is no active staff account with id 999.$"):
        dose(room, 1, given_by_id=999)


def test_caution_gives_the_dose_with_a_warning(room: Room) -> None:
    vitals(room, 0, "142/88 76 98")
    room.clock.advance(minutes=2)
    result = dose(room, 0)
    assert result.warnings == (
        "BP 142/88 before the dose: above the protocol's 140/90 caution limit; confirm with the clinician before "
        "dosing.",)
    assert not result.held and stored(room, result.dose_id).hold_override_reason == ""


def test_a_hold_is_refused_for_a_monitor_and_given_by_a_clinician_with_a_reason(room: Room) -> None:
    room.act_as(room.monitor_id)
    vitals(room, 0, "168/102 80 97")
    room.clock.advance(minutes=6)
    hold = "BP 168/102 before the dose: above the protocol's 160/100 hold limit; hold the dose unless a clinician " \
           "overrides."
    with pytest.raises(m.DoseOnHold) as caught:
        dose(room, 0)
    assert str(caught.value) == hold and caught.value.reasons == (hold,)
    with pytest.raises(UserError, match="^Only a clinician or an administrator can override a dose hold.$"):
        dose(room, 0, override_reason="Recheck 158/98; benefit outweighs the risk.")
    room.act_as(room.clinician_id)
    with pytest.raises(m.DoseOnHold):
        dose(room, 0, override_reason="   ")
    result = dose(room, 0, override_reason="  Long-standing baseline near 165/100; cleared by cardiology.  ")
    assert result.held and result.warnings == ()
    row = stored(room, result.dose_id)
    assert row.hold_override_reason == "Long-standing baseline near 165/100; cleared by cardiology."
    assert row.hold_override_by_id == row.created_by_id == row.given_by_id == room.clinician_id
    actions = [(e.action, e.account_id, e.detail) for e in audit_rows(room.store, "dose", result.dose_id)]
    assert actions == [("create", room.clinician_id, ""), ("override", room.clinician_id,
                                                           "dose given over a BP hold")]
    assert "cardiology" not in str(actions)  # the reason may be PHI: never in the audit


def test_an_administrator_may_override_and_any_alert_before_the_dose_holds(room: Room) -> None:
    vitals(room, 0, "128/82 130 97")
    room.clock.advance(minutes=1)
    with pytest.raises(m.DoseOnHold, match="^Heart rate 130 before the dose: above the protocol's maximum of 120; "
                                           "hold the dose; urgent recheck and clinician attention.$"):
        dose(room, 0)
    assert dose(room, 0, override_reason="Anxious; recheck pulse 104 by hand.").held


def test_a_recheck_below_the_hold_lets_the_dose_go(room: Room) -> None:
    vitals(room, 0, "166/101")
    room.clock.advance(minutes=6)
    vitals(room, 0, "152/94 80 98")
    room.clock.advance(minutes=1)
    assert dose(room, 0).warnings[0].startswith("BP 152/94 before the dose: above the protocol's 140/90 caution")


@pytest.mark.parametrize("mg", [0, -5, 1000.01, 1001, math.nan, math.inf])
def test_impossible_amounts_are_refused(room: Room, mg: float) -> None:
    vitals(room, 0, "120/80")
    room.clock.advance(minutes=1)
    with pytest.raises(UserError) as caught:
        dose(room, 0, mg)
    assert str(caught.value) in ("The dose must be more than 0 and at most 1000 mg; check for a typo.",
                                 "The dose must be a number of milligrams.")


def test_the_largest_and_a_fractional_amount(room: Room) -> None:
    vitals(room, 0, "120/80")
    vitals(room, 1, "120/80")
    room.clock.advance(minutes=1)
    assert stored(room, dose(room, 0, 1000).dose_id).amount_mg == 1000
    assert stored(room, dose(room, 1, 37.505).dose_id).amount_mg == pytest.approx(37.5, abs=0.01)


def test_other_bad_input_is_refused_with_one_sentence(room: Room) -> None:
    vitals(room, 0, "120/80")
    room.clock.advance(minutes=1)
    cases = [
        ({"route": "rectal"}, "The route must be one of sublingual, intramuscular, intravenous, intranasal, oral."),
        ({"medication": "  "}, "Name the medication given."),
        ({"lot_number": "x" * 61}, "The lot number holds at most 60 characters."),
        ({"given_at": room.clock.now() + timedelta(minutes=5, seconds=1)},
         "The dose time is in the future; enter the time it actually happened."),
        ({"given_at": START - timedelta(hours=13)},
         "The dose time is more than 12 hours before the session started; check the date."),
    ]
    for kwargs, message in cases:
        with pytest.raises(UserError) as caught:
            dose(room, 0, **kwargs)
        assert str(caught.value) == message
    assert dose(room, 0, given_at=room.clock.now() + timedelta(minutes=5)).given_at == room.at(6)


def test_boosters(room: Room) -> None:
    vitals(room, 0, "120/80")
    room.clock.advance(minutes=1)
    with pytest.raises(UserError, match="^A booster needs a first dose recorded before it.$"):
        dose(room, 0, booster=True)
    dose(room, 0, 200)
    room.clock.advance(minutes=30)
    with pytest.raises(UserError, match="mark this one as a booster"):
        dose(room, 0, 100)
    with pytest.raises(UserError, match="^A booster must be given after the first dose.$"):
        dose(room, 0, 100, booster=True, given_at=room.at(0))
    vitals(room, 0, "171/104 88 97")  # the booster is judged by the last reading, at the hold limits
    room.clock.advance(minutes=1)
    with pytest.raises(m.DoseOnHold, match="^BP 171/104 before the dose: above the protocol's 160/100 hold"):
        dose(room, 0, 100, booster=True)
    room.clock.advance(minutes=10)
    vitals(room, 0, "148/92 84 97")
    assert dose(room, 0, 100, booster=True).warnings  # caution again: allowed with a warning


def test_a_dose_time_can_be_corrected_after_the_fact_and_is_audited(room: Room) -> None:
    vitals(room, 0, "120/80", minutes=0)
    room.clock.advance(minutes=30)
    result = dose(room, 0)
    room.act_as(room.clinician_id)
    edited = room.store.run(m.edit_dose, result.dose_id, room.clock, given_at=room.at(12), lot_number="KT-7")  # type: ignore[attr-defined]
    assert edited.given_at == room.at(12)
    row = stored(room, result.dose_id)
    assert row.given_at == room.at(12) and row.lot_number == "KT-7" and row.created_by_id == room.admin_id
    update = audit_rows(room.store, "dose", result.dose_id)[-1]
    assert (update.action, update.account_id, update.detail) == ("update", room.clinician_id,
                                                                 "fields: given_at, lot_number")
    for when, message in ((room.at(-1), "before the participant's pre-dose vitals"), (room.at(40), "in the future")):
        with pytest.raises(UserError, match=message):
            room.store.run(m.edit_dose, result.dose_id, room.clock, given_at=when)  # type: ignore[attr-defined]
    with pytest.raises(UserError, match="^There is no dose with id 999.$"):
        room.store.run(m.edit_dose, 999, room.clock, amount_mg=1)  # type: ignore[attr-defined]


def test_who_and_where_a_dose_can_be_recorded(room: Room, store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        absent = s.scalars(select(Attendance).where(Attendance.session_id == room.session_id,
                                                    Attendance.participant_id == room.people[7])).one()
        absent.status = "absent"
    with pytest.raises(UserError, match="^This participant is marked absent for this session; mark them present"):
        vitals(room, 7, "120/80")
    with pytest.raises(UserError, match="^This participant is not on this session's attendance list.$"):
        room.run(m.record_vitals, 99999, room.clock, line="120/80")
    planned = store.run(plan_session, title="Extra", protocol_id=_protocol(store, "group-kap-sublingual"),
                        scheduled_start=START + timedelta(days=7))
    with pytest.raises(UserError, match="^Start the session before recording"):
        store.run(m.record_vitals, planned.id, room.people[0], room.clock, line="120/80")
    circle = store.run(plan_session, title="Circle", protocol_id=_protocol(store, "integration-circle"),
                       scheduled_start=START)
    store.run(runner.start_session, circle.id, room.clock)
    with store.session() as s:
        s.add(Attendance(session_id=circle.id, participant_id=room.people[0], status="present"))
    reading = store.run(m.record_vitals, circle.id, room.people[0], room.clock, line="120/80")  # fine anywhere
    assert reading.context == "other"
    board = store.run(m.get_board, circle.id, room.clock)
    assert not board.dosing and [c.next_due_label for c in board.cards] == [""]  # no pre-dose reading asked for
    with pytest.raises(UserError, match="^Doses can be recorded only in dosing sessions.$"):
        store.run(m.record_dose, circle.id, room.people[0], room.clock, amount_mg=100)


def _protocol(store, key: str) -> int:  # type: ignore[no-untyped-def]
    from facilitator.db.models import Protocol

    with store.session() as s:
        return s.scalars(select(Protocol.id).where(Protocol.key == key)).one()
