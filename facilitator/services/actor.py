"""Who is acting: every record is stamped with its author and every change leaves an audit row.

The store's unit-of-work sessions carry the signed-in :class:`Actor` in ``session.info``. Two
session hooks then do, once for the whole app, what every service would otherwise have to remember:
new authored records get ``created_by_id``, and each created or changed clinical record is appended
to the audit chain (ids and field names only, never the values, which may be PHI).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from facilitator.db import audit_chain
from facilitator.db.base import AuthoredMixin
from facilitator.db.models import AuditEvent, ClinicSetting

ACTOR_KEY = "facilitator.actor"
CLOCK_KEY = "facilitator.clock"
_PENDING_KEY = "facilitator.audit_pending"
# Rows the chain itself writes, and settings that change as a side effect of running the app.
_NOT_AUDITED: tuple[type, ...] = (AuditEvent, ClinicSetting)
# Bookkeeping columns: sign-in events are audited as such, so their counters are not "updates".
_BOOKKEEPING = frozenset({"version", "updated_at", "last_login_at", "failed_logins", "locked_until"})


@dataclass(frozen=True)
class Actor:
    """The signed-in person (or the system, for automatic work)."""

    id: int | None
    username: str
    display_name: str
    credentials: str = ""
    role: str = "clinician"

    @property
    def signature(self) -> str:
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


SYSTEM = Actor(id=None, username="system", display_name="Facilitator", role="system")


def actor_of(session: Session) -> Actor | None:
    value = session.info.get(ACTOR_KEY)
    return value if isinstance(value, Actor) else None


def record(session: Session, action: str, *, entity_type: str = "", entity_id: str | int = "",
           detail: str = "", actor: Actor | None = None) -> int:
    """Append an audit event for ``action`` by the session's actor (or ``actor``). Returns its id."""
    who = actor or actor_of(session) or SYSTEM
    return audit_chain.append(session.connection(), action=action, account_id=who.id, username=who.username,
                              entity_type=entity_type, entity_id=entity_id, detail=detail, at=_now(session))


def _now(session: Session) -> datetime | None:
    clock = session.info.get(CLOCK_KEY)
    return clock.now() if clock is not None else None


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    who = actor_of(session)
    pending: list[tuple[Any, str, str]] = session.info.setdefault(_PENDING_KEY, [])
    for obj in session.new:
        if isinstance(obj, _NOT_AUDITED):
            continue
        if isinstance(obj, AuthoredMixin) and who is not None and who.id is not None and obj.created_by_id is None:
            obj.created_by_id = who.id
        pending.append((obj, "create", ""))
    for obj in session.dirty:
        if isinstance(obj, _NOT_AUDITED) or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        changed = sorted(
            a.key for a in state.attrs if a.history.has_changes() and a.key not in _BOOKKEEPING
        )
        if changed:
            pending.append((obj, "update", "fields: " + ", ".join(changed)))
    for obj in session.deleted:
        if not isinstance(obj, _NOT_AUDITED):
            pending.append((obj, "delete", ""))


def _after_flush(session: Session, _context: Any) -> None:
    pending: list[tuple[Any, str, str]] = session.info.pop(_PENDING_KEY, [])
    if not pending:
        return
    who = actor_of(session) or SYSTEM
    connection = session.connection()
    for obj, action, detail in pending:
        state = inspect(obj)
        # A row just inserted has no identity key until the flush completes; its primary key is set already.
        key = state.identity or state.mapper.primary_key_from_instance(obj)
        entity_id = key[0] if key and key[0] is not None else ""
        audit_chain.append(connection, action=action, account_id=who.id, username=who.username,
                           entity_type=obj.__tablename__, entity_id=entity_id, detail=detail, at=_now(session))


def install_hooks(factory: sessionmaker[Session]) -> None:
    """Stamp authors and audit changes for every session this factory makes."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
