"""Which sessions moved stock, and whether each has been reconciled: the Inventory screen's session list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Dose, GroupSession, LedgerEntry, Reconciliation
from facilitator.domain.enums import ReconciliationStatus


@dataclass(frozen=True)
class StockSessionRow:
    """A session with doses or stock entries.

    Attributes:
        status: "open" (not reconciled yet), "signed" (balanced) or "flagged" (signed with an explained discrepancy).
    """

    session_id: int
    title: str
    scheduled_start: datetime
    doses: int
    lots: int
    status: str


def stock_sessions(session: Session, *, limit: int | None = 50, open_only: bool = False) -> list[StockSessionRow]:
    """Sessions that used stock, newest first."""
    with_entries = select(LedgerEntry.session_id).where(LedgerEntry.session_id.is_not(None))
    with_doses = select(Dose.session_id)
    query = (select(GroupSession).where(GroupSession.id.in_(with_entries.union(with_doses).scalar_subquery()))
             .order_by(GroupSession.scheduled_start.desc(), GroupSession.id.desc()))
    rows = list(session.scalars(query))
    ids = [r.id for r in rows]
    doses = dict(session.execute(select(Dose.session_id, func.count()).where(Dose.session_id.in_(ids))
                                 .group_by(Dose.session_id)).all())
    lots = dict(session.execute(select(LedgerEntry.session_id, func.count(func.distinct(LedgerEntry.lot_id)))
                                .where(LedgerEntry.session_id.in_(ids)).group_by(LedgerEntry.session_id)).all())
    states: dict[int, set[str]] = {}
    for sid, status in session.execute(select(Reconciliation.session_id, Reconciliation.status)
                                       .where(Reconciliation.session_id.in_(ids))):
        states.setdefault(sid, set()).add(status)
    out = []
    for row in rows:
        found = states.get(row.id, set())
        status = (ReconciliationStatus.FLAGGED if ReconciliationStatus.FLAGGED.value in found
                  else ReconciliationStatus.SIGNED if found else ReconciliationStatus.OPEN).value
        if open_only and status != ReconciliationStatus.OPEN.value:
            continue
        title = row.title or (row.group.name if row.group else "") or row.protocol_name
        out.append(StockSessionRow(session_id=row.id, title=title, scheduled_start=row.scheduled_start,
                                   doses=doses.get(row.id, 0), lots=lots.get(row.id, 0), status=status))
        if limit is not None and len(out) >= limit:
            break
    return out


def last_activity(session: Session) -> dict[int, datetime]:
    """Lot id → the time of its latest ledger entry (the lots table's "last activity")."""
    query = select(LedgerEntry.lot_id, func.max(LedgerEntry.at)).group_by(LedgerEntry.lot_id)
    return {lot_id: at for lot_id, at in session.execute(query)}
