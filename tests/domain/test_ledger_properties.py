"""Random sequences of receive/dispense/waste/count/correction: the balance always adds up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain import ledger
from facilitator.domain.enums import LedgerKind
from facilitator.domain.ledger import Entry, LedgerRuleError
from facilitator.domain.reconciliation import lot_figures

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
KINDS = list(LedgerKind)
# Half and quarter tablets, whole tablets and mL to the thousandth all occur in practice.
amounts = st.one_of(
    st.integers(min_value=-5, max_value=600).map(Decimal),
    st.integers(min_value=-2000, max_value=20000).map(lambda n: Decimal(n) / 1000),
    st.sampled_from([Decimal("0.5"), Decimal("0.25"), Decimal("1.5"), Decimal("2.5")]),
)
operations = st.lists(st.tuples(st.sampled_from(KINDS), amounts, st.integers(min_value=0, max_value=10_000),
                                st.sampled_from([None, 1, 2])), max_size=60)


def apply(ops: list[tuple[LedgerKind, Decimal, int, int | None]]) -> tuple[list[Entry], list[str]]:
    """Offer every operation to the rules, as the services do; keep what they accept."""
    entries: list[Entry] = []
    refused: list[str] = []
    for i, (kind, raw, pick, session) in enumerate(ops, start=1):
        amount = ledger.quantity(raw)
        at = T0 + timedelta(minutes=i)
        held = ledger.balance(entries)
        try:
            corrects = None
            if kind in (LedgerKind.RECEIVE, LedgerKind.DISPENSE, LedgerKind.WASTE):
                ledger.check_positive(amount, kind.value)
                if kind is not LedgerKind.RECEIVE:
                    ledger.check_available(held, amount, "tablet", "K-1")
            elif kind is LedgerKind.COUNT:
                ledger.check_count(amount)
            else:
                if not entries:
                    raise LedgerRuleError("nothing to correct")
                target = entries[pick % len(entries)]
                ledger.check_correction(target, amount, entries)
                corrects = target.id
            # As in the services, a correction is made later, outside any session: it belongs where its target does.
            new = Entry(id=i, kind=kind, quantity=amount, at=at, corrects_id=corrects,
                        session_id=None if corrects else session)
            ledger.check_never_below_zero(entries, new, "K-1")
        except LedgerRuleError as exc:
            refused.append(str(exc))
            if kind is LedgerKind.DISPENSE or kind is LedgerKind.WASTE:
                assert amount <= 0 or amount > held  # refused for a reason, never for nothing
            continue
        entries.append(new)
    return entries, refused


def raw_sum(entries: list[Entry], kind: LedgerKind) -> Decimal:
    return sum((e.quantity for e in entries if e.kind is kind), ledger.ZERO)


@settings(max_examples=200, deadline=None)
@given(operations)
def test_balance_is_received_minus_given_minus_wasted_plus_corrections(ops) -> None:  # type: ignore[no-untyped-def]
    entries, _ = apply(ops)
    expected = (raw_sum(entries, LedgerKind.RECEIVE) - raw_sum(entries, LedgerKind.DISPENSE)
                - raw_sum(entries, LedgerKind.WASTE) + raw_sum(entries, LedgerKind.CORRECTION))
    steps = ledger.replay(entries)
    final = steps[-1].balance if steps else ledger.ZERO
    assert final == ledger.balance(entries) == expected
    assert ledger.totals(entries).balance == expected  # the same, with corrections put with what they correct
    assert all(s.balance >= 0 for s in steps)  # never less than nothing on the shelf
    for step in steps:
        if step.entry.kind is LedgerKind.COUNT:
            assert step.change == 0 and step.difference == step.entry.quantity - step.balance
    for entry in entries:
        if entry.kind in (LedgerKind.RECEIVE, LedgerKind.DISPENSE, LedgerKind.WASTE):
            assert ledger.net_quantity(entry, entries) >= 0


@settings(max_examples=120, deadline=None)
@given(operations, st.integers(min_value=-3, max_value=3))
def test_a_session_reconciles_when_the_shelf_and_the_doses_agree_with_the_log(ops, miscount: int) -> None:  # type: ignore[no-untyped-def]
    entries, _ = apply(ops)
    by_id = {e.id: e for e in entries}
    session = [e for e in entries if ledger.root_of(e, by_id).session_id == 1]
    mine = ledger.totals(session, entries)
    expected = ledger.balance(entries)
    figures = lot_figures(entries, 1, mine.dispensed, expected + miscount)
    assert figures.expected == expected and figures.drawn == mine.dispensed + mine.wasted
    assert figures.opening + figures.received - figures.drawn + figures.other == figures.expected
    assert figures.discrepancy == miscount and figures.flagged == (miscount != 0)
