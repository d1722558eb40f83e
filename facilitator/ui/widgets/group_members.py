"""A group's members over time: current members with their joining date, enrolling and leaving, past members."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.participant_rules import parse_date
from facilitator.errors import FieldError
from facilitator.services.groups import MemberRow
from facilitator.services.roster import RosterRow
from facilitator.ui.widgets.fields import restyle
from facilitator.ui.widgets.page import divider, label


def day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


class MembersPanel(QWidget):
    """Members as rows; "Leaves…" opens a small inline form on the row.

    Signals:
        addRequested(int, object): participant id and the joining date.
        endRequested(int, object, str): membership id, the leaving date and the reason.
        openParticipant(int): a member's name was clicked.
    """

    addRequested = Signal(int, object)
    endRequested = Signal(int, object, str)
    openParticipant = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()
        self.current_box = QVBoxLayout()
        self.current_box.setSpacing(0)
        self.past_box = QVBoxLayout()
        self.past_box.setSpacing(0)
        self.past_title = label("Past members", "fieldLabel")
        self.problem = label("", "fieldError", wrap=True)
        self.problem.hide()

        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumWidth(280)
        self.person.setAccessibleName("Participant to enrol")
        editor = self.person.lineEdit()
        assert editor is not None
        editor.setPlaceholderText("Type a name to enrol someone")
        completer = self.person.completer()
        assert completer is not None
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.joined = QLineEdit()
        self.joined.setPlaceholderText("YYYY-MM-DD")
        self.joined.setMaxLength(10)
        self.joined.setFixedWidth(130)
        self.joined.setAccessibleName("Joining date")
        self.add_button = QPushButton("Enrol")
        self.add_button.clicked.connect(self._add)
        add_row = QHBoxLayout()
        add_row.setSpacing(10)
        add_row.addWidget(self.person, 1)
        add_row.addWidget(label("from", "muted"))
        add_row.addWidget(self.joined)
        add_row.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(self.current_box)
        layout.addLayout(add_row)
        layout.addWidget(self.problem)
        layout.addSpacing(8)
        layout.addWidget(self.past_title)
        layout.addLayout(self.past_box)

    def set_members(self, members: Sequence[MemberRow], candidates: Sequence[RosterRow], today: date) -> None:
        """Show ``members`` and offer ``candidates`` for enrolment (people on file who are not members now)."""
        self.today = today
        self.show_problem("")
        for box in (self.current_box, self.past_box):
            while box.count():
                item = box.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        current = [m for m in members if m.current]
        past = [m for m in members if not m.current]
        if not current:
            self.current_box.addWidget(label("No current members.", "muted"))
        for i, member in enumerate(current):
            if i:
                self.current_box.addWidget(divider())
            self.current_box.addWidget(self._current_row(member))
        self.past_title.setVisible(bool(past))
        for member in past:
            left = f"{day_text(member.joined_on)} \u2013 {day_text(member.left_on)}" if member.left_on else \
                f"joins {day_text(member.joined_on)}"
            why = f"  \u00b7  {member.left_reason}" if member.left_reason else ""
            self.past_box.addWidget(label(f"{member.name}   {left}{why}", "small", wrap=True))
        self.person.clear()
        for row in candidates:
            self.person.addItem(f"{row.sort_name}" + (f" ({row.preferred_name})" if row.preferred_name else ""), row.id)
        self.person.setCurrentIndex(-1)
        self.person.clearEditText()
        self.joined.setText(today.isoformat())

    def _current_row(self, member: MemberRow) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(0, 8, 0, 8)
        column.setSpacing(8)
        line = QHBoxLayout()
        line.setSpacing(14)
        name = QPushButton(member.name)
        name.setProperty("kind", "link")
        name.clicked.connect(lambda: self.openParticipant.emit(member.participant_id))
        line.addWidget(name)
        line.addWidget(label(f"since {day_text(member.joined_on)}", "muted"))
        line.addStretch(1)
        leaves = QPushButton("Leaves\u2026")
        line.addWidget(leaves)
        column.addLayout(line)

        form = QWidget()
        row = QHBoxLayout(form)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        when = QLineEdit(self.today.isoformat())
        when.setMaxLength(10)
        when.setFixedWidth(130)
        when.setAccessibleName("Leaving date")
        reason = QLineEdit()
        reason.setMaxLength(200)
        reason.setPlaceholderText("Reason (optional): finished the series, moved away\u2026")
        reason.setAccessibleName("Reason for leaving")
        confirm = QPushButton("Record leaving")
        confirm.setProperty("kind", "primary")
        cancel = QPushButton("Cancel")
        row.addWidget(label("Left on", "muted"))
        row.addWidget(when)
        row.addWidget(reason, 1)
        row.addWidget(confirm)
        row.addWidget(cancel)
        form.hide()
        column.addWidget(form)
        def open_form() -> None:
            form.show()
            reason.setFocus()

        leaves.clicked.connect(open_form)
        cancel.clicked.connect(form.hide)
        confirm.clicked.connect(lambda: self._end(member.membership_id, when, reason.text()))
        return widget

    def _end(self, membership_id: int, when: QLineEdit, reason: str) -> None:
        try:
            day = parse_date(when.text(), "left_on") or self.today
        except FieldError:
            when.setProperty("invalid", True)
            restyle(when)
            self.show_problem("Write the leaving date as YYYY-MM-DD, like 2026-03-12.")
            return
        self.endRequested.emit(membership_id, day, reason)

    def _add(self) -> None:
        index = self.person.currentIndex()
        if index < 0 or self.person.currentText() != self.person.itemText(index):
            found = self.person.findText(self.person.currentText(), Qt.MatchFlag.MatchFixedString)
            index = found
        if index < 0:
            self.show_problem("Choose someone from the list to enrol (start typing their name).")
            return
        try:
            day = parse_date(self.joined.text(), "joined_on") or self.today
        except FieldError:
            self.show_problem("Write the joining date as YYYY-MM-DD, like 2026-03-12.")
            return
        self.addRequested.emit(int(self.person.itemData(index)), day)

    def show_problem(self, text: str, role: str = "fieldError") -> None:
        self.problem.setText(text)
        self.problem.setProperty("role", role)
        restyle(self.problem)
        self.problem.setVisible(bool(text))
