"""The stock ledger's arithmetic and its refusals, one sentence each."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from facilitator.domain.enums import LedgerKind
from facilitator.domain.ledger import (
    Entry,
    LedgerRuleError,
    balance,
    check_available,
    check_correction,
    check_count,
    check_never_below_zero,
    check_not_expired,
    check_positive,
    check_received_whole,
    check_unit,
    check_whole_draw,
    check_witness,
    describe,
    net_quantity,
    quantity,
    replay,
    totals,
)

T0 = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
D = Decimal


def e(i: int, kind: LedgerKind, q: str, minutes: int = 0, corrects: int | None = None) -> Entry:
    return Entry(id=i, kind=kind, quantity=D(q), at=T0 + timedelta(minutes=minutes or i), corrects_id=corrects)


LOG = [
    e(1, LedgerKind.RECEIVE, "100"),
    e(2, LedgerKind.DISPENSE, "2.5"),
    e(3, LedgerKind.WASTE, "0.5"),
    e(4, LedgerKind.COUNT, "96"),
    e(5, LedgerKind.CORRECTION, "-1", corrects=4),  # adjust the books to the shelf
    e(6, LedgerKind.DISPENSE, "3"),
    e(7, LedgerKind.CORRECTION, "1", corrects=6),  # that dispense was 2 tablets, not 3
]


def test_quantities_are_exact_to_a_thousandth() -> None:
    assert quantity(0.1) + quantity(0.2) == D("0.3")
    assert quantity("1.5") == D("1.500") and quantity(3) == D("3.000")
    with pytest.raises(LedgerRuleError, match="thousandth"):
        quantity("0.0005")
    with pytest.raises(LedgerRuleError, match="a number"):
        quantity("half")
    with pytest.raises(LedgerRuleError, match="a number"):
        quantity(True)


def test_describe_speaks_in_units() -> None:
    assert describe(D("0.5"), "tablet") == "0.5 tablet"
    assert describe(D("1.000"), "tablet") == "1 tablet"
    assert describe(D("3.500"), "tablet") == "3.5 tablets"
    assert describe(D("0"), "tablet") == "0 tablets"
    assert describe(D("1.250"), "mL") == "1.25 mL"


def test_a_count_moves_nothing_and_records_its_difference() -> None:
    steps = replay(LOG)
    assert [s.balance for s in steps] == [D(100), D("97.5"), D(97), D(97), D(96), D(93), D(94)]
    count = steps[3]
    assert count.change == 0 and count.difference == D(-1)
    assert all(s.difference is None for s in steps if s.entry.kind is not LedgerKind.COUNT)


def test_corrections_count_with_the_kind_they_correct() -> None:
    t = totals(LOG)
    assert (t.received, t.dispensed, t.wasted, t.adjusted) == (D(100), D("4.5"), D("0.5"), D(-1))
    assert t.balance == balance(LOG) == D(94)
    assert net_quantity(LOG[5], LOG) == D(2)


def test_a_correction_of_a_correction_goes_back_to_the_original() -> None:
    log = [*LOG, e(8, LedgerKind.CORRECTION, "-0.5", corrects=7)]
    assert totals(log).dispensed == D(5) and net_quantity(LOG[5], log) == D("2.5")


def test_entries_are_taken_in_time_order_then_in_order_written() -> None:
    late_first = [e(2, LedgerKind.DISPENSE, "1", minutes=30), e(1, LedgerKind.RECEIVE, "5", minutes=10),
                  e(3, LedgerKind.DISPENSE, "1", minutes=30)]
    assert [s.entry.id for s in replay(late_first)] == [1, 2, 3]


@pytest.mark.parametrize(("check", "message"), [
    (lambda: check_unit("vial"), 'counted in "tablet" or "mL"'),
    (lambda: check_positive(D(0), "dispense"), "amount to dispense must be more than zero"),
    (lambda: check_positive(D(-2), "receive"), "amount to receive must be more than zero"),
    (lambda: check_count(D(-1)), "count cannot be negative"),
    (lambda: check_received_whole(D("10.5"), "tablet"), "Tablets are received whole"),
    (lambda: check_whole_draw(D("1.5"), D(0), "tablet"), r"record the rest of the split tablet \(0.5 tablet\)"),
    (lambda: check_not_expired(date(2026, 3, 11), date(2026, 3, 12), "K-1"),
     "Lot K-1 expired on 2026-03-11; it cannot be dispensed for a dose on 2026-03-12."),
    (lambda: check_available(D(3), D(4), "tablet", "K-1"), "Lot K-1 holds 3 tablets; 4 tablets cannot be taken"),
    (lambda: check_witness(False), "A waste needs a witness"),
    (lambda: check_correction(LOG[1], D(0), LOG), "correction of zero changes nothing"),
    (lambda: check_correction(LOG[1], D(3), LOG), r"dispense entry #2 below zero"),
    (lambda: check_correction(LOG[0], D(-101), LOG), r"receive entry #1 below zero"),
])
def test_refusals_are_one_sentence(check, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LedgerRuleError, match=message) as caught:
        check()
    sentence = str(caught.value)
    assert sentence.endswith(".") and "\n" not in sentence


def test_allowed_entries_pass() -> None:
    check_whole_draw(D("1.5"), D("0.5"), "tablet")
    check_whole_draw(D("1.2"), D(0), "mL")  # what is left in a multi-dose vial stays in the lot
    check_not_expired(date(2026, 3, 12), date(2026, 3, 12), "K-1")  # good through its expiry day
    check_available(D(3), D(3), "tablet", "K-1")
    check_count(D(0))
    check_correction(LOG[3], D(-50), LOG)  # an adjustment against a count is not bounded by the count
    check_received_whole(D("2.5"), "mL")


def test_a_backdated_entry_cannot_take_stock_later_entries_already_used() -> None:
    log = [e(1, LedgerKind.RECEIVE, "4", minutes=1), e(2, LedgerKind.DISPENSE, "3", minutes=60)]
    new = Entry(id=3, kind=LedgerKind.DISPENSE, quantity=D(2), at=T0 + timedelta(minutes=30))
    with pytest.raises(LedgerRuleError, match="below zero on 2026-03-12, because later entries"):
        check_never_below_zero(log, new, "K-1")
    check_never_below_zero(log, Entry(id=3, kind=LedgerKind.DISPENSE, quantity=D(1), at=new.at), "K-1")
