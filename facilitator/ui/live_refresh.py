"""Live refresh: notice, about once a second, that the database changed, and tell the open screens.

Several laptops share one clinic database: a monitor records vitals while the facilitator runs the
timer. Each window polls the change counter (:func:`facilitator.services.changes.change_mark`, one
indexed query) on the thread pool, one poll at a time, and emits :attr:`AppContext.databaseChanged`
when it moved. Screens reload in place, keeping what the user is typing, the selection and the scroll.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.services.changes import POLL_SECONDS, change_mark
from facilitator.services.store import Store
from facilitator.ui.workers import Task

log = logging.getLogger(__name__)

POLL_MS = int(POLL_SECONDS * 1000)


class LiveRefresh(QObject):
    """Polls one store's change counter while started.

    Attributes:
        mark: the counter at the last poll that answered (None before the first).

    Signals:
        changed(): the database changed since the previous poll (here or on another computer).
    """

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store = store
        self.mark: int | None = None
        self.reachable = True  # False while the database does not answer (said once in the log, not each second)
        # One task, started again for each poll: a new QObject a second would pile up for as long as the app runs.
        self._task = Task(self._read, parent=self)
        self._task.succeeded.connect(self._arrived)
        self._task.failed.connect(lambda _sentence: self._finish())
        self.polling = False  # a poll is in flight
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        """Read the counter on the thread pool; a poll still running (a slow server) is not doubled."""
        if self.polling:
            return
        self.polling = True
        self._task.start()

    def _read(self, progress: Any = None) -> int | None:  # pool thread
        try:
            return self.store.run(change_mark)
        except Exception:  # a lost server connection: None, and the next poll tries again
            return None

    def _arrived(self, mark: int | None) -> None:
        self._finish()
        if mark is None:
            if self.reachable:
                # The screens keep what they show and say so themselves when they next call a service.
                log.warning("live refresh: the database did not answer; trying again every second")
            self.reachable = False
            return
        if not self.reachable:
            log.info("live refresh: the database answers again")
            self.reachable = True
        first = self.mark is None
        if mark != self.mark:
            self.mark = mark
            if not first:
                self.changed.emit()

    def _finish(self) -> None:
        self.polling = False
