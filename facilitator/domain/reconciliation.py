"""Session reconciliation figures: what was drawn, given and wasted per lot, and what is left over.

Two independent records meet here: the ledger (what was taken from the lot) and the dose records
(what each participant received). A shelf count is the third. Any disagreement is a discrepancy that
must be explained in writing before the reconciliation can be signed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from facilitator.domain.ledger import ZERO, Entry, LedgerRuleError, describe, replay, totals


@dataclass(frozen=True)
class LotFigures:
    """One lot in one session, in the lot's unit.

    Attributes:
        opening: on hand before the session's first entry.
        received: received during the session (rare).
        dispensed: taken for doses (ledger), after corrections.
        given: what the dose records say the participants received.
        wasted: destroyed during the session, after corrections.
        other: movements that are not the session's (entries from later sessions, counts adjusted).
        expected: the ledger's balance now.
        counted: found on the shelf (None until counted).
    """

    opening: Decimal
    received: Decimal
    dispensed: Decimal
    given: Decimal
    wasted: Decimal
    other: Decimal
    expected: Decimal
    counted: Decimal | None

    @property
    def drawn(self) -> Decimal:
        return self.dispensed + self.wasted

    @property
    def count_difference(self) -> Decimal:
        """Counted minus expected: negative when stock is missing from the shelf."""
        return ZERO if self.counted is None else self.counted - self.expected

    @property
    def dose_difference(self) -> Decimal:
        """Given minus dispensed: negative when stock was drawn for doses but not recorded as given."""
        return self.given - self.dispensed

    @property
    def discrepancy(self) -> Decimal:
        return self.count_difference + self.dose_difference

    @property
    def flagged(self) -> bool:
        # Both parts, not their sum: a surplus in one must never hide a shortage in the other.
        return self.count_difference != 0 or self.dose_difference != 0


def lot_figures(lot_entries: Sequence[Entry], session_id: int, given: Decimal,
                counted: Decimal | None) -> LotFigures:
    """The reconciliation figures of one lot for one session.

    Args:
        lot_entries: every ledger entry of the lot (any session, any time).
        session_id: the dosing session being reconciled.
        given: the session's doses from this lot, converted to the lot's unit.
        counted: the shelf count at reconciliation, or None before counting.
    """
    steps = replay(lot_entries)
    by_id = {s.entry.id: s.entry for s in steps}
    mine = [s.entry for s in steps if _belongs(s.entry, session_id, by_id)]
    mine_ids = {e.id for e in mine}
    first = next((i for i, s in enumerate(steps) if s.entry.id in mine_ids), len(steps))
    opening = steps[first - 1].balance if first > 0 else ZERO
    expected = steps[-1].balance if steps else ZERO
    session_totals = totals(mine, lot_entries)
    other = expected - (opening + session_totals.received - session_totals.dispensed - session_totals.wasted)
    return LotFigures(opening=opening, received=session_totals.received, dispensed=session_totals.dispensed,
                      given=given, wasted=session_totals.wasted, other=other, expected=expected, counted=counted)


def _belongs(entry: Entry, session_id: int, by_id: dict[int, Entry]) -> bool:
    """An entry of the session, or a correction (at any time) of one: it changes what the session drew."""
    seen: set[int] = set()
    while entry.corrects_id is not None and entry.session_id != session_id and entry.id not in seen:
        seen.add(entry.id)
        target = by_id.get(entry.corrects_id)
        if target is None:
            return False
        entry = target
    return entry.session_id == session_id


def check_explained(figures: Sequence[tuple[str, str, LotFigures]], explanation: str) -> None:
    """Refuse to sign a flagged reconciliation without a written explanation.

    Args:
        figures: (lot number, unit, figures) per lot.
    """
    if explanation.strip():
        return
    for lot_number, unit, f in figures:
        if f.count_difference != 0:
            raise LedgerRuleError(f"The count of lot {lot_number} differs from the log by "
                                  f"{_signed(f.count_difference, unit)}; explain the discrepancy in writing to sign.")
        if f.dose_difference != 0:
            raise LedgerRuleError(f"The doses from lot {lot_number} differ from what was dispensed by "
                                  f"{_signed(f.dose_difference, unit)}; explain the discrepancy in writing to sign.")


def _signed(amount: Decimal, unit: str) -> str:
    return ("+" if amount > 0 else "−") + describe(abs(amount), unit)
