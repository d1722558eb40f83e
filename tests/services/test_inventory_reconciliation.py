"""End-of-session reconciliation: eight doses with two half tablets add up; a miscount cannot be hidden."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from facilitator.db.models import AuditEvent, LedgerEntry, Reconciliation
from facilitator.errors import UserError
from facilitator.services.inventory import (
    dispense_for_dose,
    get_lot,
    record_count,
    session_reconciliation,
    sign_reconciliation,
    stock_sessions,
)
from tests.services.inventory_scenario import START, Staff, add_dose, dosing_session_of_eight, open_stock_clinic

D = Decimal


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, Staff]]:
    store, staff = open_stock_clinic(tmp_path_factory.mktemp("reconcile"))
    yield store, staff
    store.dispose()


def test_a_session_of_eight_with_two_half_tablets_reconciles_to_zero(stock) -> None:  # type: ignore[no-untyped-def]
    store, staff = stock
    sc = dosing_session_of_eight(store, staff)
    before = store.run(session_reconciliation, sc.session_id)
    (line,) = before.lots
    f = line.figures
    # 23 tablets given (two of them split), 24 drawn, the two halves wasted: 100 − 24 = 76 on the shelf.
    assert (f.opening, f.dispensed, f.given, f.wasted, f.drawn, f.expected) == (D(100), D(23), D(23), D(1), D(24),
                                                                                 D(76))
    assert f.counted is None and before.signoff is None and not before.not_in_log
    assert [d.units for d in before.doses] == [D(2), D(3), D("2.5"), D(4), D(3), D("3.5"), D(2), D(3)]
    assert [d.waste_units for d in before.doses if d.waste_units] == [D("0.5"), D("0.5")]
    assert all(d.waste_witness == "Mei Okafor, RN" for d in before.doses if d.waste_units)
    signed = store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 76}, witness=staff.monitor_id, clock=sc.clock)
    (line,) = signed.lots
    assert line.figures.counted == D(76) and line.figures.discrepancy == 0 and not signed.flagged
    assert signed.signoff is not None and signed.signoff.status == "signed"
    assert (signed.signoff.signature, signed.signoff.witness_signature) == ("Robin Admin, LCSW", "Mei Okafor, RN")
    with store.session() as s:
        row = s.scalars(select(Reconciliation).where(Reconciliation.session_id == sc.session_id)).one()
        assert (row.drawn, row.given, row.wasted, row.discrepancy, row.explanation) == (24, 23, 1, 0, "")
        count = s.scalars(select(LedgerEntry).where(LedgerEntry.session_id == sc.session_id,
                                                    LedgerEntry.kind == "count")).one()
        assert count.quantity == 76 and count.witness_id == staff.monitor_id
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity_type == "reconciliation",
                                                            AuditEvent.entity_id == str(row.id))).all()
        assert "stock_reconcile" in actions
    with pytest.raises(UserError, match="already reconciled by Robin Admin, LCSW; record a correction instead"):
        store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 76}, clock=sc.clock)


def test_a_deliberate_miscount_is_flagged_and_signing_needs_an_explanation(stock) -> None:  # type: ignore[no-untyped-def]
    store, staff = stock
    sc = dosing_session_of_eight(store, staff, start=START + timedelta(days=7))
    preview = store.run(session_reconciliation, sc.session_id, counts={sc.lot_id: 75})
    f = preview.lots[0].figures
    assert (f.expected, f.counted, f.count_difference, f.discrepancy) == (D(76), D(75), D(-1), D(-1))
    assert f.flagged and preview.flagged
    for explanation in ("", "   \n "):
        with pytest.raises(UserError) as caught:
            store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 75}, explanation=explanation, clock=sc.clock)
        assert str(caught.value) == (f"The count of lot {sc.lot_number} differs from the log by −1 tablet; "
                                     "explain the discrepancy in writing to sign.")
    with store.session() as s:  # the refused sign-off left nothing behind
        assert not s.scalars(select(Reconciliation).where(Reconciliation.session_id == sc.session_id)).all()
    why = "One tablet fell and dissolved on the floor during dosing; not witnessed. Reported to Dr. Okafor."
    signed = store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 75}, explanation=why, clock=sc.clock)
    assert signed.signoff is not None and signed.signoff.status == "flagged" and signed.signoff.explanation == why
    assert signed.lots[0].figures.discrepancy == D(-1)  # kept as signed, shown on every later view
    assert store.run(get_lot, sc.lot_id).balance == D(76)  # the books move only by a correction


def test_a_dose_not_matching_what_was_dispensed_is_flagged(stock) -> None:  # type: ignore[no-untyped-def]
    store, staff = stock
    sc = dosing_session_of_eight(store, staff, start=START + timedelta(days=14))
    with store.session() as s:  # a later correction of a dose record (monitoring may allow it) that the log misses
        from facilitator.db.models import Dose

        dose = s.get(Dose, sc.dose_ids[0])
        assert dose is not None
        dose.amount_mg = 75
    f = store.run(session_reconciliation, sc.session_id, counts={sc.lot_id: 76}).lots[0].figures
    assert (f.count_difference, f.dose_difference, f.discrepancy, f.flagged) == (D(0), D("-0.5"), D("-0.5"), True)
    with pytest.raises(UserError, match=r"doses from lot .* differ from what was dispensed by −0.5 tablet"):
        store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 76}, clock=sc.clock)


def test_signing_needs_every_dose_in_the_log_and_every_lot_counted(stock) -> None:  # type: ignore[no-untyped-def]
    store, staff = stock
    sc = dosing_session_of_eight(store, staff, start=START + timedelta(days=21))
    with pytest.raises(UserError, match=f"Count lot {sc.lot_number} before signing."):
        store.run(sign_reconciliation, sc.session_id, {}, clock=sc.clock)
    with pytest.raises(UserError, match="Only the lots this session used are counted"):
        store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 76, 999999: 1}, clock=sc.clock)
    late = add_dose(store, sc.session_id, sc.participant_ids[0], 50, START + timedelta(days=21, hours=2),
                    staff.monitor_id)
    with pytest.raises(UserError, match="1 dose of this session is not in the stock log yet"):
        store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 76}, clock=sc.clock)
    assert [d.dose_id for d in store.run(session_reconciliation, sc.session_id).not_in_log] == [late]
    store.run(dispense_for_dose, late, sc.lot_id, 1)
    sc.clock.advance(minutes=1)
    # A count recorded during the session shows until the sign-off's own count.
    store.run(record_count, sc.lot_id, 75, session_id=sc.session_id, clock=sc.clock)
    assert store.run(session_reconciliation, sc.session_id).lots[0].figures.counted == D(75)
    done = store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 75}, clock=sc.clock)
    assert done.signoff is not None and done.signoff.status == "signed"


def test_nothing_to_reconcile(stock) -> None:  # type: ignore[no-untyped-def]
    from facilitator.services.session_setup import plan_session

    store, staff = stock
    plan = store.run(plan_session, scheduled_start=START, protocol_id=staff.protocol_id, title="Integration")
    with pytest.raises(UserError, match="This session used no stock; there is nothing to reconcile."):
        store.run(sign_reconciliation, plan.id, {})
    with pytest.raises(UserError, match="There is no session with id 999999."):
        store.run(session_reconciliation, 999999)


def test_the_inventory_screen_lists_sessions_that_used_stock_with_their_state(stock) -> None:  # type: ignore[no-untyped-def]
    store, staff = stock
    sc = dosing_session_of_eight(store, staff, start=START + timedelta(days=28))
    (row,) = [r for r in store.run(stock_sessions) if r.session_id == sc.session_id]
    assert (row.title, row.doses, row.lots, row.status) == ("Thursday dosing", 8, 1, "open")
    assert sc.session_id in [r.session_id for r in store.run(stock_sessions, open_only=True)]
    store.run(sign_reconciliation, sc.session_id, {sc.lot_id: 75}, explanation="Miscounted on purpose.",
              clock=sc.clock)
    (row,) = [r for r in store.run(stock_sessions) if r.session_id == sc.session_id]
    assert row.status == "flagged"
    assert sc.session_id not in [r.session_id for r in store.run(stock_sessions, open_only=True)]
    newest_first = [r.scheduled_start for r in store.run(stock_sessions)]
    assert newest_first == sorted(newest_first, reverse=True)
