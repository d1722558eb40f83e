"""Receiving, dispensing for doses, witnessed waste, counts and corrections; every refusal one sentence.

One clinic for the module (opening an encrypted clinic is the slow part); each test works on its own lot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from facilitator.db.models import Account, AuditEvent, Dose, LedgerEntry
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.inventory import (
    LotRow,
    dispense_for_dose,
    get_lot,
    list_lots,
    lot_history,
    receive_lot,
    receive_more,
    record_correction,
    record_count,
    record_waste,
)
from facilitator.services.session_setup import plan_session
from tests.services.inventory_scenario import START, Staff, add_dose, add_people, open_stock_clinic, receive_tablets

D = Decimal


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Staff]]:
    store, staff = open_stock_clinic(tmp_path_factory.mktemp("stock"))
    yield store, staff
    store.dispose()


@dataclass(frozen=True)
class Setup:
    store: object
    staff: Staff
    clock: FakeClock
    lot: LotRow
    session_id: int
    participant_id: int

    def dose(self, mg: float, minutes: int = 60) -> int:
        return add_dose(self.store, self.session_id, self.participant_id, mg, START + timedelta(minutes=minutes),
                        self.staff.monitor_id)


@pytest.fixture()
def setup(stock) -> Setup:  # type: ignore[no-untyped-def]
    """A new lot of 20 tablets of 50 mg, a dosing session and a participant."""
    store, staff = stock
    clock = FakeClock(START - timedelta(hours=1))
    lot = receive_tablets(store, clock, quantity=20)
    plan = store.run(plan_session, scheduled_start=START, protocol_id=staff.protocol_id, title="Dosing")
    (person,) = add_people(store, [("Ana", "Ruiz")])
    return Setup(store, staff, clock, lot, plan.id, person)


def test_a_received_lot_is_listed_with_its_balance_computed_from_the_log(setup: Setup) -> None:
    store, clock, lot = setup.store, setup.clock, setup.lot
    assert lot.balance == D(20) and lot.balance_mg == D(1000) and lot.received_by == "Robin Admin, LCSW"
    assert lot.label == f"Ketamine 50 mg rapid-dissolve tablet, lot {lot.lot_number}" and not lot.expired
    more = store.run(receive_more, lot.id, 10, witness="Sam Porter", clock=clock)
    assert more.balance == D(30) and more.received == D(30)
    vial = store.run(receive_lot, form="vial", strength_mg=50, unit="mL", lot_number=f"V-{lot.id}",
                     expiry=date(2026, 9, 30), quantity=D("10"), clock=clock)
    assert vial.label == f"Ketamine 50 mg/mL vial, lot V-{lot.id}"
    listed = [r.id for r in store.run(list_lots, clock=clock) if r.id in (lot.id, vial.id)]
    assert listed == [vial.id, lot.id]  # soonest expiry first: the one to use next
    with store.session() as s:  # no balance is stored anywhere: only ledger rows hold quantities
        assert s.scalar(select(LedgerEntry.quantity).where(LedgerEntry.lot_id == vial.id)) == 10


def test_bad_receipts_are_refused(setup: Setup) -> None:
    cases = [
        ({"quantity": 0}, "The amount to receive must be more than zero."),
        ({"quantity": -5}, "The amount to receive must be more than zero."),
        ({"quantity": 10.5}, "Tablets are received whole; enter a whole number of tablets."),
        ({"expiry": date(2026, 3, 1)}, "Lot NEW-1 expired on 2026-03-01; expired stock cannot be received."),
        ({"lot_number": setup.lot.lot_number},
         f"Lot {setup.lot.lot_number} is already in stock; record the new delivery as a receipt on that lot."),
        ({"unit": "vial"}, 'A lot is counted in "tablet" or "mL".'),
        ({"strength_mg": 0}, "A lot's strength must be more than zero mg."),
        ({"form": " "}, "A lot needs its form."),
    ]
    for change, message in cases:
        fields = {"form": "rapid-dissolve tablet", "strength_mg": 50, "unit": "tablet", "lot_number": "NEW-1",
                  "expiry": date(2027, 1, 31), "quantity": 10} | change
        with pytest.raises(UserError) as caught:
            setup.store.run(receive_lot, clock=setup.clock, **fields)
        assert str(caught.value) == message


def test_a_dose_of_two_and_a_half_tablets_draws_three_and_wastes_half_with_a_witness(setup: Setup) -> None:
    store, lot, monitor = setup.store, setup.lot, setup.staff.monitor_id
    dose_id = setup.dose(125)
    done = store.run(dispense_for_dose, dose_id, lot.id, D("2.5"), waste_units=D("0.5"), witness=monitor)
    assert (done.units, done.waste_units, done.balance) == (D("2.5"), D("0.5"), D(17))
    assert done.witness is not None and done.witness.name == "Mei Okafor, RN" and not done.witness.needs_signature
    with store.session() as s:
        row = s.get(Dose, dose_id)
        assert row is not None and row.stock_lot_id == lot.id and row.lot_number == lot.lot_number
        waste = s.get(LedgerEntry, done.waste_entry_id)
        assert waste is not None and waste.kind == "waste" and waste.witness_id == monitor
        assert waste.dose_id == dose_id and waste.session_id == setup.session_id
        assert waste.at == START + timedelta(hours=1) and "split tablet" in waste.reason
    history = store.run(lot_history, lot.id)
    assert [(ln.kind, ln.change, ln.balance) for ln in history.lines] == [
        ("receive", D(20), D(20)), ("dispense", D("-2.5"), D("17.5")), ("waste", D("-0.5"), D(17))]
    assert history.lines[1].participant_name == "Ana Ruiz" and history.lines[1].mg == D(-125)


def test_bad_dispensing_is_refused_and_nothing_is_half_written(setup: Setup) -> None:
    n = setup.lot.lot_number
    cases = [
        (1100, 22, 0, None, f"Lot {n} holds 20 tablets; 22 tablets cannot be taken from it."),
        (125, 2.5, 0, None, "Tablets are drawn whole: record the rest of the split tablet (0.5 tablet) as waste "
                            "with a witness."),
        (125, 2.5, 0.5, None, "A waste needs a witness: a second signed-in colleague, or the name of the person "
                              "watching."),
        (125, 2.5, 0.5, "  ", "A waste needs a witness: a second signed-in colleague, or the name of the person "
                              "watching."),
        (150, 2, 0, None, f"The dose is 150 mg but 2 tablets of lot {n} make 100 mg."),
        (100, 0, 0, None, "The amount to dispense must be more than zero."),
        (100, -2, 0, None, "The amount to dispense must be more than zero."),
        (125, 2.5, -0.5, "Sam Porter", "The amount to waste must be more than zero."),
        (100, "two", 0, None, "An amount must be a number."),
    ]
    for mg, units, waste, witness, message in cases:
        dose_id = setup.dose(mg)
        with pytest.raises(UserError) as caught:
            setup.store.run(dispense_for_dose, dose_id, setup.lot.id, units, waste_units=waste, witness=witness)
        assert str(caught.value) == message
    assert setup.store.run(get_lot, setup.lot.id).balance == D(20)


def test_an_expired_lot_is_refused_for_a_dose_after_its_expiry(setup: Setup) -> None:
    store = setup.store
    old = store.run(receive_lot, form="rapid-dissolve tablet", strength_mg=50, unit="tablet",
                    lot_number=f"OLD-{setup.lot.id}", expiry=START.date(), quantity=10, clock=setup.clock)
    store.run(dispense_for_dose, setup.dose(100, minutes=10), old.id, 2)  # on its expiry day: still good
    late = setup.dose(100, minutes=24 * 60)
    with pytest.raises(UserError) as caught:
        store.run(dispense_for_dose, late, old.id, 2)
    assert str(caught.value) == f"Lot OLD-{setup.lot.id} expired on 2026-03-12; it cannot be dispensed for a dose " \
                                "on 2026-03-13."


def test_a_dose_is_dispensed_once_from_its_own_lot_and_medication(setup: Setup) -> None:
    store, lot = setup.store, setup.lot
    dose_id = setup.dose(100)
    store.run(dispense_for_dose, dose_id, lot.id, 2)
    with pytest.raises(UserError, match=r"already in the stock log \(entry #\d+\); record a correction"):
        store.run(dispense_for_dose, dose_id, lot.id, 2)
    other = receive_tablets(store, setup.clock, quantity=10)
    with store.session() as s:
        named = Dose(session_id=setup.session_id, participant_id=setup.participant_id, route="sublingual",
                     amount_mg=100, given_at=START, lot_number=lot.lot_number)
        esketamine = Dose(session_id=setup.session_id, participant_id=setup.participant_id, route="intranasal",
                          amount_mg=56, given_at=START, medication="esketamine")
        s.add_all([named, esketamine])
        s.flush()
        ids = named.id, esketamine.id
    with pytest.raises(UserError, match=f"The dose names lot {lot.lot_number} but lot {other.lot_number} was chosen."):
        store.run(dispense_for_dose, ids[0], other.id, 2)
    with pytest.raises(UserError, match=f"The dose is esketamine but lot {other.lot_number} holds ketamine."):
        store.run(dispense_for_dose, ids[1], other.id, 2)
    with pytest.raises(UserError, match="There is no dose with id 99999."):
        store.run(dispense_for_dose, 99999, other.id, 2)


def test_witness_rules(setup: Setup) -> None:
    store, lot = setup.store, setup.lot
    with store.session() as s:
        me = s.scalar(select(Account.id).where(Account.username == "admin"))
    refusals = [
        (me, "The person recording an entry cannot also witness it; a second person must watch."),
        ("Robin Admin", "The person recording an entry cannot also witness it; a second person must watch."),
        ("robin admin, lcsw", "The person recording an entry cannot also witness it; a second person must watch."),
        (setup.staff.inactive_id, "Former Nurse's account is deactivated; an active colleague must witness."),
        (424242, "The witness's account does not exist."),
        ("X", "A witness's name needs 2 to 120 characters."),
        (True, "A witness is a colleague's account or a person's name."),
    ]
    for witness, message in refusals:
        with pytest.raises(UserError) as caught:
            store.run(record_waste, lot.id, 1, witness=witness, reason="Dropped on the floor.")
        assert str(caught.value) == message
    done = store.run(record_waste, lot.id, 1, witness="  Sam   Porter ", reason="Dropped on the floor.")
    assert done.balance == D(19)
    line = store.run(lot_history, lot.id).lines[-1]
    assert (line.witness, line.witness_signs, line.reason) == ("Sam Porter", True, "Dropped on the floor.")
    by_account = store.run(record_waste, lot.id, 1, witness=setup.staff.monitor_id, reason="Crumbled in the packet.")
    line = store.run(lot_history, lot.id).lines[-1]
    assert by_account.balance == D(18) and (line.witness, line.witness_signs) == ("Mei Okafor, RN", False)
    with pytest.raises(UserError, match="Say why the stock is being destroyed"):
        store.run(record_waste, lot.id, 1, witness=setup.staff.monitor_id, reason=" ")


def test_a_count_is_compared_with_the_balance_and_a_difference_is_flagged(setup: Setup) -> None:
    store, clock, lot = setup.store, setup.clock, setup.lot
    store.run(dispense_for_dose, setup.dose(150), lot.id, 3)
    clock.advance(minutes=300)
    same = store.run(record_count, lot.id, 17, witness=setup.staff.monitor_id, clock=clock)
    assert (same.expected, same.difference, same.flagged) == (D(17), D(0), False)
    short = store.run(record_count, lot.id, D("16.5"), note="Biennial inventory.", clock=clock)
    assert short.difference == D("-0.5") and short.flagged
    assert store.run(get_lot, lot.id).balance == D(17)  # a count moves nothing
    with pytest.raises(UserError, match="A count cannot be negative"):
        store.run(record_count, lot.id, -1, clock=clock)
    clock.advance(minutes=5)
    fixed = store.run(record_correction, short.entry_id, short.difference,
                      reason="Half a tablet unaccounted for; reported to the medical director.", clock=clock)
    assert fixed.balance == D("16.5")
    last = store.run(lot_history, lot.id).lines[-1]
    assert (last.kind, last.corrects_id, last.change) == ("correction", short.entry_id, D("-0.5"))


def test_corrections_reference_the_old_entry_which_stays_as_written(setup: Setup) -> None:
    store, clock, lot = setup.store, setup.clock, setup.lot
    done = store.run(dispense_for_dose, setup.dose(100), lot.id, 2)
    receipt = store.run(lot_history, lot.id).lines[0].entry_id
    refusals = [
        (done.dispense_entry_id, 1, "", "A correction needs its reason in writing."),
        (done.dispense_entry_id, 0, "Nothing.", "A correction of zero changes nothing; enter the signed difference."),
        (done.dispense_entry_id, 3, "Wrong.",
         f"This correction would leave the dispense entry #{done.dispense_entry_id} below zero; it recorded 2."),
        (receipt, -19, "Short delivery.", f"This entry would leave lot {lot.lot_number} below zero on 2026-03-12, "
                                          "because later entries already use that stock."),
        (999999, 1, "x", "There is no stock log entry #999999."),
    ]
    for entry_id, change, reason, message in refusals:
        with pytest.raises(UserError) as caught:
            store.run(record_correction, entry_id, change, reason=reason, clock=clock)
        assert str(caught.value) == message
    store.run(record_correction, done.dispense_entry_id, 1, reason="One tablet was given, not two.", clock=clock)
    with store.session() as s:
        original = s.get(LedgerEntry, done.dispense_entry_id)
        assert original is not None and original.quantity == 2  # as it was written
    history = store.run(lot_history, lot.id)
    assert history.closing == D(19) and history.totals.dispensed == D(1)


def test_nothing_in_the_stock_log_can_be_edited_or_deleted(setup: Setup) -> None:
    import facilitator.services.inventory as inventory

    public = [name for name in inventory.__all__ if callable(getattr(inventory, name))]
    verbs = ("edit", "update", "delete", "remove", "set_", "change", "modify", "void", "undo", "replace")
    assert public and not [n for n in public if n.lower().startswith(verbs)]
    store, lot = setup.store, setup.lot
    with pytest.raises(UserError, match="Stock records are never changed"), store.session() as s:
        row = s.scalars(select(LedgerEntry).where(LedgerEntry.lot_id == lot.id)).one()
        row.quantity = 200
        s.flush()
    with pytest.raises(UserError, match="Stock records are never deleted"), store.session() as s:
        s.delete(s.scalars(select(LedgerEntry).where(LedgerEntry.lot_id == lot.id)).one())
        s.flush()
    assert store.run(get_lot, lot.id).balance == D(20)


def test_every_stock_entry_is_audited_with_ids_only(setup: Setup) -> None:
    store, lot = setup.store, setup.lot
    store.run(dispense_for_dose, setup.dose(125), lot.id, D("2.5"), waste_units=D("0.5"), witness="Sam Porter")
    with store.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action.like("stock_%"),
                                                    AuditEvent.detail.like(f"lot {lot.id}%"))).all()
    assert [e.action for e in events] == ["stock_receive", "stock_dispense", "stock_waste"]
    assert all(e.entity_type == "ledger_entry" and e.entity_id for e in events)
    assert events[2].detail.endswith("witness by name")
    details = " ".join(e.detail for e in events)
    assert "Sam" not in details and "Ana" not in details and "Ruiz" not in details


def test_stock_work_needs_someone_signed_in(setup: Setup) -> None:
    store = setup.store
    actor, store.actor = store.actor, None
    try:
        with pytest.raises(UserError, match="Sign in to record controlled-substance stock"):
            store.run(record_count, setup.lot.id, 20)
    finally:
        store.actor = actor
