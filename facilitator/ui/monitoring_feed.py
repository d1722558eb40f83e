"""The monitoring board of one session as the runner and the monitoring screen hold it: loads, reloads, vitals.

A periodic reload (``get_board`` is a few tens of milliseconds) runs on the thread pool; after an
action the board is read at once on the UI thread so the card changes under the person's hands.
Between reloads the widgets repaint countdowns from the cards alone.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from facilitator.errors import UserError
from facilitator.logs import scrubbed_traceback
from facilitator.services.monitoring import MonitoringBoard, MonitoringCard, get_board, record_vitals
from facilitator.ui.context import AppContext
from facilitator.ui.vitals_words import entry_error
from facilitator.ui.workers import Task

log = logging.getLogger(__name__)

OVERRIDERS = ("clinician", "admin")


class MonitoringFeed(QObject):
    """One session's board.

    Signals:
        boardChanged(object): the new :class:`MonitoringBoard` (or None when no session is followed).
        recorded(): something was recorded here (the owner may reload its own data).
    """

    boardChanged = Signal(object)
    recorded = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id: int | None = None
        self.board: MonitoringBoard | None = None
        self.task: Task | None = None
        self.dialog: QDialog | None = None  # the last dialog opened (tests drive it)

    @property
    def can_override(self) -> bool:
        actor = self.ctx.store.actor
        return actor is not None and actor.role in OVERRIDERS

    def card(self, participant_id: int) -> MonitoringCard | None:
        return self.board.card(participant_id) if self.board is not None else None

    def follow(self, session_id: int | None) -> None:
        """Follow ``session_id`` (None: nothing) and read its board now."""
        if session_id != self.session_id:
            self.session_id = session_id
            self.board = None
            self.task = None
        self.reload_now()

    def reload_now(self) -> None:
        if self.session_id is None:
            self._set(None)
            return
        try:
            board = self.ctx.store.run(get_board, self.session_id, self.ctx.clock)
        except UserError:
            board = None
        except Exception as exc:  # the board waits for the next reload; the cards keep their last state
            log.error("monitoring board not read\n%s", scrubbed_traceback(exc))
            return
        self._set(board)

    def reload_async(self) -> None:
        """Read the board on the thread pool (the periodic reload); one read at a time."""
        if self.session_id is None or self.task is not None:
            return
        session_id = self.session_id
        self.task = Task(self._read, session_id, parent=self)
        self.task.succeeded.connect(lambda board: self._arrived(session_id, board))
        self.task.failed.connect(lambda _sentence: self._arrived(session_id, None))
        self.task.start()

    def _read(self, session_id: int, progress: Any = None) -> MonitoringBoard:  # pool thread
        return self.ctx.store.run(get_board, session_id, self.ctx.clock)

    def _arrived(self, session_id: int, board: MonitoringBoard | None) -> None:
        self.task = None
        if board is not None and session_id == self.session_id:
            self._set(board)

    def _set(self, board: MonitoringBoard | None) -> None:
        self.board = board
        self.boardChanged.emit(board)

    def record_vitals(self, participant_id: int, line: str) -> str:
        """Record a typed reading; returns "" when saved, else the one sentence saying why not."""
        if self.session_id is None:
            return self.tr("No session is open.")
        try:
            self.ctx.store.run(record_vitals, self.session_id, participant_id, self.ctx.clock, line=line)
        except UserError as exc:
            return entry_error(str(exc))
        except Exception as exc:
            log.error("vitals not recorded\n%s", scrubbed_traceback(exc))
            return self.tr("The database did not answer; nothing was saved. Try again.")
        self.changed()
        return ""

    def changed(self) -> None:
        """Something was recorded: read the board again now and tell the app."""
        self.reload_now()
        self.recorded.emit()
        self.ctx.dataChanged.emit()
