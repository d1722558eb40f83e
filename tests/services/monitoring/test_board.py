"""The monitoring board: eight participants dosed at different times, a fake clock walking the session."""

from __future__ import annotations

from datetime import timedelta

from facilitator.domain.vitals import VitalsLevel
from facilitator.domain.vitals_schedule import ItemStatus
from facilitator.services import monitoring as m
from tests.services.monitoring.conftest import NAMES, Room

DOSED_AT = {i: 20 + 3 * i for i in range(8)}  # minutes after the session started
# The +40 reading: participant 0 never gets one, participant 5's is an alert taken early, the rest 2 minutes late.
PLUS_40 = {i: (DOSED_AT[i] + (32 if i == 5 else 42), "182/112 96 97" if i == 5 else "148/90 84 97")
           for i in range(1, 8)}


def goto(room: Room, minutes: float) -> None:
    room.clock.advance((room.at(minutes) - room.clock.now()).total_seconds())


def expected_status(i: int, minute: int) -> ItemStatus:
    dose = DOSED_AT[i]
    if i in PLUS_40 and minute >= PLUS_40[i][0]:
        return ItemStatus.DONE
    if minute < dose + 40:
        return ItemStatus.UPCOMING
    if minute < dose + 45:
        return ItemStatus.DUE
    return ItemStatus.OVERDUE if minute < dose + 80 else ItemStatus.MISSED


def test_staggered_dosing_each_card_follows_its_own_dose(room: Room) -> None:
    for i in range(8):
        goto(room, 5 + i)
        room.run(m.record_vitals, room.people[i], room.clock, line="128/82 72 98")
    board = room.run(m.get_board, room.clock)
    assert [c.name for c in board.cards] == NAMES  # nobody dosed: no one due, by name
    assert all(c.schedule_view.next_item is None and c.minutes_since_dose is None for c in board.cards)
    for minute in range(20, 101):
        goto(room, minute)
        for i in range(8):
            if DOSED_AT[i] == minute:
                room.run(m.record_dose, room.people[i], room.clock, amount_mg=150 + 10 * i)
            if i in PLUS_40 and PLUS_40[i][0] == minute:
                room.run(m.record_vitals, room.people[i], room.clock, line=PLUS_40[i][1])
        board = room.run(m.get_board, room.clock)
        assert len(board.cards) == 8
        for i, person in enumerate(room.people):
            card = board.card(person)
            assert card is not None
            if minute < DOSED_AT[i]:
                assert not card.doses
                continue
            assert card.first_dose_at == room.at(DOSED_AT[i]) and card.minutes_since_dose == minute - DOSED_AT[i]
            plus40 = card.schedule.items[1]
            assert plus40.due_at == room.at(DOSED_AT[i] + 40) and plus40.label == "+40 min"
            assert card.schedule_view.items[1][1] is expected_status(i, minute), (i, minute)
            assert card.schedule.items[2].due_at == room.at(DOSED_AT[i] + 90)
            assert card.discharge.observation_ends_at == room.at(DOSED_AT[i] + 120)


def test_overdue_appears_exactly_five_minutes_after_due(room: Room) -> None:
    room.run(m.record_vitals, room.people[3], room.clock, line="128/82")
    goto(room, 7)
    room.run(m.record_dose, room.people[3], room.clock, amount_mg=200)
    due = room.at(47)
    room.clock.advance((due - room.clock.now()).total_seconds() + 4 * 60 + 59)
    card = room.run(m.get_board, room.clock).cards[0]
    assert card.schedule_view.next_status is ItemStatus.DUE and not card.schedule_view.overdue
    assert card.schedule_view.countdown_seconds == -299
    room.clock.advance(1)
    card = room.run(m.get_board, room.clock).cards[0]
    assert card.schedule_view.next_status is ItemStatus.OVERDUE and card.schedule_view.overdue
    assert card.attention == (1, -300.0)
    # Between refreshes the UI recomputes from the card alone.
    later = card.schedule_at(due + timedelta(minutes=40))  # +80: the +40 reading is missed, +90 is next
    assert later.next_status is ItemStatus.UPCOMING and later.next_item is not None
    assert later.next_item.label == "+90 min"


def test_the_board_puts_alerts_first_then_overdue_then_soonest_due(room: Room) -> None:
    for i in range(8):
        goto(room, 5 + i)
        room.run(m.record_vitals, room.people[i], room.clock, line="142/88 72 98" if i == 1 else "128/82 72 98")
    for minute in range(20, 71):
        goto(room, minute)
        for i in range(8):
            if DOSED_AT[i] == minute:
                room.run(m.record_dose, room.people[i], room.clock, amount_mg=200, lot_number=f"KT-{i}")
            if i in PLUS_40 and PLUS_40[i][0] == minute:
                room.run(m.record_vitals, room.people[i], room.clock, line=PLUS_40[i][1])
    room.run(m.record_observation, room.people[5], room.clock, kind="dissociation", severity="moderate")
    board = room.run(m.get_board, room.clock)
    order = [room.people.index(c.participant_id) for c in board.cards]
    assert order == [5, 0, 3, 4, 6, 7, 1, 2]
    alert, overdue = board.cards[0], board.cards[1]
    assert alert.alert and alert.level is VitalsLevel.ALERT and alert.reason == (
        "BP 182/112 at 32 min: above the protocol's 180/110 alert limit; urgent recheck and clinician attention.")
    assert alert.observation_summary == "Dissociation (moderate)"
    assert overdue.schedule_view.overdue and overdue.minutes_since_dose == 50 and overdue.last_vitals is not None
    assert overdue.last_vitals.context == "pre_dose" and overdue.reason == ""
    bea = board.card(room.people[1])
    assert bea is not None and bea.flags == ("Hypertension", "Cardiac")
    assert bea.vitals[0].classification.level is VitalsLevel.CAUTION  # 142/88 before the dose
    assert bea.doses[0].given_by == "Robin Admin, LCSW" and bea.doses[0].lot_number == "KT-1"
    assert bea.dose_gate is not None and bea.dose_gate.level is VitalsLevel.CAUTION  # 148/90 if dosed again now
    assert not bea.discharge.ready and bea.discharge.reasons[0].startswith("The 120-minute minimum observation")
