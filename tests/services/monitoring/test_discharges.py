"""Discharge: every item recorded with who and when, ready only when all hold, overrides with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from facilitator.db.models import Discharge
from facilitator.domain import discharge as d
from facilitator.errors import UserError
from facilitator.services import monitoring as m
from tests.services.monitoring.conftest import Room, audit_rows


def goto(room: Room, minutes: float) -> None:
    room.clock.advance((room.at(minutes) - room.clock.now()).total_seconds())


def dosed(room: Room, person: int = 0, at: float = 10) -> None:
    """Pre-dose vitals at ``at - 5`` and a dose at ``at`` (minutes since the session started)."""
    goto(room, at - 5)
    room.run(m.record_vitals, room.people[person], room.clock, line="128/82 72 98")
    goto(room, at)
    room.run(m.record_dose, room.people[person], room.clock, amount_mg=200)


def state(room: Room, person: int = 0) -> m.DischargeState:
    return room.run(m.get_discharge_state, room.people[person], room.clock)


def test_the_whole_checklist_then_discharge(room: Room) -> None:
    dosed(room)
    goto(room, 50)
    room.run(m.record_vitals, room.people[0], room.clock, line="150/95 84 97")
    first = state(room)
    assert not first.ready and first.observation_ends_at == room.at(130)
    assert first.reasons == (
        "The 120-minute minimum observation after the last dose has 80 minutes left.",
        "Take the vitals before discharge.",
        "Confirm the participant is alert and oriented.",
        "Confirm there is no active nausea or vomiting.",
        "Record the escort's name.",
        "Confirm the participant acknowledged no driving until tomorrow after restful sleep.",
        "Record when the participant would have been ready to leave without the minimum observation.",
    )
    room.act_as(room.monitor_id)
    goto(room, 95)
    with pytest.raises(UserError, match="^Record the escort's name before ticking the escort as present.$"):
        room.run(m.tick_item, room.people[0], d.ESCORT, room.clock)
    with pytest.raises(UserError, match="^Minimum observation elapsed is worked out from the records"):
        room.run(m.tick_item, room.people[0], d.MIN_OBSERVATION, room.clock)
    with pytest.raises(UserError, match="^There is no discharge checklist item called 'snacks'.$"):
        room.run(m.tick_item, room.people[0], "snacks", room.clock)
    room.run(m.tick_item, room.people[0], d.ALERT_ORIENTED, room.clock)
    room.run(m.tick_item, room.people[0], d.NO_NAUSEA, room.clock)
    goto(room, 100)
    assert room.run(m.record_vitals, room.people[0], room.clock, line="138/88 76 98").context == "scheduled"
    assert state(room).reasons[1] == "Take the vitals before discharge."
    goto(room, 122)  # the window before discharge opens 10 minutes before the observation ends
    assert room.run(m.record_vitals, room.people[0], room.clock, line="132/84 74 98").context == "pre_discharge"
    suggestion = state(room).suggested_ready_at
    assert suggestion == room.at(122)
    with pytest.raises(UserError, match="cannot be in the future"):
        room.run(m.set_would_have_been_ready_at, room.people[0], room.clock, at=room.at(128))
    room.run(m.set_would_have_been_ready_at, room.people[0], room.clock)  # takes the suggestion
    room.run(m.set_escort, room.people[0], "  Sam   Ruiz ", room.clock)
    room.run(m.tick_item, room.people[0], d.ESCORT, room.clock)
    goto(room, 125)
    room.run(m.tick_item, room.people[0], d.NO_DRIVING, room.clock)
    almost = state(room)
    assert almost.reasons == ("The 120-minute minimum observation after the last dose has 5 minutes left.",)
    with pytest.raises(m.NotReadyForDischarge) as caught:
        room.run(m.discharge_participant, room.people[0], room.clock)
    assert caught.value.reasons == almost.reasons
    assert str(caught.value) == "Not ready for discharge: " + almost.reasons[0]
    goto(room, 130)
    ready = state(room)
    assert ready.ready and ready.reasons == () and ready.ready_since == room.at(130)
    out = room.run(m.discharge_participant, room.people[0], room.clock)
    assert out.discharged and out.discharged_at == room.at(130) and out.monitoring_minutes == 120
    assert out.escort_name == "Sam Ruiz" and out.would_have_been_ready_at == room.at(122)
    assert out.discharged_by_id == room.monitor_id and out.override_reason == ""
    with room.store.session() as s:  # type: ignore[attr-defined]
        row = s.query(Discharge).one()
        assert row.created_by_id == room.monitor_id and row.ready_at == room.at(130)
        assert set(row.checklist) == set(d.ITEMS) and all(item["ok"] for item in row.checklist.values())
        assert row.checklist[d.ALERT_ORIENTED] == {"ok": True, "at": room.at(95).isoformat(), "by": room.monitor_id}
        assert row.checklist[d.VITALS]["at"] == room.at(122).isoformat()
        assert row.checklist[d.MIN_OBSERVATION]["at"] == room.at(130).isoformat()
        discharge_id = row.id
    events = audit_rows(room.store, "discharge", discharge_id)
    assert events[0].action == "create" and all(e.account_id == room.monitor_id for e in events)
    assert any("discharged_at" in e.detail for e in events)
    # After discharge the record is closed.
    goto(room, 131)
    for call, kwargs in ((m.record_vitals, {"line": "120/80"}), (m.record_observation, {"kind": "nausea"})):
        with pytest.raises(UserError, match="already discharged"):
            room.run(call, room.people[0], room.clock, **kwargs)
    for call, args in ((m.tick_item, (d.NO_NAUSEA,)), (m.discharge_participant, ())):
        with pytest.raises(UserError, match="already discharged; the checklist is closed"):
            room.run(call, room.people[0], *args, room.clock)
    assert state(room).discharged_at == room.at(130)  # and it reads as it stood


def test_records_can_take_a_tick_back(room: Room) -> None:
    dosed(room)
    goto(room, 100)
    room.run(m.tick_item, room.people[0], d.NO_NAUSEA, room.clock)
    room.run(m.tick_item, room.people[0], d.ALERT_ORIENTED, room.clock)
    goto(room, 104)
    room.run(m.record_observation, room.people[0], room.clock, kind="vomiting", action="Bag, water.")
    room.run(m.record_observation, room.people[0], room.clock, kind="sedation", moaas=5)  # responds readily: fine
    reasons = state(room).reasons
    assert "Nausea or vomiting was recorded after it was ticked as settled; check again." in reasons
    assert not any("alert and oriented" in r for r in reasons)
    room.run(m.tick_item, room.people[0], d.ALERT_ORIENTED, room.clock, ok=False)
    assert "Confirm the participant is alert and oriented." in state(room).reasons


def test_discharge_before_ready_needs_a_clinician_and_a_reason(room: Room) -> None:
    dosed(room)
    goto(room, 60)
    room.run(m.record_vitals, room.people[0], room.clock, line="186/114 92 97")
    room.act_as(room.monitor_id)
    with pytest.raises(m.NotReadyForDischarge) as caught:
        room.run(m.discharge_participant, room.people[0], room.clock)
    assert caught.value.reasons[1] == (
        "The last vitals are not within limits. BP 186/114 at 50 min: above the protocol's 180/110 alert limit; "
        "urgent recheck and clinician attention.")
    with pytest.raises(UserError, match="^Only a clinician or an administrator can discharge a participant who is "
                                        "not ready.$"):
        room.run(m.discharge_participant, room.people[0], room.clock, override_reason="Leaving against advice.")
    room.act_as(room.clinician_id)
    out = room.run(m.discharge_participant, room.people[0], room.clock,
                   override_reason="Transferred to the emergency department by ambulance.")
    assert out.discharged and out.override_reason == "Transferred to the emergency department by ambulance."
    assert out.discharged_by_id == room.clinician_id and out.monitoring_minutes == 50 and not out.ready
    with room.store.session() as s:  # type: ignore[attr-defined]
        row = s.query(Discharge).one()
        assert row.ready_at is None and row.checklist[d.VITALS]["ok"] is False
        discharge_id = row.id
    events = [(e.action, e.account_id, e.detail) for e in audit_rows(room.store, "discharge", discharge_id)]
    assert ("override", room.clinician_id, "discharged before every item held") in events
    assert "ambulance" not in str(events)


def test_a_participant_not_dosed_can_go_when_the_rest_holds(room: Room) -> None:
    goto(room, 5)
    room.run(m.record_vitals, room.people[2], room.clock, line="150/92 80 98")
    for item in (d.ALERT_ORIENTED, d.NO_NAUSEA, d.NO_DRIVING):
        room.run(m.tick_item, room.people[2], item, room.clock)
    room.run(m.set_escort, room.people[2], "Jo", room.clock)
    room.run(m.tick_item, room.people[2], d.ESCORT, room.clock)
    room.run(m.set_would_have_been_ready_at, room.people[2], room.clock, at=room.at(5))
    out = room.run(m.discharge_participant, room.people[2], room.clock, at=room.clock.now() - timedelta(minutes=0))
    assert out.discharged and out.monitoring_minutes is None and out.observation_ends_at is None
