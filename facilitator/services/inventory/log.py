"""The dispensing log: every entry of a lot over a period with the balance after it, for the screen and for paper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Account, ClinicSetting, Dose, LedgerEntry, Participant, StockLot
from facilitator.domain import ledger
from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import LedgerKind
from facilitator.domain.ledger import Totals
from facilitator.errors import UserError
from facilitator.services.actor import actor_of
from facilitator.services.inventory.common import LotRow, mg_of, to_entry
from facilitator.services.inventory.lots import get_lot

# Clinic settings printed at the top of the log; a missing registration number leaves a line to fill in.
CLINIC_KEYS = ("clinic_name", "clinic_address", "clinic_phone", "clinic_dea_registration")


@dataclass(frozen=True)
class LogLine:
    """One ledger entry as the log prints it.

    Attributes:
        quantity: as recorded (positive; the number found for a count; signed for a correction).
        change: its effect on the balance (0 for a count).
        mg: the change in milligrams (a count: what was found, in mg).
        participant_name: for a dose, the participant's full name (the log is a clinical record).
        witness_signs: the witness is known by name only and signs the paper log.
        difference: a count's difference from the balance (None for other entries).
    """

    entry_id: int
    at: datetime
    kind: str
    quantity: Decimal
    change: Decimal
    mg: Decimal
    balance: Decimal
    participant_name: str
    session_id: int | None
    dose_id: int | None
    recorded_by: str
    witness: str
    witness_signs: bool
    reason: str
    corrects_id: int | None
    difference: Decimal | None


@dataclass(frozen=True)
class LotLog:
    lot: LotRow
    opening: Decimal
    lines: tuple[LogLine, ...]
    closing: Decimal
    totals: Totals


@dataclass(frozen=True)
class DispensingLog:
    """A printable log: one section per lot over a period (either bound open when None)."""

    start: date | None
    end: date | None
    lots: tuple[LotLog, ...]
    clinic: dict[str, str]
    printed_at: datetime
    printed_by: str


def period_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Local calendar days, both included, as aware instants (start of ``start``, start of the day after ``end``)."""
    if start and end and end < start:
        raise UserError("The period ends before it starts.")
    low = datetime.combine(start, time.min).astimezone() if start else None
    high = datetime.combine(end + timedelta(days=1), time.min).astimezone() if end else None
    return low, high


def lot_history(session: Session, lot_id: int, *, start: date | None = None, end: date | None = None,
                clock: Clock | None = None) -> LotLog:
    """A lot's entries over a period with the running balance; the opening balance covers everything before."""
    lot = get_lot(session, lot_id, clock=clock)
    low, high = period_bounds(start, end)
    rows = list(session.scalars(select(LedgerEntry).where(LedgerEntry.lot_id == lot_id)))
    entries = [to_entry(r) for r in rows]
    by_id = {r.id: r for r in rows}
    steps = ledger.replay(entries)
    before = [s for s in steps if low is not None and s.entry.at < low]
    inside = [s for s in steps if (low is None or s.entry.at >= low) and (high is None or s.entry.at < high)]
    opening = before[-1].balance if before else ledger.ZERO
    closing = inside[-1].balance if inside else opening
    names = _names(session, [by_id[s.entry.id] for s in inside])
    staff = _staff(session)
    lines = tuple(_line(s, by_id[s.entry.id], lot, names, staff) for s in inside)
    return LotLog(lot=lot, opening=opening, lines=lines, closing=closing,
                  totals=ledger.totals([s.entry for s in inside], entries))


def dispensing_log(session: Session, *, start: date | None = None, end: date | None = None,
                   lot_id: int | None = None, clock: Clock | None = None) -> DispensingLog:
    """The log of one lot, or of every lot with entries in the period."""
    low, high = period_bounds(start, end)
    if lot_id is not None:
        ids = [lot_id]
    else:
        query = select(LedgerEntry.lot_id).distinct()
        if low is not None:
            query = query.where(LedgerEntry.at >= low)
        if high is not None:
            query = query.where(LedgerEntry.at < high)
        found = set(session.scalars(query))
        ids = list(session.scalars(select(StockLot.id).where(StockLot.id.in_(found))
                                   .order_by(StockLot.received_at, StockLot.id)))
    who = actor_of(session)
    return DispensingLog(
        start=start, end=end, lots=tuple(lot_history(session, i, start=start, end=end, clock=clock) for i in ids),
        clinic=clinic_header(session), printed_at=(clock or SystemClock()).now(),
        printed_by=who.signature if who else "",
    )


def clinic_header(session: Session) -> dict[str, str]:
    rows = session.execute(select(ClinicSetting.key, ClinicSetting.value).where(ClinicSetting.key.in_(CLINIC_KEYS)))
    return {key: value for key, value in rows}


def _staff(session: Session) -> dict[int, str]:
    return {a.id: a.signature for a in session.scalars(select(Account))}


def _names(session: Session, rows: list[LedgerEntry]) -> dict[int, str]:
    """Participant full name per dose id."""
    dose_ids = {r.dose_id for r in rows if r.dose_id is not None}
    if not dose_ids:
        return {}
    query = select(Dose.id, Participant).join(Participant, Participant.id == Dose.participant_id).where(
        Dose.id.in_(dose_ids))
    return {dose_id: person.full_name for dose_id, person in session.execute(query)}


def _line(step: ledger.Step, row: LedgerEntry, lot: LotRow, names: dict[int, str], staff: dict[int, str]) -> LogLine:
    entry = step.entry
    moved = entry.quantity if entry.kind is LedgerKind.COUNT else step.change
    return LogLine(
        entry_id=entry.id, at=entry.at, kind=entry.kind.value, quantity=entry.quantity, change=step.change,
        mg=mg_of(moved, lot.strength_mg), balance=step.balance,
        participant_name=names.get(entry.dose_id, "") if entry.dose_id else "", session_id=entry.session_id,
        dose_id=entry.dose_id, recorded_by=staff.get(row.created_by_id, "") if row.created_by_id else "",
        witness=row.witness_name, witness_signs=row.witness_id is None and bool(row.witness_name),
        reason=row.reason, corrects_id=entry.corrects_id, difference=step.difference,
    )
