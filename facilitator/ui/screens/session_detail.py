"""A past session's record: its timeline, planned vs actual per phase, quick notes and shares (read-only).

Opened with ``ctx.open_session(session_id, "session-detail")`` from Today's recently finished
sessions, from the runner after finishing, and later from the history screen. Opening it is noted
in the audit trail (the session's id only).
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from facilitator.errors import UserError
from facilitator.logs import scrubbed_traceback
from facilitator.services.documents import get_circle_records
from facilitator.services.runner import get_snapshot
from facilitator.services.setup_choices import record_session_view
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.widgets.session_record import SessionRecordView

log = logging.getLogger(__name__)


class SessionDetailScreen(Page):
    """Shows :attr:`AppContext.session_id`'s record each time it comes to the front."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Session record", parent=parent)
        self.ctx = ctx
        self.record: SessionRecordView | None = None
        self.shown_id: int | None = None
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        self.empty = EmptyState("history", "No session chosen",
                                "Open a finished session from Today to see its timings and notes.",
                                action="Go to Today")
        assert self.empty.action is not None
        self.empty.action.clicked.connect(lambda: self.ctx.navigate("today"))
        back = QPushButton("Back to Today")
        back.setProperty("kind", "link")
        back.clicked.connect(lambda: self.ctx.navigate("today"))
        self.summary_button = QPushButton("Print summary")
        self.handouts_button = QPushButton("Handouts")
        self.summary_button.clicked.connect(lambda: self._document("summary"))
        self.handouts_button.clicked.connect(lambda: self._document("handouts"))
        self.summary_button.hide()
        self.handouts_button.hide()
        corner = QHBoxLayout()
        corner.setSpacing(8)
        corner.addWidget(back)
        corner.addWidget(self.handouts_button)
        corner.addWidget(self.summary_button)
        self.header_right.addLayout(corner)
        self.body.addWidget(self.problem)
        self.body.addWidget(self.empty)

    def activated(self) -> None:
        session_id = self.ctx.session_id
        if session_id is None:
            self._clear()
            self.empty.show()
            return
        try:
            snapshot = self.ctx.store.run(get_snapshot, session_id, self.ctx.clock)
            circles = self.ctx.store.run(get_circle_records, session_id)
            if session_id != self.shown_id:
                self.ctx.store.run(record_session_view, session_id)
        except UserError as exc:
            self._clear()
            self.problem.setText(str(exc))
            self.problem.show()
            return
        except Exception as exc:
            log.error("session record could not be loaded\n%s", scrubbed_traceback(exc))
            self.problem.setText("The session's record could not be loaded from the database; try again.")
            self.problem.show()
            return
        self.problem.hide()
        self.empty.hide()
        self._clear()
        self.shown_id = session_id
        self.title_label.setText(snapshot.group_name)
        details = [snapshot.title, snapshot.protocol_name, snapshot.location]
        self.subtitle_label.setText("  ·  ".join(d for d in details if d))
        self.subtitle_label.show()
        self.record = SessionRecordView(snapshot, circles)
        self.body.addWidget(self.record)
        for button in (self.summary_button, self.handouts_button):
            button.show()

    def _document(self, kind: str) -> None:
        if self.shown_id is not None:
            self.ctx.request_document(kind, self.shown_id)

    def _clear(self) -> None:
        if self.record is not None:
            self.record.hide()
            self.record.deleteLater()
            self.record = None
        self.title_label.setText("Session record")
        self.subtitle_label.hide()
        self.shown_id = None
        for button in (self.summary_button, self.handouts_button):
            button.hide()


def create(ctx: AppContext) -> QWidget:
    return SessionDetailScreen(ctx)
