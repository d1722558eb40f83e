"""Reading the audit trail: filtered pages for the Audit screen, CSV export, chain verification."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from facilitator.db import audit_chain
from facilitator.db.audit_chain import ChainReport
from facilitator.db.models import AuditEvent
from facilitator.errors import UserError
from facilitator.services import actor as actors


@dataclass(frozen=True)
class AuditFilter:
    """What the Audit screen narrows to; every field optional."""

    username: str = ""
    action: str = ""
    entity_type: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    username: str
    action: str
    entity_type: str
    entity_id: str
    detail: str


def _require_admin(session: Session) -> None:
    who = actors.actor_of(session)
    if who is None or not who.is_admin:
        raise UserError("Only an administrator can read the audit trail.")


def _filtered(query: Select[Any], f: AuditFilter) -> Select[Any]:
    if f.username:
        query = query.where(AuditEvent.username == f.username.strip().lower())
    if f.action:
        query = query.where(AuditEvent.action == f.action)
    if f.entity_type:
        query = query.where(AuditEvent.entity_type == f.entity_type)
    if f.since is not None:
        query = query.where(AuditEvent.at >= f.since)
    if f.until is not None:
        query = query.where(AuditEvent.at < f.until)
    return query


def list_events(session: Session, f: AuditFilter, *, offset: int = 0, limit: int = 200) -> list[AuditRow]:
    """Newest first, a page at a time."""
    _require_admin(session)
    query = _filtered(select(AuditEvent), f).order_by(AuditEvent.id.desc()).offset(offset).limit(limit)
    return [AuditRow(e.id, e.at, e.username, e.action, e.entity_type, e.entity_id, e.detail)
            for e in session.scalars(query)]


def count_events(session: Session, f: AuditFilter) -> int:
    _require_admin(session)
    inner = _filtered(select(AuditEvent), f).subquery()
    return int(session.scalar(select(func.count()).select_from(inner)) or 0)


def known_actions(session: Session) -> list[str]:
    _require_admin(session)
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def export_csv(session: Session, f: AuditFilter) -> str:
    """The filtered trail as CSV text (UTF-8, header row); the export itself is audited."""
    _require_admin(session)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "time_utc", "user", "action", "entity", "entity_id", "detail", "hash"])
    query = _filtered(select(AuditEvent), f).order_by(AuditEvent.id)
    for e in session.scalars(query):
        writer.writerow([e.id, e.at.isoformat(timespec="seconds"), e.username, e.action, e.entity_type,
                         e.entity_id, e.detail, e.hash])
    actors.record(session, "export", entity_type="audit_event", detail="audit trail CSV")
    return out.getvalue()


def verify_chain(session: Session) -> ChainReport:
    return audit_chain.verify(session)
