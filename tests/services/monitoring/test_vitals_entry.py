"""Vitals entry: the one line or fields, typos refused, classification, and the context worked out."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator.db.models import VitalSign
from facilitator.domain.vitals import EXPECTED_FORM, Reading, VitalsLevel
from facilitator.errors import UserError
from facilitator.services import monitoring as m
from tests.services.monitoring.conftest import Room, audit_rows


def enter(room: Room, line: str, person: int = 0, **kwargs: object) -> m.VitalsResult:
    return room.run(m.record_vitals, room.people[person], room.clock, line=line, **kwargs)


def test_one_line_is_recorded_classified_and_attributed(room: Room) -> None:
    room.clock.advance(minutes=20)
    room.act_as(room.monitor_id)
    result = enter(room, "  142 / 88, hr 76, spo2 98 ")
    assert result.reading == Reading(142, 88, 76, 98) and result.taken_at == room.at(20)
    assert result.context == "pre_dose" and result.classification.level is VitalsLevel.CAUTION
    with room.store.session() as s:  # type: ignore[attr-defined]
        row = s.get(VitalSign, result.vital_id)
        assert row is not None
        assert (row.systolic, row.diastolic, row.heart_rate, row.spo2, row.context) == (142, 88, 76, 98, "pre_dose")
        assert row.created_by_id == room.monitor_id and row.participant_id == room.people[0]
    [created] = audit_rows(room.store, "vital_sign", result.vital_id)
    assert (created.action, created.account_id) == ("create", room.monitor_id)


def test_fields_work_too_and_mixing_is_refused(room: Room) -> None:
    result = room.run(m.record_vitals, room.people[0], room.clock, systolic=120, diastolic=80, spo2=97)
    assert result.reading == Reading(120, 80, None, 97)
    with pytest.raises(UserError, match="either as one line or as separate fields"):
        room.run(m.record_vitals, room.people[0], room.clock, line="120/80", spo2=97)


@pytest.mark.parametrize(("line", "message"), [
    ("hello", EXPECTED_FORM),
    ("14288", EXPECTED_FORM),
    ("1420/88 76 98", "Systolic 1420 is outside the plausible range of 60 to 260; check for a typo."),
    ("142/88 76 9", "SpO2 9% is outside the plausible range of 50 to 100%; check for a typo."),
    ("88/142", "Diastolic 142 must be lower than systolic 88; check the order of the numbers."),
])
def test_typos_and_garbage_are_refused_with_one_sentence(room: Room, line: str, message: str) -> None:
    with pytest.raises(UserError) as caught:
        enter(room, line)
    assert str(caught.value) == message
    with room.store.session() as s:  # type: ignore[attr-defined]
        assert s.scalars(select(VitalSign)).first() is None


def test_the_context_follows_the_participant_s_own_schedule(room: Room) -> None:
    steps = [  # minutes since session start, line, expected context, expected level
        (5, "166/102 80 97", "pre_dose", VitalsLevel.HOLD),
        (11, "158/96 78 97", "recheck", VitalsLevel.CAUTION),  # after a flagged reading
    ]
    for minutes, line, context, level in steps:
        room.clock.advance(minutes=minutes - (room.clock.now() - room.at(0)).total_seconds() / 60)
        result = enter(room, line)
        assert (result.context, result.classification.level) == (context, level), minutes
    room.clock.advance(minutes=4)  # dosed at 15
    room.run(m.record_dose, room.people[0], room.clock, amount_mg=200)
    later = [
        (30, "150/95 84 97", "recheck", VitalsLevel.NORMAL),  # before the +40 window opens (at +30 = 45)
        (47, "182/112 96 97", "scheduled", VitalsLevel.ALERT),  # the +40 reading, 32 minutes after the dose
        (60, "164/101 90 97", "recheck", VitalsLevel.CAUTION),  # after the alert
        (72, "150/94 86 97", "recheck", VitalsLevel.NORMAL),  # still after a flagged reading
        (78, "148/92 84 98", "recheck", VitalsLevel.NORMAL),  # the +40 item already has its reading
        (101, "140/90 80 98", "scheduled", VitalsLevel.NORMAL),  # +86: the +90 window opened at +80
        (126, "132/86 76 98", "pre_discharge", VitalsLevel.NORMAL),  # +111: the window before discharge
        (130, "130/84 74 98", "recheck", VitalsLevel.NORMAL),
    ]
    for minutes, line, context, level in later:
        room.clock.advance(minutes=minutes - (room.clock.now() - room.at(0)).total_seconds() / 60)
        result = enter(room, line)
        assert (result.context, result.classification.level) == (context, level), minutes
    card = room.run(m.get_card, room.people[0], room.clock)
    assert [v.classification.reason for v in card.vitals if v.classification.level is VitalsLevel.ALERT] == [
        "BP 182/112 at 32 min: above the protocol's 180/110 alert limit; urgent recheck and clinician attention."]


def test_a_context_can_be_given_and_a_time_set_back(room: Room) -> None:
    room.clock.advance(minutes=30)
    result = enter(room, "120/80", context="other", taken_at=room.at(12))
    assert result.context == "other" and result.taken_at == room.at(12)
    with pytest.raises(UserError, match="^The reading's context must be one of pre_dose, scheduled, recheck"):
        enter(room, "120/80", context="lunch")
    with pytest.raises(UserError, match="^The time of the reading is in the future"):
        enter(room, "120/80", taken_at=room.at(36))
