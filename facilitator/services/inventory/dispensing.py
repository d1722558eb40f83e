"""Taking stock out of a lot: the stock side of a recorded dose, and witnessed waste."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Dose, GroupSession, LedgerEntry, StockLot
from facilitator.domain import ledger
from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import LedgerKind
from facilitator.errors import UserError
from facilitator.services.inventory.common import (
    amount,
    append_entry,
    load_lot,
    local_date,
    lot_entries,
    mg_of,
    pending,
    require_actor,
    ruled,
    strength_of,
)
from facilitator.services.inventory.witness import Witness, WitnessRef, resolve_witness

MAX_REASON = 1000


@dataclass(frozen=True)
class Dispensed:
    """What a dose took from its lot.

    Attributes:
        units: given to the participant, in the lot's unit.
        waste_units: the rest of a split tablet or an opened vial, destroyed (0 when nothing was left).
        balance: the lot's on-hand balance afterwards.
        witness: who watched the waste (None without waste).
    """

    dose_id: int
    lot_id: int
    dispense_entry_id: int
    waste_entry_id: int | None
    units: Decimal
    waste_units: Decimal
    balance: Decimal
    witness: Witness | None


@dataclass(frozen=True)
class Recorded:
    """A ledger entry just written and the lot's balance after it."""

    entry_id: int
    lot_id: int
    balance: Decimal


def dispense_for_dose(session: Session, dose_id: int, lot_id: int, units: Decimal | float | int, *,
                      waste_units: Decimal | float | int = 0, witness: WitnessRef | None = None,
                      waste_reason: str = "") -> Dispensed:
    """Tie a recorded dose to the lot it came from: a DISPENSE entry, and a witnessed WASTE for any remainder.

    Call right after the dose is recorded. Both entries carry the dose's time and session. The dose
    gets the lot (and its number) when it has none yet.

    Args:
        units: what the participant received, in the lot's unit (1.5 for a tablet and a half); times the
            lot's strength it must equal the dose's mg.
        waste_units: the rest of a split tablet or of a single-use vial, destroyed in front of the witness.
        witness: needed with any waste: a second signed-in colleague's account id, or a name.
        waste_reason: why the remainder was destroyed (a sensible default is written when empty).

    Raises:
        UserError: a dose already in the log, another medication or lot, an amount that does not match the
            dose, an expired lot, more than the lot holds, or waste without a valid witness.
    """
    who = require_actor(session)
    dose = session.get(Dose, dose_id)
    if dose is None:
        raise UserError(f"There is no dose with id {dose_id}.")
    lot = load_lot(session, lot_id)
    _check_dose_and_lot(session, dose, lot)
    given, waste = amount(units), amount(waste_units)
    ruled(lambda: ledger.check_positive(given, "dispense"))
    if waste != 0:
        ruled(lambda: ledger.check_positive(waste, "waste"))
    strength = strength_of(lot)
    dose_mg = Decimal(str(dose.amount_mg)).quantize(Decimal("0.01"))
    # Half the smallest recordable unit of the lot, in mg: what rounding to a thousandth can account for.
    if abs(mg_of(given, strength) - dose_mg) > strength * Decimal("0.0005") + Decimal("0.005"):
        raise UserError(f"The dose is {_mg(dose_mg)} but {ledger.describe(given, lot.unit)} of lot "
                        f"{lot.lot_number} make {_mg(mg_of(given, strength))}.")
    ruled(lambda: ledger.check_whole_draw(given, waste, lot.unit))
    ruled(lambda: ledger.check_not_expired(lot.expiry, local_date(dose.given_at), lot.lot_number))
    seen = resolve_witness(session, witness, who, required=waste > 0)
    _check_stock(session, lot, given + waste, dose.given_at)
    dispensed = append_entry(session, lot, LedgerKind.DISPENSE, given, dose.given_at, session_id=dose.session_id,
                       dose_id=dose.id, witness=seen if waste > 0 else None)
    wasted = None
    if waste > 0:
        reason = _reason(waste_reason, required=False) or _default_waste_reason(lot.unit)
        wasted = append_entry(session, lot, LedgerKind.WASTE, waste, dose.given_at, session_id=dose.session_id,
                        dose_id=dose.id, witness=seen, reason=reason)
    if dose.stock_lot_id is None:
        dose.stock_lot_id = lot.id
    if not dose.lot_number:
        dose.lot_number = lot.lot_number
    session.flush()
    balance = ledger.balance(lot_entries(session, lot.id))
    return Dispensed(dose_id=dose.id, lot_id=lot.id, dispense_entry_id=dispensed.id,
                     waste_entry_id=wasted.id if wasted else None, units=given, waste_units=waste,
                     balance=balance, witness=seen if waste > 0 else None)


