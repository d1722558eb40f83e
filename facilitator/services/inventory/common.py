"""Shared loading for the stock services: the signed-in person, lots, and a lot's ledger as domain entries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import LedgerEntry, StockLot
from facilitator.domain import ledger
from facilitator.domain.enums import LedgerKind
from facilitator.domain.ledger import Entry, LedgerRuleError
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.actor import Actor, actor_of
from facilitator.services.inventory.witness import Witness

T = TypeVar("T")


def ruled(fn: Callable[[], T]) -> T:
    """Run a ledger rule check, turning its refusal into the user's one sentence."""
    try:
        return fn()
    except LedgerRuleError as exc:
        raise UserError(str(exc)) from None


def amount(value: Decimal | float | int | str) -> Decimal:
    return ruled(lambda: ledger.quantity(value))


def require_actor(session: Session) -> Actor:
    """The signed-in person, who is named on every stock entry."""
    who = actor_of(session)
    if who is None or who.id is None:
        raise UserError("Sign in to record controlled-substance stock; every entry names who made it.")
    return who


def load_lot(session: Session, lot_id: int) -> StockLot:
    lot = session.get(StockLot, lot_id)
    if lot is None:
        raise UserError(f"There is no stock lot with id {lot_id}.")
    return lot


def load_entry(session: Session, entry_id: int) -> LedgerEntry:
    row = session.get(LedgerEntry, entry_id)
    if row is None:
        raise UserError(f"There is no stock log entry #{entry_id}.")
    return row


def to_entry(row: LedgerEntry) -> Entry:
    return Entry(id=row.id, kind=LedgerKind(row.kind), quantity=ledger.stored(row.quantity), at=row.at,
                 corrects_id=row.corrects_id, session_id=row.session_id, dose_id=row.dose_id)


def lot_rows(session: Session, lot_id: int) -> list[LedgerEntry]:
    """Every ledger row of a lot, in ledger order."""
    query = select(LedgerEntry).where(LedgerEntry.lot_id == lot_id).order_by(LedgerEntry.at, LedgerEntry.id)
    return list(session.scalars(query))


def lot_entries(session: Session, lot_id: int) -> list[Entry]:
    return [to_entry(r) for r in lot_rows(session, lot_id)]


def entries_by_lot(session: Session, lot_ids: Iterable[int] | None = None) -> dict[int, list[Entry]]:
    """Ledger entries grouped per lot (all lots when ``lot_ids`` is None), in one query."""
    query = select(LedgerEntry).order_by(LedgerEntry.at, LedgerEntry.id)
    if lot_ids is not None:
        query = query.where(LedgerEntry.lot_id.in_(list(lot_ids)))
    grouped: dict[int, list[Entry]] = {}
    for row in session.scalars(query):
        grouped.setdefault(row.lot_id, []).append(to_entry(row))
    return grouped


def pending(entries: list[Entry], kind: LedgerKind, quantity: Decimal, at: datetime, *,
            corrects_id: int | None = None) -> Entry:
    """An entry about to be written, numbered after every existing one (as the database will number it)."""
    return Entry(id=max((e.id for e in entries), default=0) + 1, kind=kind, quantity=quantity, at=at,
                 corrects_id=corrects_id)


@dataclass(frozen=True)
class LotRow:
    """A lot with its on-hand balance, computed from the ledger (never stored).

    Attributes:
        strength_mg: milligrams per tablet or per mL.
        balance: on hand, in the lot's unit.
        expired: past its expiry date on the day asked about.
    """

    id: int
    medication: str
    form: str
    strength_mg: Decimal
    unit: str
    lot_number: str
    expiry: date
    supplier: str
    received_at: datetime
    received_by: str
    received: Decimal
    balance: Decimal
    expired: bool

    @property
    def balance_mg(self) -> Decimal:
        return (self.balance * self.strength_mg).quantize(Decimal("0.01"))

    @property
    def label(self) -> str:
        """"Ketamine 50 mg rapid-dissolve tablet, lot KRD2603-001"."""
        per = f"{format(self.strength_mg.normalize(), 'f')} mg" + ("/mL" if self.unit == "mL" else "")
        return f"{self.medication.capitalize()} {per} {self.form}, lot {self.lot_number}"


def mg_of(units: Decimal, strength_mg: Decimal) -> Decimal:
    return (units * strength_mg).quantize(Decimal("0.01"))


def strength_of(lot: StockLot) -> Decimal:
    return Decimal(str(lot.strength_mg)).quantize(Decimal("0.01"))


def local_date(when: datetime) -> date:
    """The calendar day of ``when`` on this computer (expiry dates are printed calendar days)."""
    return when.astimezone().date()


def append_entry(session: Session, lot: StockLot, kind: LedgerKind, quantity: Decimal, at: datetime, *,
                 session_id: int | None = None, dose_id: int | None = None, witness: Witness | None = None,
                 reason: str = "", corrects_id: int | None = None,
                 created_at: datetime | None = None) -> LedgerEntry:
    """Append one ledger row and its explicit audit event (ids only)."""
    row = LedgerEntry(lot_id=lot.id, kind=kind.value, quantity=float(quantity), at=at, session_id=session_id,
                      dose_id=dose_id, witness_id=witness.account_id if witness else None,
                      witness_name=witness.name if witness else "", reason=reason, corrects_id=corrects_id)
    if created_at is not None:
        row.created_at = created_at
    session.add(row)
    session.flush()
    detail = f"lot {lot.id}" + (f", dose {dose_id}" if dose_id else "")
    detail += f", corrects {corrects_id}" if corrects_id else ""
    if witness is not None:
        detail += f", witness account {witness.account_id}" if witness.account_id else ", witness by name"
    actors.record(session, f"stock_{kind.value}", entity_type="ledger_entry", entity_id=row.id, detail=detail)
    return row
