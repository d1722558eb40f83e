"""Live refresh: a cheap "has anything changed since?" signal for screens shared by several computers.

Every create and update of a clinical record appends to the audit chain in the same transaction, so
the chain's last id is a change counter that grows with each commit on either backend. A screen polls
:meth:`ChangeWatcher.poll` about once a second and reloads when it returns True: vitals a monitor
records on one laptop show on the facilitator's within the poll interval.

Events that only say someone *read* something (a note viewed, a search, a sign-in) are not changes:
were they counted, a screen's reload (which audits its reading) would make every other screen reload,
and theirs this one, once a second for ever. The query walks the primary key backwards from the end
and stops at the first real change, so it stays one index probe (well under a millisecond).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import AuditEvent
from facilitator.services.store import Store

POLL_SECONDS = 1.0  # what the UI should use: changes from another computer show within about a second

# Audit actions that record a reading or a sign-in, never a change to the records.
READS = ("view", "search", "report", "export", "login", "login_failed", "logout", "lock", "switch_user")


def change_mark(session: Session) -> int:
    """The current change counter (0 for an empty audit trail)."""
    query = (select(AuditEvent.id).where(AuditEvent.action.not_in(READS))
             .order_by(AuditEvent.id.desc()).limit(1))
    return int(session.scalar(query) or 0)


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
