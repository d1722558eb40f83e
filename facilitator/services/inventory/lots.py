"""Receiving stock and listing lots with their on-hand balance (always computed from the ledger)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Account, StockLot
from facilitator.domain import ledger
from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import LedgerKind
from facilitator.errors import UserError
from facilitator.services.inventory.common import (
    LotRow,
    amount,
    append_entry,
    entries_by_lot,
    load_lot,
    local_date,
    require_actor,
    ruled,
    strength_of,
)
from facilitator.services.inventory.witness import Witness, WitnessRef, resolve_witness

MAX_TEXT = {"medication": 80, "form": 60, "lot number": 60, "supplier": 120}


def _text(value: str, what: str, *, required: bool = True) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise UserError(f"A lot needs its {what}.")
    if len(text) > MAX_TEXT[what]:
        raise UserError(f"The {what} holds at most {MAX_TEXT[what]} characters.")
    return text


def receive_lot(session: Session, *, form: str, strength_mg: Decimal | float | int, unit: str, lot_number: str,
                expiry: date, quantity: Decimal | float | int, supplier: str = "", medication: str = "ketamine",
                witness: WitnessRef | None = None, clock: Clock | None = None) -> LotRow:
    """Record a delivery as a new lot with its RECEIVE entry; the signed-in person is the receiver.

    Args:
        form: "rapid-dissolve tablet", "vial" …
        strength_mg: milligrams per tablet, or per mL for a solution.
        unit: "tablet" or "mL": what the lot is counted in.
        quantity: tablets (whole) or mL received.
        witness: optional second person checking the delivery in.
    """
    who = require_actor(session)
    now = (clock or SystemClock()).now()
    ruled(lambda: ledger.check_unit(unit))
    medication = _text(medication, "medication").lower()
    form, number = _text(form, "form"), _text(lot_number, "lot number")
    supplier = _text(supplier, "supplier", required=False)
    strength = amount(strength_mg)
    if strength <= 0:
        raise UserError("A lot's strength must be more than zero mg.")
    received = amount(quantity)
    ruled(lambda: ledger.check_positive(received, "receive"))
    ruled(lambda: ledger.check_received_whole(received, unit))
    if expiry < local_date(now):
        raise UserError(f"Lot {number} expired on {expiry.isoformat()}; expired stock cannot be received.")
    duplicate = session.scalar(select(func.count()).select_from(StockLot).where(
        StockLot.lot_number == number, StockLot.medication == medication))
    if duplicate:
        raise UserError(f"Lot {number} is already in stock; record the new delivery as a receipt on that lot.")
    seen = resolve_witness(session, witness, who, required=False)
    lot = StockLot(medication=medication, form=form, strength_mg=float(strength), unit=unit, lot_number=number,
                   expiry=expiry, supplier=supplier, received_at=now, created_at=now)
    session.add(lot)
    session.flush()
    _receipt(session, lot, received, now, seen)
    return get_lot(session, lot.id, clock=clock)


def receive_more(session: Session, lot_id: int, quantity: Decimal | float | int, *,
                 witness: WitnessRef | None = None, clock: Clock | None = None) -> LotRow:
    """Record a further delivery of a lot already in stock (same lot number, same strength)."""
    who = require_actor(session)
    now = (clock or SystemClock()).now()
    lot = load_lot(session, lot_id)
    received = amount(quantity)
    ruled(lambda: ledger.check_positive(received, "receive"))
    ruled(lambda: ledger.check_received_whole(received, lot.unit))
    if lot.expiry < local_date(now):
        raise UserError(f"Lot {lot.lot_number} expired on {lot.expiry.isoformat()}; expired stock cannot be received.")
    _receipt(session, lot, received, now, resolve_witness(session, witness, who, required=False))
    return get_lot(session, lot.id, clock=clock)


def _receipt(session: Session, lot: StockLot, received: Decimal, now: datetime, witness: Witness | None) -> None:
    append_entry(session, lot, LedgerKind.RECEIVE, received, now, witness=witness, created_at=now)


def get_lot(session: Session, lot_id: int, *, clock: Clock | None = None) -> LotRow:
    lot = load_lot(session, lot_id)
    return _rows(session, [lot], clock)[0]


def list_lots(session: Session, *, include_empty: bool = False, clock: Clock | None = None) -> list[LotRow]:
    """Lots in stock, soonest expiry first (the one to use next); empty lots only when asked."""
    lots = list(session.scalars(select(StockLot).order_by(StockLot.expiry, StockLot.lot_number, StockLot.id)))
    rows = _rows(session, lots, clock)
    return rows if include_empty else [r for r in rows if r.balance != 0]


def _rows(session: Session, lots: list[StockLot], clock: Clock | None) -> list[LotRow]:
    today = local_date((clock or SystemClock()).now())
    entries = entries_by_lot(session, [lot.id for lot in lots])
    authors = {lot.created_by_id for lot in lots if lot.created_by_id is not None}
    names = {a.id: a.signature for a in session.scalars(select(Account).where(Account.id.in_(authors)))}
    rows = []
    for lot in lots:
        mine = entries.get(lot.id, [])
        rows.append(LotRow(
            id=lot.id, medication=lot.medication, form=lot.form, strength_mg=strength_of(lot), unit=lot.unit,
            lot_number=lot.lot_number, expiry=lot.expiry, supplier=lot.supplier, received_at=lot.received_at,
            received_by=names.get(lot.created_by_id, "") if lot.created_by_id else "",
            received=ledger.totals(mine).received, balance=ledger.balance(mine), expired=lot.expiry < today,
        ))
    return rows
