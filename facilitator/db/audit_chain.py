"""The audit trail's hash chain: each row seals the previous row's hash, so edits and gaps show.

Rows are appended with Core inside the caller's transaction. The next id and the previous hash are
read under a lock: on SQLite the transaction has already written (or the insert fails rather than
forking the chain), and on PostgreSQL an advisory lock serialises writers, so two laptops recording
at once never chain onto the same predecessor.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from facilitator.db.base import utcnow
from facilitator.db.models import AuditEvent

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 0x46414349  # any constant; names the audit chain's advisory lock
# Built once: a statement built per call costs more than the database work (bulk imports append thousands).
_LAST = select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
_INSERT = insert(AuditEvent)


def compute_hash(row_id: int, at: datetime, account_id: int | None, username: str, action: str,
                 entity_type: str, entity_id: str, detail: str, prev_hash: str) -> str:
    """SHA-256 over a row's content (its id included, so a deleted row breaks its successor's link)."""
    payload = json.dumps(
        [row_id, at.replace(tzinfo=None).isoformat(timespec="microseconds"), account_id, username, action,
         entity_type, entity_id, detail, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(connection: Connection, *, action: str, account_id: int | None = None, username: str = "",
           entity_type: str = "", entity_id: str | int = "", detail: str = "",
           at: datetime | None = None) -> int:
    """Append one event at the end of the chain, in the connection's transaction. Returns its id."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_AUDIT_LOCK})
    last = connection.execute(_LAST).first()
    row_id = (last.id + 1) if last else 1
    prev = last.hash if last else GENESIS
    moment = at or utcnow()
    values = {
        "id": row_id, "at": moment, "account_id": account_id, "username": username, "action": action,
        "entity_type": entity_type, "entity_id": str(entity_id), "detail": detail, "prev_hash": prev,
    }
    values["hash"] = compute_hash(row_id, moment, account_id, username, action, entity_type, str(entity_id),
                                  detail, prev)
    connection.execute(_INSERT, values)
    return row_id


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the whole chain."""

    rows: int
    first_broken_id: int | None
    reason: str

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None

    def describe(self) -> str:
        if self.ok:
            return f"ok: the audit trail's {self.rows} rows are intact"
        return f"The audit trail is broken at row {self.first_broken_id}: {self.reason}."


def verify(session: Session, batch: int = 5000) -> ChainReport:
    """Walk the chain in id order and name the first row whose link or content does not hold."""
    prev = GENESIS
    count = 0
    last_id = 0
    columns = (AuditEvent.id, AuditEvent.at, AuditEvent.account_id, AuditEvent.username, AuditEvent.action,
               AuditEvent.entity_type, AuditEvent.entity_id, AuditEvent.detail, AuditEvent.prev_hash,
               AuditEvent.hash)
    while True:
        rows = session.execute(
            select(*columns).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return ChainReport(count, None, "")
        for row in rows:
            count += 1
            if row.prev_hash != prev:
                return ChainReport(count, row.id, "its link to the previous row does not match (a row before "
                                   "it was deleted or changed)")
            expected = compute_hash(row.id, row.at, row.account_id, row.username, row.action, row.entity_type,
                                    row.entity_id, row.detail, row.prev_hash)
            if row.hash != expected:
                return ChainReport(count, row.id, "its content was changed after it was written")
            prev = row.hash
            last_id = row.id
