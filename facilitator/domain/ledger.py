"""Controlled-substance ledger arithmetic: balances, corrections, counts and the rules that refuse bad entries.

Every quantity is a :class:`~decimal.Decimal` in the lot's unit (tablets or mL), kept to a thousandth, so
half a tablet is exactly ``0.5`` and a sum of many entries never drifts. Receive, dispense and waste amounts
are positive magnitudes (the kind gives the sign); a count is the number found on the shelf and moves
nothing; a correction is a signed change to the balance that references the entry it corrects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from facilitator.domain.enums import LedgerKind

QUANTUM = Decimal("0.001")
ZERO = Decimal("0.000")
UNITS = ("tablet", "mL")


class LedgerRuleError(ValueError):
    """An entry the ledger refuses; ``str(error)`` is one sentence for the person recording it."""


def quantity(value: Decimal | float | int | str) -> Decimal:
    """``value`` as a Decimal to a thousandth of a unit (floats go through ``str`` so 0.1 stays 0.1).

    Raises:
        LedgerRuleError: for something that is not a number or is finer than a thousandth.
    """
    if isinstance(value, bool):
        raise LedgerRuleError("An amount must be a number.")
    try:
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
        rounded = exact.quantize(QUANTUM)
    except (InvalidOperation, ValueError):
        raise LedgerRuleError("An amount must be a number.") from None
    if not exact.is_finite() or rounded != exact:
        raise LedgerRuleError("Amounts are recorded to a thousandth of a unit at most.")
    return rounded


def stored(value: float | Decimal | None) -> Decimal:
    """A quantity read back from the database (a float column) as an exact Decimal."""
    return ZERO if value is None else Decimal(str(value)).quantize(QUANTUM)


def _plain(amount: Decimal) -> str:
    """2, 0.5, 1.25: no trailing zeros, never an exponent."""
    return format(amount.normalize(), "f") if amount != 0 else "0"


def describe(amount: Decimal, unit: str) -> str:
    """``amount`` with its unit for people: "0.5 tablet", "3 tablets", "1.25 mL"."""
    text = _plain(amount)
    if unit == "tablet":
        return f"{text} tablet" if 0 < abs(amount) <= 1 else f"{text} tablets"
    return f"{text} {unit}"


@dataclass(frozen=True)
class Entry:
    """One ledger row as the arithmetic sees it.

    Attributes:
        quantity: positive for receive, dispense and waste; the number found for a count; signed for a correction.
        corrects_id: for a correction, the entry it corrects (itself possibly a correction).
    """

    id: int
    kind: LedgerKind
    quantity: Decimal
    at: datetime
    corrects_id: int | None = None
    session_id: int | None = None
    dose_id: int | None = None


@dataclass(frozen=True)
class Step:
    """An entry in ledger order with the balance after it (and, for a count, what it found against it)."""

    entry: Entry
    change: Decimal
    balance: Decimal
    difference: Decimal | None = None  # a count: counted minus the balance; otherwise None


@dataclass(frozen=True)
class Totals:
    """What a set of entries adds up to, each correction counted with the kind of entry it corrects.

    ``adjusted`` holds corrections made against a count (inventory adjustments).
    """

    received: Decimal
    dispensed: Decimal
    wasted: Decimal
    adjusted: Decimal

    @property
    def balance(self) -> Decimal:
        return self.received - self.dispensed - self.wasted + self.adjusted


def change_of(entry: Entry) -> Decimal:
    """The entry's effect on the balance."""
    if entry.kind is LedgerKind.RECEIVE or entry.kind is LedgerKind.CORRECTION:
        return entry.quantity
    if entry.kind is LedgerKind.COUNT:
        return ZERO
    return -entry.quantity


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Ledger order: by time, then by id (the order they were written in)."""
    return sorted(entries, key=lambda e: (e.at, e.id))


def replay(entries: Iterable[Entry]) -> list[Step]:
    """Every entry in ledger order with the running balance after it."""
    running = ZERO
    steps: list[Step] = []
    for entry in ordered(entries):
        change = change_of(entry)
        running += change
        difference = entry.quantity - running if entry.kind is LedgerKind.COUNT else None
        steps.append(Step(entry, change, running, difference))
    return steps


def balance(entries: Iterable[Entry]) -> Decimal:
    return sum((change_of(e) for e in entries), ZERO)


def root_of(entry: Entry, by_id: dict[int, Entry]) -> Entry:
    """The original entry a chain of corrections goes back to."""
    seen: set[int] = set()
    while entry.kind is LedgerKind.CORRECTION and entry.corrects_id is not None and entry.id not in seen:
        seen.add(entry.id)
        target = by_id.get(entry.corrects_id)
        if target is None:
            break
        entry = target
    return entry


def totals(entries: Sequence[Entry], context: Sequence[Entry] = ()) -> Totals:
    """Received, dispensed, wasted and adjusted over ``entries``.

    Args:
        entries: the entries to add up (e.g. one session's, or one period's).
        context: other entries of the same lot, so a correction's target can be found outside ``entries``.
    """
    by_id = {e.id: e for e in (*context, *entries)}
    sums = {kind: ZERO for kind in LedgerKind}
    for entry in entries:
        if entry.kind is LedgerKind.CORRECTION:
            root = root_of(entry, by_id)
            kind = root.kind if root.kind is not LedgerKind.CORRECTION else LedgerKind.COUNT
            # A correction raises the balance: more received, less dispensed or wasted, or an adjustment up.
            sums[kind] += entry.quantity if kind in (LedgerKind.RECEIVE, LedgerKind.COUNT) else -entry.quantity
        elif entry.kind is not LedgerKind.COUNT:
            sums[entry.kind] += entry.quantity
    return Totals(sums[LedgerKind.RECEIVE], sums[LedgerKind.DISPENSE], sums[LedgerKind.WASTE], sums[LedgerKind.COUNT])


def net_quantity(entry: Entry, entries: Sequence[Entry]) -> Decimal:
    """A receive, dispense or waste after every correction made to it (``entries`` is the whole lot)."""
    by_id = {e.id: e for e in entries}
    sign = Decimal(1) if entry.kind is LedgerKind.RECEIVE else Decimal(-1)
    net = entry.quantity
    for other in entries:
        if other.kind is LedgerKind.CORRECTION and root_of(other, by_id).id == entry.id:
            net += sign * other.quantity
    return net


# Rules. Each refuses one kind of bad entry with one sentence; the services turn them into UserError.

def check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise LedgerRuleError('A lot is counted in "tablet" or "mL".')


def check_positive(amount: Decimal, action: str) -> None:
    """``action`` is the verb: "receive", "dispense", "waste"."""
    if amount <= 0:
        raise LedgerRuleError(f"The amount to {action} must be more than zero.")


def check_count(counted: Decimal) -> None:
    if counted < 0:
        raise LedgerRuleError("A count cannot be negative; enter what is on the shelf, 0 if nothing.")


def check_received_whole(amount: Decimal, unit: str) -> None:
    if unit == "tablet" and amount != amount.to_integral_value():
        raise LedgerRuleError("Tablets are received whole; enter a whole number of tablets.")


def check_whole_draw(given: Decimal, wasted: Decimal, unit: str) -> None:
    """Tablets leave the lot whole: the rest of a split tablet is wasted, never put back."""
    drawn = given + wasted
    if unit == "tablet" and drawn != drawn.to_integral_value():
        rest = (drawn.to_integral_value(rounding=ROUND_CEILING) - drawn).quantize(QUANTUM)
        raise LedgerRuleError(f"Tablets are drawn whole: record the rest of the split tablet "
                              f"({describe(rest, unit)}) as waste with a witness.")


def check_not_expired(expiry: date, on: date, lot_number: str) -> None:
    if expiry < on:
        raise LedgerRuleError(f"Lot {lot_number} expired on {expiry.isoformat()}; "
                              f"it cannot be dispensed for a dose on {on.isoformat()}.")


def check_available(held: Decimal, amount: Decimal, unit: str, lot_number: str) -> None:
    if amount > held:
        raise LedgerRuleError(f"Lot {lot_number} holds {describe(held, unit)}; "
                              f"{describe(amount, unit)} cannot be taken from it.")


def check_witness(has_witness: bool) -> None:
    if not has_witness:
        raise LedgerRuleError("A waste needs a witness: a second signed-in colleague, "
                              "or the name of the person watching.")


def check_never_below_zero(entries: Sequence[Entry], new: Entry, lot_number: str) -> None:
    """The new entry, put in its place in time, leaves no balance below zero from there on.

    Only the stretch from the new entry onwards is checked, so an older problem (already on paper)
    does not block today's work.
    """
    reached = False
    for step in replay((*entries, new)):
        reached = reached or step.entry is new
        if reached and step.balance < 0:
            raise LedgerRuleError(f"This entry would leave lot {lot_number} below zero on "
                                  f"{step.entry.at.date().isoformat()}, because later entries already use that stock.")


def check_correction(target: Entry, change: Decimal, entries: Sequence[Entry]) -> None:
    """A correction changes the balance by ``change`` and cannot undo more than its target recorded.

    Args:
        target: the entry being corrected (a correction may itself be corrected).
        entries: every entry of the lot.
    """
    if change == 0:
        raise LedgerRuleError("A correction of zero changes nothing; enter the signed difference.")
    root = root_of(target, {e.id: e for e in entries})
    if root.kind is LedgerKind.COUNT or root.kind is LedgerKind.CORRECTION:
        return
    sign = Decimal(1) if root.kind is LedgerKind.RECEIVE else Decimal(-1)
    after = net_quantity(root, entries) + sign * change
    if after < 0:
        raise LedgerRuleError(f"This correction would leave the {root.kind.value} entry #{root.id} "
                              f"below zero; it recorded {_plain(net_quantity(root, entries))}.")