def record_waste(session: Session, lot_id: int, units: Decimal | float | int, *, witness: WitnessRef | None,
                 reason: str, session_id: int | None = None, clock: Clock | None = None) -> Recorded:
    """Destroy stock outside a dose (a dropped tablet, a lot past its expiry), in front of a witness."""
    who = require_actor(session)
    now = (clock or SystemClock()).now()
    lot = load_lot(session, lot_id)
    waste = amount(units)
    ruled(lambda: ledger.check_positive(waste, "waste"))
    why = _reason(reason, required=True)
    seen = resolve_witness(session, witness, who, required=True)
    if session_id is not None and session.get(GroupSession, session_id) is None:
        raise UserError(f"There is no session with id {session_id}.")
    _check_stock(session, lot, waste, now)
    row = append_entry(session, lot, LedgerKind.WASTE, waste, now, session_id=session_id, witness=seen, reason=why)
    return Recorded(entry_id=row.id, lot_id=lot.id, balance=ledger.balance(lot_entries(session, lot.id)))


def _check_dose_and_lot(session: Session, dose: Dose, lot: StockLot) -> None:
    earlier = session.scalar(select(LedgerEntry.id).where(
        LedgerEntry.dose_id == dose.id, LedgerEntry.kind == LedgerKind.DISPENSE.value).limit(1))
    if earlier is not None:
        raise UserError(f"This dose is already in the stock log (entry #{earlier}); "
                        "record a correction to change it.")
    if dose.medication.strip().lower() != lot.medication:
        raise UserError(f"The dose is {dose.medication} but lot {lot.lot_number} holds {lot.medication}.")
    if dose.stock_lot_id is not None and dose.stock_lot_id != lot.id:
        raise UserError(f"This dose was recorded from another lot; it cannot be dispensed from lot {lot.lot_number}.")
    if dose.lot_number and dose.lot_number != lot.lot_number:
        raise UserError(f"The dose names lot {dose.lot_number} but lot {lot.lot_number} was chosen.")


def _check_stock(session: Session, lot: StockLot, taken: Decimal, at: datetime) -> None:
    entries = lot_entries(session, lot.id)
    held = ledger.balance(e for e in entries if e.at <= at)
    ruled(lambda: ledger.check_available(held, taken, lot.unit, lot.lot_number))
    new = pending(entries, LedgerKind.DISPENSE, taken, at)
    ruled(lambda: ledger.check_never_below_zero(entries, new, lot.lot_number))


def _reason(text: str, *, required: bool) -> str:
    why = " ".join(text.split())
    if required and not why:
        raise UserError("Say why the stock is being destroyed; the reason is kept in the log.")
    if len(why) > MAX_REASON:
        raise UserError(f"A reason holds at most {MAX_REASON} characters.")
    return why


def _default_waste_reason(unit: str) -> str:
    if unit == "tablet":
        return "Rest of a split tablet after the dose; destroyed in front of the witness."
    return "Rest of the vial after the dose; destroyed in front of the witness."


def _mg(value: Decimal) -> str:
    return f"{format(value.normalize(), 'f')} mg"
