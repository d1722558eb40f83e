"""Live refresh: a cheap "has anything changed since?" signal for screens shared by several computers.

Every create and update of a clinical record appends to the audit chain in the same transaction, so
the chain's last id is a change counter that grows with each commit on either backend. A screen polls
:meth:`ChangeWatcher.poll` about once a second (one indexed ``max(id)`` query) and reloads when it
returns True: vitals a monitor records on one laptop show on the facilitator's within the poll interval.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import AuditEvent
from facilitator.services.store import Store

POLL_SECONDS = 1.0  # what the UI should use: changes from another computer show within about a second


def change_mark(session: Session) -> int:
    """The current change counter (0 for an empty audit trail)."""
    return int(session.scalar(select(func.max(AuditEvent.id))) or 0)


class ChangeWatcher:
    """Tells whether the database changed since the last look; one per screen that refreshes live.

    Attributes:
        mark: the change counter at the last poll.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self.mark = store.run(change_mark)

    def poll(self) -> bool:
        """True once for each batch of changes committed (here or elsewhere) since the previous poll."""
        latest = self._store.run(change_mark)
        if latest == self.mark:
            return False
        self.mark = latest
        return True
