"""The stock log is append-only: once written, a ledger entry or a signed reconciliation never changes.

The services offer no way to edit or delete these rows; these mapper hooks make sure nothing else in
the app does it by accident through the ORM either. A mistake is fixed by a correction entry.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from facilitator.db.models import LedgerEntry, Reconciliation
from facilitator.errors import UserError


class AppendOnlyError(UserError):
    """An attempt to change or remove a stock record."""


def _refuse_change(_mapper: Any, _connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"Stock records are never changed ({target.__tablename__} #{target.id}); "
                          "record a correction that references the entry instead.")


def _refuse_delete(_mapper: Any, _connection: Any, target: Any) -> None:
    raise AppendOnlyError(f"Stock records are never deleted ({target.__tablename__} #{target.id}); "
                          "record a correction that references the entry instead.")


def install() -> None:
    """Idempotent: called when the inventory services are imported."""
    for model in (LedgerEntry, Reconciliation):
        if not event.contains(model, "before_update", _refuse_change):
            event.listen(model, "before_update", _refuse_change)
            event.listen(model, "before_delete", _refuse_delete)
