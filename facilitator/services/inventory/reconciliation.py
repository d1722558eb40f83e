"""End-of-session reconciliation: per lot, what was drawn, given and wasted, the shelf count, and a sign-off."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Account, Dose, GroupSession, LedgerEntry, Participant, Reconciliation, StockLot
from facilitator.domain import ledger
from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import LedgerKind, ReconciliationStatus
from facilitator.domain.reconciliation import LotFigures, check_explained, lot_figures
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.inventory.common import (
    LotRow,
    amount,
    entries_by_lot,
    require_actor,
    ruled,
    strength_of,
    to_entry,
)
from facilitator.services.inventory.counts import write_count
from facilitator.services.inventory.lots import get_lot
from facilitator.services.inventory.witness import WitnessRef, resolve_witness

MAX_EXPLANATION = 4000


@dataclass(frozen=True)
class DoseLine:
    """A dose of the session as the reconciliation sheet lists it (the participant is named: a clinical record).

    Attributes:
        units: in its lot's unit; None for a dose not tied to a lot.
        in_log: the dose has its DISPENSE entry in the stock log.
        waste_witness: who watched the waste of the dose's remainder ("" without waste).
    """

    dose_id: int
    participant_id: int
    participant_name: str
    given_at: datetime
    amount_mg: Decimal
    lot_id: int | None
    lot_number: str
    units: Decimal | None
    given_by: str
    in_log: bool
    waste_units: Decimal
    waste_witness: str
    waste_witness_signs: bool


@dataclass(frozen=True)
class SessionEntry:
    """A stock entry of the session not tied to a dose: a dropped tablet wasted, a receipt, a correction.

    Attributes:
        change: the effect on the lot's balance, in its unit.
        witness_signs: the witness is known by name only and signs the paper sheet.
    """

    entry_id: int
    at: datetime
    kind: str
    lot_number: str
    unit: str
    change: Decimal
    reason: str
    recorded_by: str
    witness: str
    witness_signs: bool
    corrects_id: int | None


@dataclass(frozen=True)
class Signoff:
    signed_at: datetime
    signature: str
    witness_signature: str
    explanation: str
    status: str


@dataclass(frozen=True)
class LotLine:
    lot: LotRow
    figures: LotFigures


@dataclass(frozen=True)
class SessionReconciliation:
    """Everything the reconciliation view and sheet show for one dosing session."""

    session_id: int
    title: str
    scheduled_start: datetime
    location: str
    lots: tuple[LotLine, ...]
    doses: tuple[DoseLine, ...]
    other_entries: tuple[SessionEntry, ...]
    signoff: Signoff | None

    @property
    def not_in_log(self) -> tuple[DoseLine, ...]:
        """Doses with no DISPENSE entry yet: they block the sign-off."""
        return tuple(d for d in self.doses if not d.in_log)

    @property
    def flagged(self) -> bool:
        return any(line.figures.flagged for line in self.lots)

    @property
    def counted(self) -> bool:
        return all(line.figures.counted is not None for line in self.lots)


def session_reconciliation(session: Session, session_id: int, *,
                           counts: Mapping[int, Decimal | float | int] | None = None) -> SessionReconciliation:
    """The session's reconciliation: as signed, or a preview with ``counts`` (lot id → units on the shelf).

    Before signing, a lot without a count in ``counts`` shows the session's latest count entry, if any.
    """
    row = _load_session(session, session_id)
    signed = list(session.scalars(select(Reconciliation).where(Reconciliation.session_id == session_id)
                                  .order_by(Reconciliation.id)))
    doses = _doses(session, session_id)
    lot_ids = _lot_ids(session, session_id, doses)
    entries = entries_by_lot(session, lot_ids)
    lines = []
    for lot_id in lot_ids:
        lot = get_lot(session, lot_id)
        given = sum((d.units or ledger.ZERO for d in doses if d.lot_id == lot_id), ledger.ZERO)
        mine = entries.get(lot_id, [])
        count_entry = next((e for e in reversed(mine) if e.kind is LedgerKind.COUNT and e.session_id == session_id),
                           None)
        if signed and count_entry is not None:
            # As it stood when signed: the sign-off's count entry and everything before it.
            upto = [e for e in mine if (e.at, e.id) <= (count_entry.at, count_entry.id)]
            figures = lot_figures(upto, session_id, given, count_entry.quantity)
        else:
            counted = amount(counts[lot_id]) if counts and lot_id in counts else (
                count_entry.quantity if count_entry else None)
            figures = lot_figures(mine, session_id, given, counted)
        lines.append(LotLine(lot=lot, figures=figures))
    return SessionReconciliation(
        session_id=row.id, title=_title(row), scheduled_start=row.scheduled_start, location=row.location,
        lots=tuple(lines), doses=tuple(doses), other_entries=tuple(_other_entries(session, session_id)),
        signoff=_signoff(signed[0]) if signed else None,
    )


def sign_reconciliation(session: Session, session_id: int, counts: Mapping[int, Decimal | float | int], *,
                        explanation: str = "", witness: WitnessRef | None = None,
                        clock: Clock | None = None) -> SessionReconciliation:
    """Count every lot the session used and sign the reconciliation as the signed-in person.

    Args:
        counts: lot id → units found on the shelf, for every lot of the session.
        explanation: required, in writing, when anything does not add up.
        witness: optional second person at the count (an account id or a name).

    Raises:
        UserError: already signed, nothing to reconcile, doses missing from the stock log, a lot not
            counted, or a discrepancy without an explanation.
    """
    who = require_actor(session)
    now = (clock or SystemClock()).now()
    preview = session_reconciliation(session, session_id, counts=counts)
    if preview.signoff is not None:
        raise UserError(f"This session's stock was already reconciled by {preview.signoff.signature}; "
                        "record a correction instead.")
    if not preview.lots:
        raise UserError("This session used no stock; there is nothing to reconcile.")
    if preview.not_in_log:
        n = len(preview.not_in_log)
        raise UserError(f"{n} dose{'s' if n > 1 else ''} of this session {'are' if n > 1 else 'is'} not in the "
                        "stock log yet; dispense each from its lot before signing.")
    lot_ids = {line.lot.id for line in preview.lots}
    for line in preview.lots:
        if line.lot.id not in counts:
            raise UserError(f"Count lot {line.lot.lot_number} before signing.")
    if set(counts) - lot_ids:
        raise UserError("Only the lots this session used are counted at its reconciliation.")
    why = explanation.strip()
    if len(why) > MAX_EXPLANATION:
        raise UserError(f"An explanation holds at most {MAX_EXPLANATION} characters.")
    ruled(lambda: check_explained([(ln.lot.lot_number, ln.lot.unit, ln.figures) for ln in preview.lots], why))
    seen = resolve_witness(session, witness, who, required=False)
    # The count comes after everything it counts, even a dose recorded with a clock a little ahead of this one.
    latest = session.scalar(select(func.max(LedgerEntry.at)).where(LedgerEntry.lot_id.in_(lot_ids)))
    now = max(now, latest) if latest is not None else now
    for line in preview.lots:
        lot = session.get(StockLot, line.lot.id)
        assert lot is not None
        f = line.figures
        counted = amount(counts[lot.id])
        write_count(session, lot, counted, now=now, witness=seen, session_id=session_id,
                    note="End-of-session reconciliation count.")
        rec = Reconciliation(
            session_id=session_id, lot_id=lot.id, drawn=float(f.drawn), given=float(f.given), wasted=float(f.wasted),
            discrepancy=float(f.discrepancy), explanation=why, signed_at=now,
            signature=who.signature, witness_signature=seen.name if seen else "", created_at=now,
            status=(ReconciliationStatus.FLAGGED if f.flagged else ReconciliationStatus.SIGNED).value,
        )
        session.add(rec)
        session.flush()
        actors.record(session, "stock_reconcile", entity_type="reconciliation", entity_id=rec.id,
                      detail=f"session {session_id}, lot {lot.id}, {rec.status}")
    return session_reconciliation(session, session_id)


def _load_session(session: Session, session_id: int) -> GroupSession:
    row = session.get(GroupSession, session_id)
    if row is None:
        raise UserError(f"There is no session with id {session_id}.")
    return row


def _title(row: GroupSession) -> str:
    return row.title or (row.group.name if row.group else "") or row.protocol_name


def _lot_ids(session: Session, session_id: int, doses: list[DoseLine]) -> list[int]:
    from_log = set(session.scalars(select(LedgerEntry.lot_id).where(LedgerEntry.session_id == session_id)))
    ids = from_log | {d.lot_id for d in doses if d.lot_id is not None}
    lots = session.scalars(select(StockLot).where(StockLot.id.in_(ids)).order_by(StockLot.lot_number, StockLot.id))
    return [lot.id for lot in lots]


def _doses(session: Session, session_id: int) -> list[DoseLine]:
    query = (select(Dose, Participant, StockLot).join(Participant, Participant.id == Dose.participant_id)
             .outerjoin(StockLot, StockLot.id == Dose.stock_lot_id)
             .where(Dose.session_id == session_id).order_by(Dose.given_at, Dose.id))
    rows = [(d, p, lot) for d, p, lot in session.execute(query)]
    dose_ids = [d.id for d, _, _ in rows]
    log = list(session.scalars(select(LedgerEntry).where(LedgerEntry.dose_id.in_(dose_ids)))) if dose_ids else []
    staff = {a.id: a.signature for a in session.scalars(select(Account))}
    lines = []
    for dose, person, lot in rows:
        mine = [e for e in log if e.dose_id == dose.id]
        wastes = [e for e in mine if e.kind == LedgerKind.WASTE.value]
        amount_mg = Decimal(str(dose.amount_mg)).quantize(Decimal("0.01"))
        lines.append(DoseLine(
            dose_id=dose.id, participant_id=person.id, participant_name=person.full_name, given_at=dose.given_at,
            amount_mg=amount_mg, lot_id=lot.id if lot else None,
            lot_number=lot.lot_number if lot else dose.lot_number,
            units=(amount_mg / strength_of(lot)).quantize(ledger.QUANTUM) if lot else None,
            given_by=staff.get(dose.given_by_id, "") if dose.given_by_id else "",
            in_log=any(e.kind == LedgerKind.DISPENSE.value for e in mine),
            waste_units=sum((ledger.stored(e.quantity) for e in wastes), ledger.ZERO),
            waste_witness=", ".join(e.witness_name for e in wastes if e.witness_name),
            waste_witness_signs=any(e.witness_id is None and e.witness_name for e in wastes),
        ))
    return lines


def _other_entries(session: Session, session_id: int) -> list[SessionEntry]:
    """The session's entries without a dose (counts are the reconciliation's own), and corrections of any of them."""
    rows = list(session.scalars(select(LedgerEntry).where(LedgerEntry.session_id == session_id)))
    ids = {r.id for r in rows}
    while True:  # corrections, and corrections of corrections, made later and outside the session
        query = select(LedgerEntry).where(LedgerEntry.corrects_id.in_(ids))
        more = [r for r in session.scalars(query) if r.id not in ids]
        if not more:
            break
        rows += more
        ids |= {r.id for r in more}
    shown = sorted((r for r in rows if r.dose_id is None and r.kind != LedgerKind.COUNT.value),
                   key=lambda r: (r.at, r.id))
    used = {r.lot_id for r in shown}
    lots = {lot.id: lot for lot in session.scalars(select(StockLot).where(StockLot.id.in_(used)))}
    staff = {a.id: a.signature for a in session.scalars(select(Account))}
    out = []
    for r in shown:
        entry = to_entry(r)
        out.append(SessionEntry(
            entry_id=r.id, at=r.at, kind=r.kind, lot_number=lots[r.lot_id].lot_number, unit=lots[r.lot_id].unit,
            change=ledger.change_of(entry), reason=r.reason,
            recorded_by=staff.get(r.created_by_id, "") if r.created_by_id else "", witness=r.witness_name,
            witness_signs=r.witness_id is None and bool(r.witness_name), corrects_id=r.corrects_id,
        ))
    return out


def _signoff(row: Reconciliation) -> Signoff:
    assert row.signed_at is not None
    return Signoff(signed_at=row.signed_at, signature=row.signature, witness_signature=row.witness_signature,
                   explanation=row.explanation, status=row.status)
