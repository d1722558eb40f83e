"""One group on the Groups screen: its members over time, its sessions and its details, editable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.errors import ConflictError, FieldError, UserError
from facilitator.services.groups import (
    GroupDetails,
    GroupFields,
    add_member,
    create_group,
    end_membership,
    facilitator_choices,
    get_group,
    meeting_text,
    protocol_choices,
    update_group,
)
from facilitator.services.progress import group_progress
from facilitator.services.roster import roster_rows
from facilitator.services.sessions import SessionRow
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.icons import IconLabel
from facilitator.ui.widgets.group_form import GroupForm
from facilitator.ui.widgets.group_members import MembersPanel
from facilitator.ui.widgets.group_trends import GroupTrends
from facilitator.ui.widgets.page import card, divider, label

KIND_WORDS = {"closed": "Closed cohort", "open": "Open group"}
STATUS_WORDS = {"planning": "Planning", "active": "Active", "completed": "Completed", "archived": "Archived"}
SESSION_WORDS = {"planned": "Planned", "running": "Running now", "finished": "Finished", "cancelled": "Cancelled"}
PAST_SHOWN = 8


def _section(icon: str, title: str) -> tuple[QFrame, QVBoxLayout]:
    frame = card()
    column = QVBoxLayout(frame)
    column.setContentsMargins(28, 22, 28, 24)
    column.setSpacing(14)
    head = QHBoxLayout()
    head.setSpacing(10)
    head.addWidget(IconLabel(icon, size=22, role="accent"))
    head.addWidget(label(title, "section"))
    head.addStretch(1)
    column.addLayout(head)
    return frame, column


class GroupDetail(QWidget):
    """One group, editable (UI thread).

    Signals:
        saved(int): the group's id after a save or a membership change.
    """

    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.details: GroupDetails | None = None
        self.title = label("", "cardTitle")
        self.subtitle = label("", "muted", wrap=True)
        self.warning = label("", "warning", wrap=True)
        self.warning.hide()
        self.problem = label("", "error", wrap=True)
        self.problem.hide()

        details, details_column = _section("groups", "Details")
        self.form = GroupForm()
        self.saved_label = label("", "small")
        self.form.changed.connect(lambda: self.saved_label.setText("Unsaved changes"))
        self.save_button = QPushButton("Save group")
        self.save_button.setProperty("kind", "primary")
        self.save_button.clicked.connect(self.save)
        actions = QHBoxLayout()
        actions.addWidget(self.saved_label, 1)
        actions.addWidget(self.save_button)
        details_column.addWidget(self.form)
        details_column.addLayout(actions)

        self.members_card, members_column = _section("people", "Members")
        self.members = MembersPanel()
        self.members.addRequested.connect(self._enrol)
        self.members.endRequested.connect(self._leave)
        self.members.openParticipant.connect(lambda pid: ctx.open("participants", participant_id=pid))
        members_column.addWidget(self.members)

        self.sessions_card, self.sessions_column = _section("calendar", "Sessions")
        self.trends_card, trends_column = _section("history", "Members' progress")
        self.trends = GroupTrends()
        trends_column.addWidget(self.trends)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        layout.addLayout(heading)
        layout.addWidget(self.warning)
        layout.addWidget(self.problem)
        # Who is in it and when it meets next are looked at every week; the details change rarely.
        layout.addWidget(self.members_card)
        layout.addWidget(self.sessions_card)
        layout.addWidget(self.trends_card)
        layout.addWidget(details)
        layout.addStretch(1)

    @property
    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    def _choices(self) -> None:
        self.form.set_choices(self.ctx.store.run(protocol_choices), self.ctx.store.run(facilitator_choices))

    def show_group(self, group_id: int) -> bool:
        try:
            self._choices()
            details = self.ctx.store.run(get_group, group_id, self.today)
        except UserError as exc:
            self._say(str(exc))
            return False
        self._show(details)
        return True

    def start_new(self) -> None:
        self._choices()
        self.details = None
        self.title.setText("New group")
        self.subtitle.setText("A closed cohort of up to 8 by default; an open group takes drop-ins.")
        self.warning.hide()
        self._say("")
        self.form.set_fields(GroupFields(name=""))
        self.members_card.hide()
        self.sessions_card.hide()
        self.trends_card.hide()
        self.saved_label.setText("")
        self.form.name.setFocus()

    def _show(self, details: GroupDetails) -> None:
        self.details = details
        f = details.fields
        current = len({m.participant_id for m in details.members if m.current})
        self.title.setText(f.name)
        parts = [KIND_WORDS.get(f.kind, f.kind), f"{current} of {f.capacity} members",
                 meeting_text(f.meeting_weekday, f.meeting_time), f.location, STATUS_WORDS.get(f.status, f.status)]
        self.subtitle.setText("  \u00b7  ".join(p for p in parts if p))
        self.warning.setText(details.capacity_warning)
        self.warning.setVisible(bool(details.capacity_warning))
        self._say("")
        self.form.set_fields(f)
        self.members_card.show()
        self.sessions_card.show()
        self.trends.set_progress(self.ctx.store.run(group_progress, details.id))
        self.trends_card.show()
        current_ids = {m.participant_id for m in details.members if m.current}
        candidates = [r for r in self.ctx.store.run(roster_rows, self.today)
                      if r.status != "archived" and r.id not in current_ids]
        self.members.set_members(details.members, candidates, self.today)
        self._sessions(details.sessions)
        self.saved_label.setText("")

    def _sessions(self, sessions: Sequence[SessionRow]) -> None:
        column = self.sessions_column
        while column.count() > 1:  # keep the heading
            item = column.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        now = self.ctx.clock.now()
        ahead = sorted((s for s in sessions if s.status in ("planned", "running")), key=lambda s: s.scheduled_start)
        past = [s for s in sessions if s.status not in ("planned", "running")][:PAST_SHOWN]
        if not sessions:
            column.addWidget(label("No sessions yet. Plan one from Session setup.", "muted"))
        for i, row in enumerate([*ahead, *past]):
            if i:
                column.addWidget(divider())
            column.addWidget(self._session_row(row, now))
        older = len(sessions) - len(ahead) - len(past)
        if older > 0:
            column.addWidget(label(f"{older} earlier sessions are in History.", "small"))

    def _session_row(self, row: SessionRow, now: datetime) -> QWidget:
        widget = QWidget()
        line = QHBoxLayout(widget)
        line.setContentsMargins(0, 6, 0, 6)
        line.setSpacing(16)
        when = label(f"{fmt.day_label(row.scheduled_start, now)}  {fmt.time_of_day(row.scheduled_start)}", "day")
        when.setFixedWidth(150)
        line.addWidget(when)
        line.addWidget(label(row.protocol_name, wrap=True), 1)
        people = {"finished": f"{row.present} of {row.expected} attended",
                  "running": f"{row.present} of {row.expected} here"}.get(row.status, f"{row.expected} expected")
        line.addWidget(label(people, "muted"), 0, Qt.AlignmentFlag.AlignVCenter)
        line.addWidget(label(SESSION_WORDS.get(row.status, row.status), "tag"), 0, Qt.AlignmentFlag.AlignVCenter)
        if row.status in ("planned", "running"):
            check_in = QPushButton("Check in")
            check_in.setProperty("kind", "link")
            check_in.clicked.connect(lambda: self.ctx.open("check-in", session_id=row.id))
            line.addWidget(check_in)
        return widget

    def save(self) -> bool:
        self.form.clear_messages()
        self._say("")
        data = self.form.read()
        try:
            if self.details is None:
                details = self.ctx.store.run(create_group, data, today=self.today)
            else:
                details = self.ctx.store.run(update_group, self.details.id, data, version=self.details.version,
                                             today=self.today)
        except FieldError as exc:
            if not self.form.show_problem(exc.field, str(exc)):
                self._say(str(exc))
            return False
        except (ConflictError, UserError) as exc:
            self._say(str(exc))
            return False
        self._show(details)
        self.saved_label.setText(f"Saved at {fmt.time_of_day(self.ctx.clock.now())}.")
        self.saved.emit(details.id)
        return True

    def _enrol(self, participant_id: int, joined_on: date) -> None:
        if self.details is None:
            return
        try:
            result = self.ctx.store.run(add_member, self.details.id, participant_id, joined_on=joined_on,
                                        today=self.today)
        except UserError as exc:
            self.members.show_problem(str(exc))
            return
        self._show(result.group)
        self.saved.emit(result.group.id)  # the list reloads (and may show the group again): warn after that
        if result.warning:
            self.members.show_problem(result.warning, "fieldWarning")

    def _leave(self, membership_id: int, left_on: date, reason: str) -> None:
        try:
            details = self.ctx.store.run(end_membership, membership_id, left_on=left_on, reason=reason,
                                         today=self.today)
        except UserError as exc:
            self.members.show_problem(str(exc))
            return
        self._show(details)
        self.saved.emit(details.id)

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
