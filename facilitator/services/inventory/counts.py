"""Shelf counts compared with the computed balance, and corrections that reference the entry they fix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from facilitator.db.models import GroupSession, StockLot
from facilitator.domain import ledger
from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import LedgerKind
from facilitator.errors import UserError
from facilitator.services.inventory.common import (
    amount,
    append_entry,
    load_entry,
    load_lot,
    lot_entries,
    pending,
    require_actor,
    ruled,
    to_entry,
)
from facilitator.services.inventory.dispensing import Recorded
from facilitator.services.inventory.witness import Witness, WitnessRef, resolve_witness

MAX_NOTE = 1000


@dataclass(frozen=True)
class CountResult:
    """A shelf count against the ledger.

    Attributes:
        expected: the balance the ledger computes at the moment of the count.
        difference: counted minus expected; negative when stock is missing.
    """

    entry_id: int
    lot_id: int
    counted: Decimal
    expected: Decimal

    @property
    def difference(self) -> Decimal:
        return self.counted - self.expected

    @property
    def flagged(self) -> bool:
        return self.difference != 0


def record_count(session: Session, lot_id: int, counted: Decimal | float | int, *, witness: WitnessRef | None = None,
                 note: str = "", session_id: int | None = None, clock: Clock | None = None) -> CountResult:
    """Record what is on the shelf (a periodic or biennial inventory, or an end-of-session count).

    The count moves nothing: the computed balance stays what the ledger says, and a difference is
    flagged for a correction with a written reason.
    """
    who = require_actor(session)
    now = (clock or SystemClock()).now()
    lot = load_lot(session, lot_id)
    found = amount(counted)
    ruled(lambda: ledger.check_count(found))
    seen = resolve_witness(session, witness, who, required=False)
    if session_id is not None and session.get(GroupSession, session_id) is None:
        raise UserError(f"There is no session with id {session_id}.")
    return write_count(session, lot, found, now=now, witness=seen, note=_text(note, "A note"),
                       session_id=session_id)


def write_count(session: Session, lot: StockLot, found: Decimal, *, now: datetime, witness: Witness | None = None,
                note: str = "", session_id: int | None = None) -> CountResult:
    """Append a COUNT entry (already checked) and compare it with the balance."""
    expected = ledger.balance(e for e in lot_entries(session, lot.id) if e.at <= now)
    row = append_entry(session, lot, LedgerKind.COUNT, found, now, session_id=session_id, witness=witness,
                       reason=note, created_at=now)
    return CountResult(entry_id=row.id, lot_id=lot.id, counted=found, expected=expected)


def record_correction(session: Session, entry_id: int, change: Decimal | float | int, *, reason: str,
                      witness: WitnessRef | None = None, clock: Clock | None = None) -> Recorded:
    """Correct an entry by a signed change to the lot's balance; the original stays as it was written.

    Args:
        entry_id: the entry being corrected (a count, to adjust the books to the shelf; or a mistaken
            receive, dispense, waste, or an earlier correction).
        change: added to the balance: +1 when a dispense of 3 tablets should have been 2, −450 when a
            receipt of 500 should have been 50, the count's difference to adjust to a count.
        reason: why, in writing (kept in the log and printed).
    """
    who = require_actor(session)
    now = (clock or SystemClock()).now()
    target_row = load_entry(session, entry_id)
    lot = load_lot(session, target_row.lot_id)
    delta = amount(change)
    why = _text(reason, "A correction's reason")
    if not why:
        raise UserError("A correction needs its reason in writing.")
    seen = resolve_witness(session, witness, who, required=False)
    entries = lot_entries(session, lot.id)
    ruled(lambda: ledger.check_correction(to_entry(target_row), delta, entries))
    new = pending(entries, LedgerKind.CORRECTION, delta, now, corrects_id=target_row.id)
    ruled(lambda: ledger.check_never_below_zero(entries, new, lot.lot_number))
    row = append_entry(session, lot, LedgerKind.CORRECTION, delta, now, witness=seen, reason=why,
                       corrects_id=target_row.id, created_at=now)
    return Recorded(entry_id=row.id, lot_id=lot.id, balance=ledger.balance(lot_entries(session, lot.id)))


def _text(value: str, what: str) -> str:
    text = " ".join(value.split())
    if len(text) > MAX_NOTE:
        raise UserError(f"{what} holds at most {MAX_NOTE} characters.")
    return text
