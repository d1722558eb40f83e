"""Concurrent edits: a save that finds a newer version raises :class:`EditConflict`, never overwrites.

Every editable record carries a version (``VersionedMixin``). A service that saves an edit is given
the version the user started from; when another computer saved in between, the save is refused
with both versions, so the UI can show them side by side and let the user choose.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import Account, AuditEvent
from facilitator.errors import UserError

GENERIC = "This record was changed on another computer while you were editing it; reload it and try again."


class EditConflict(UserError):
    """Someone else saved the record first.

    Attributes:
        entity_type: the table of the record ("participant", "note", …).
        entity_id: its id.
        mine: the values this user tried to save (only the edited fields).
        theirs: the values now stored, for the same fields.
        their_version: the stored version; pass it back to overwrite knowingly.
    """

    def __init__(self, entity_type: str = "", entity_id: int | None = None, *, mine: Mapping[str, Any] | None = None,
                 theirs: Mapping[str, Any] | None = None, their_version: int | None = None,
                 message: str = GENERIC) -> None:
        super().__init__(message)
        self.entity_type = entity_type
        self.entity_id = entity_id
        self.mine = dict(mine or {})
        self.theirs = dict(theirs or {})
        self.their_version = their_version


def check_version(row: Any, expected_version: int, changes: Mapping[str, Any], what: str) -> None:
    """Refuse an edit begun on an older version of ``row``.

    Raises:
        EditConflict: with both versions of the edited fields.
    """
    if row.version != expected_version:
        raise EditConflict(
            row.__tablename__, row.id, mine=changes, theirs={key: getattr(row, key) for key in changes},
            their_version=row.version,
            message=f"This {what} was changed on another computer while you were editing it; "
                    "compare both versions before saving.")


@contextmanager
def stale_as_conflict(entity_type: str = "", entity_id: int | None = None) -> Iterator[None]:
    """Turn SQLAlchemy's StaleDataError (a concurrent save won the race) into an EditConflict."""
    try:
        yield
    except StaleDataError:
        raise EditConflict(entity_type, entity_id) from None


@dataclass(frozen=True)
class LastChange:
    """Who saved a record last and when, as the conflict dialog names "their" version."""

    who: str  # the account's display name ("" when the audit trail does not say)
    at: datetime | None


def last_change(session: Session, entity_type: str, entity_id: int) -> LastChange:
    """The last create or update of one record, read from the audit trail (no audit row of its own)."""
    row = session.execute(
        select(AuditEvent.username, AuditEvent.at, Account.display_name)
        .outerjoin(Account, Account.id == AuditEvent.account_id)
        .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(entity_id),
               AuditEvent.action.in_(("create", "update")))
        .order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    if row is None:
        return LastChange("", None)
    return LastChange(row.display_name or row.username or "", row.at)
