"""Session setup: plan a session (or edit a planned one), its own phases, who is expected; then start it.

The protocol's phases are copied into the plan and edited here for this session only. Saving puts
the session on Today; "Start session" saves, starts its first phase and opens the runner.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import UserError
from facilitator.logs import scrubbed_traceback
from facilitator.services import runner
from facilitator.services.protocols import get_protocol_spec
from facilitator.services.session_setup import SessionPlan, get_session_plan, plan_session, update_planned_session
from facilitator.services.setup_choices import (
    ExpectedPerson,
    SetupChoices,
    expected_at,
    group_members_on,
    planned_sessions,
    setup_choices,
)
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.page import Page, card, label
from facilitator.ui.widgets.phase_list import PhaseListEditor

log = logging.getLogger(__name__)
AD_HOC = -1


def _titled_card(title: str, sentence: str = "") -> tuple[QWidget, QVBoxLayout]:
    frame = card()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, 22, 28, 24)
    layout.setSpacing(14)
    layout.addWidget(label(title, "section"))
    if sentence:
        layout.addWidget(label(sentence, "small", wrap=True))
    return frame, layout


class SessionSetupScreen(Page):
    """The planning form (UI thread; every read and write goes through services)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Session setup", "Plan a session, adjust its phases for this group, then start it.",
                         parent, max_width=1180)
        self.ctx = ctx
        self.choices: SetupChoices | None = None
        self.plan: SessionPlan | None = None
        self._loading = False
        self._build_plan_picker()
        self.top_row = QHBoxLayout()
        self.top_row.setSpacing(20)
        self.body.addLayout(self.top_row)
        self._build_details()
        self._build_people()
        self._build_phases()
        self._build_actions()

    # -- building --------------------------------------------------------------------------------

    def _build_plan_picker(self) -> None:
        self.plan_choice = QComboBox()
        self.plan_choice.setAccessibleName("Session to plan")
        self.plan_choice.setMinimumWidth(360)
        self.plan_choice.activated.connect(self._plan_chosen)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(label("Planning", "section"))
        row.addWidget(self.plan_choice)
        row.addStretch(1)
        self.body.addLayout(row)

    def _build_details(self) -> None:
        frame, layout = _titled_card("The session")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        grid.setColumnMinimumWidth(0, 150)
        grid.setColumnStretch(1, 1)
        self.group = QComboBox()
        self.group.setAccessibleName("Group")
        self.group.activated.connect(self._group_chosen)
        self.title_field = QLineEdit()
        self.title_field.setAccessibleName("Session title")
        self.title_field.setPlaceholderText("e.g. Dosing 2 of 3 (needed for an ad-hoc session)")
        self.title_error = label("", "fieldError")
        self.title_error.hide()
        self.protocol = QComboBox()
        self.protocol.setAccessibleName("Protocol")
        self.protocol.activated.connect(self._protocol_chosen)
        self.protocol_note = label("", "small", wrap=True)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Date")
        self.date.dateChanged.connect(self._date_changed)
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Start time")
        self.time.setButtonSymbols(QTimeEdit.ButtonSymbols.NoButtons)  # typed, or the arrow keys
        self.time.setMinimumWidth(96)
        self.date.setMinimumWidth(190)
        when = QHBoxLayout()
        when.setSpacing(10)
        when.addWidget(self.date)
        when.addWidget(self.time)
        when.addStretch(1)
        self.location = QLineEdit()
        self.location.setAccessibleName("Location")
        self.location.setPlaceholderText("Room")
        self.setting = QPlainTextEdit()
        self.setting.setAccessibleName("Setting notes")
        self.setting.setPlaceholderText("Music, lighting, room set-up, anything the team should know")
        self.setting.setFixedHeight(64)
        self.staff = QListWidget()
        self.staff.setAccessibleName("Facilitators")
        self.staff.setFixedHeight(104)
        rows: list[tuple[str, Any]] = [
            ("Group", self.group), ("Title", self._stack(self.title_field, self.title_error)),
            ("Protocol", self._stack(self.protocol, self.protocol_note)), ("Date and time", when),
            ("Location", self.location), ("Setting", self.setting), ("Facilitators", self.staff),
        ]
        for i, (name, control) in enumerate(rows):
            grid.addWidget(label(name, "muted"), i, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(control, QWidget):
                grid.addWidget(control, i, 1)
            else:
                grid.addLayout(control, i, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.top_row.addWidget(frame, 3)

    @staticmethod
    def _stack(*widgets: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        for widget in widgets:
            column.addWidget(widget)
        return column

    def _build_phases(self) -> None:
        frame, layout = _titled_card(
            "Phases for this session",
            "Copied from the protocol. Changes here apply to this session only; the protocol stays as it is.")
        self.phases = PhaseListEditor()
        layout.addWidget(self.phases)
        self.body.addWidget(frame)

    def _build_people(self) -> None:
        frame, layout = _titled_card("Expected")
        self.people_summary = label("", "muted", wrap=True)
        self.people = QListWidget()
        self.people.setAccessibleName("Expected participants")
        self.people.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.people.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.people.setMinimumHeight(150)
        # Check-in (arrived, late, absent) and each person's intention come with the roster work,
        # which fills this area; until then every member of the group is expected.
        self.checkin_area = QWidget()
        self.checkin_area.setObjectName("checkinArea")
        checkin = QVBoxLayout(self.checkin_area)
        checkin.setContentsMargins(0, 0, 0, 0)
        checkin.addWidget(label("Check-in and intentions are recorded with the roster; until then everyone in the "
                                "group is expected.", "small", wrap=True))
        layout.addWidget(self.people_summary)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.checkin_area)
        self.top_row.addWidget(frame, 2)

    def _build_actions(self) -> None:
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        self.status = label("", "muted")
        self.save_button = QPushButton("Save plan")
        self.save_button.clicked.connect(self.save)
        self.start_button = QPushButton("Start session")
        self.start_button.setProperty("kind", "primary")
        self.start_button.clicked.connect(self.start)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.start_button)
        self.body.addWidget(self.problem)
        self.body.addLayout(row)
        self.phases.changed.connect(self._edited)
        self.title_field.textEdited.connect(self._edited)

    # -- loading ---------------------------------------------------------------------------------

    def activated(self) -> None:
        """Shown: load the focused planned session, or a new plan."""
        try:
            self.choices = self.ctx.store.run(setup_choices)
            plans = self.ctx.store.run(planned_sessions, self.ctx.clock.now())
        except Exception as exc:
            log.error("setup choices failed\n%s", scrubbed_traceback(exc))
            self._say_problem("The groups and protocols could not be loaded from the database; try again.")
            return
        self._loading = True
        self.plan_choice.clear()
        self.plan_choice.addItem("A new session", None)
        now = self.ctx.clock.now()
        for row in plans:
            parts = [f"{fmt.day_label(row.scheduled_start, now)} {fmt.time_of_day(row.scheduled_start)}",
                     row.group_name, row.title]
            self.plan_choice.addItem("  ·  ".join(p for p in parts if p), row.id)
        self.group.clear()
        for group in self.choices.groups:
            self.group.addItem(group.name, group.id)
        self.group.addItem("No group (an ad-hoc session)", AD_HOC)
        self.protocol.clear()
        for protocol in self.choices.protocols:
            self.protocol.addItem(protocol.name, protocol.id)
        self.staff.clear()
        for member in self.choices.staff:
            item = QListWidgetItem(member.name)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.staff.addItem(item)
        self._loading = False
        focus = self.ctx.session_id
        index = self.plan_choice.findData(focus) if focus is not None else -1
        if index > 0:
            self.plan_choice.setCurrentIndex(index)
            self._load_plan(focus)  # type: ignore[arg-type]
        else:
            self.plan_choice.setCurrentIndex(0)
            self._new_plan()

    def _plan_chosen(self, index: int) -> None:
        session_id = self.plan_choice.itemData(index)
        self.ctx.session_id = session_id
        if session_id is None:
            self._new_plan()
        else:
            self._load_plan(session_id)

    def _new_plan(self) -> None:
        self.plan = None
        self._clear_messages()
        now = self.ctx.clock.now().astimezone()
        self.group.setEnabled(True)
        self.protocol.setEnabled(True)
        self.group.setCurrentIndex(0)
        self.title_field.clear()
        self.setting.clear()
        self.date.setDate(QDate(now.year, now.month, now.day))
        start = (now + timedelta(hours=1)).replace(minute=0)
        self.time.setTime(QTime(start.hour, 0))
        self._group_chosen(self.group.currentIndex())
        self.start_button.setText("Start session")

    def _load_plan(self, session_id: int) -> None:
        self._clear_messages()
        try:
            plan = self.ctx.store.run(get_session_plan, session_id)
            people = self.ctx.store.run(expected_at, session_id)
        except UserError as exc:
            self._say_problem(str(exc))
            return
        self.plan = plan
        self.group.setCurrentIndex(max(0, self.group.findData(plan.group_id if plan.group_id else AD_HOC)))
        self.group.setEnabled(False)  # a plan keeps its group and its copy of the protocol
        self.protocol.setCurrentIndex(max(0, self.protocol.findData(plan.protocol_id)))
        self.protocol.setEnabled(False)
        self.protocol_note.setText(f"This session keeps its own copy of {plan.protocol_name}.")
        self.title_field.setText(plan.title)
        start = plan.scheduled_start.astimezone()
        self.date.blockSignals(True)
        self.date.setDate(QDate(start.year, start.month, start.day))
        self.date.blockSignals(False)
        self.time.setTime(QTime(start.hour, start.minute))
        self.location.setText(plan.location)
        self.setting.setPlainText(plan.setting_notes)
        self._check_staff(plan.facilitator_ids)
        self.phases.set_phases(plan.phases)
        self._show_people(people)

    def _group_chosen(self, _index: int) -> None:
        if self.plan is not None or self.choices is None:
            return
        group = next((g for g in self.choices.groups if g.id == self.group.currentData()), None)
        if group is not None:
            self.location.setText(group.location)
            if group.meeting_time:
                hour, minute = (int(x) for x in group.meeting_time.split(":"))
                self.time.setTime(QTime(hour, minute))
            if group.default_protocol_id is not None:
                self.protocol.setCurrentIndex(max(0, self.protocol.findData(group.default_protocol_id)))
            me = self.ctx.store.actor.id if self.ctx.store.actor else None
            self._check_staff(group.facilitator_ids or ((me,) if me else ()))
        self._protocol_chosen(self.protocol.currentIndex())
        self._refresh_people()

    def _protocol_chosen(self, _index: int) -> None:
        if self.plan is not None:
            return
        protocol_id = self.protocol.currentData()
        if protocol_id is None:
            self.phases.set_phases([])
            return
        spec = self.ctx.store.run(get_protocol_spec, protocol_id)
        self.phases.set_phases(spec.phases)
        self.protocol_note.setText(f"{fmt.duration_minutes(spec.total_minutes)} in "
                                   f"{fmt.count(len(spec.phases), 'phase')}; copied into the plan when it is saved.")

    def _date_changed(self, _date: QDate) -> None:
        if self.plan is None:
            self._refresh_people()

    def _refresh_people(self) -> None:
        group_id = self.group.currentData()
        if group_id in (None, AD_HOC):
            self._show_people([])
            return
        self._show_people(self.ctx.store.run(group_members_on, group_id, self._start()))

    def _show_people(self, people: list[ExpectedPerson]) -> None:
        self.people.clear()
        for person in people:
            self.people.addItem(person.name)
        if people:
            self.people_summary.setText(f"{fmt.count(len(people), 'person', 'people')} expected.")
        elif self.group.currentData() == AD_HOC:
            self.people_summary.setText("An ad-hoc session has no group; add people at check-in.")
        else:
            self.people_summary.setText("Nobody in this group on that day.")
        self.people.setVisible(bool(people))

    def _check_staff(self, ids: tuple[int, ...] | tuple[int | None, ...]) -> None:
        for i in range(self.staff.count()):
            item = self.staff.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # -- saving ----------------------------------------------------------------------------------

    def _start(self) -> datetime:
        d, t = self.date.date(), self.time.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()).astimezone()

    def _staff_ids(self) -> list[int]:
        return [self.staff.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.staff.count())
                if self.staff.item(i).checkState() == Qt.CheckState.Checked]

    def _edited(self, *_args: object) -> None:
        self.status.setText("")
        if self.title_error.isVisible() and self.title_field.text().strip():
            self.title_error.hide()

    def _clear_messages(self) -> None:
        self.problem.hide()
        self.title_error.hide()
        self.status.setText("")

    def _say_problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()

    def _check(self) -> bool:
        """Field-level checks before asking the service (which checks everything again)."""
        self._clear_messages()
        ok = True
        if self.group.currentData() == AD_HOC and not self.title_field.text().strip():
            self.title_error.setText("An ad-hoc session needs a title.")
            self.title_error.show()
            ok = False
        problems = self.phases.problems()
        if problems:
            self._say_problem(problems[0])
            ok = False
        return ok

    def save(self) -> SessionPlan | None:
        """Save the plan (new or edited). Returns it, or None with the problem shown."""
        if not self._check():
            return None
        group_id = self.group.currentData()
        user = self.ctx.store.actor.id if self.ctx.store.actor else None
        fields: dict[str, Any] = dict(
            title=self.title_field.text(), scheduled_start=self._start(), phases=self.phases.phases(),
            location=self.location.text(), setting_notes=self.setting.toPlainText(),
            facilitator_ids=self._staff_ids())
        try:
            if self.plan is None:
                plan = self.ctx.store.run(plan_session, protocol_id=self.protocol.currentData(),
                                          group_id=None if group_id == AD_HOC else group_id, user_id=user, **fields)
            else:
                plan = self.ctx.store.run(update_planned_session, self.plan.id, **fields)
        except UserError as exc:
            self._say_problem(str(exc))
            return None
        self.plan = plan
        self.ctx.session_id = plan.id
        self.ctx.dataChanged.emit()
        self.activated()
        self.status.setText("Saved. The session is on Today.")
        return plan

    def start(self) -> None:
        """Save, start the first phase, and open the runner."""
        plan = self.save()
        if plan is None:
            return
        user = self.ctx.store.actor.id if self.ctx.store.actor else None
        try:
            self.ctx.store.run(runner.start_session, plan.id, self.ctx.clock, user)
        except UserError as exc:
            self._say_problem(str(exc))
            return
        self.ctx.dataChanged.emit()
        self.ctx.open_session(plan.id, "runner")


def create(ctx: AppContext) -> QWidget:
    return SessionSetupScreen(ctx)
