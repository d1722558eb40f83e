"""A participant's history on the profile: sessions, doses, notes and measures, one list at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.scales import ANSWERS, SAFETY_ITEM
from facilitator.services.participant_timeline import (
    AttendedRow,
    DoseRow,
    MeasureRow,
    NoteRow,
    ParticipantTimeline,
)
from facilitator.ui import format as fmt
from facilitator.ui.widgets.page import card, divider, label

SHOWN = 40  # the most recent rows of each list; the rest stay a click away in History
ATTENDANCE_WORDS = {"expected": "Expected", "present": "Present", "late": "Late", "absent": "Absent",
                    "cancelled": "Cancelled", "left_early": "Left early"}
Row = TypeVar("Row")


def _when(moment: datetime, with_time: bool = True) -> str:
    local = moment.astimezone()
    day = QLocale().toString(QDate(local.year, local.month, local.day), "ddd d MMM yyyy")
    return f"{day}  {fmt.time_of_day(moment)}" if with_time else day


def _line(when: str, what: str, detail: str = "", tags: Sequence[tuple[str, str]] = ()) -> QWidget:
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 10, 0, 10)
    row.setSpacing(18)
    when_label = label(when, "muted")
    when_label.setFixedWidth(200)
    row.addWidget(when_label, 0, Qt.AlignmentFlag.AlignTop)
    words = QVBoxLayout()
    words.setSpacing(2)
    words.addWidget(label(what, wrap=True))
    if detail:
        words.addWidget(label(detail, "small", wrap=True))
    words.addStretch(1)  # keep the text on the date's line when a tag makes the row taller
    row.addLayout(words, 1)
    for text, role in tags:
        row.addWidget(label(text, role), 0, Qt.AlignmentFlag.AlignTop)
    return widget


def _session(r: AttendedRow) -> QWidget:
    upcoming = r.session_status == "planned" and r.attendance == "expected"
    tags = [("Upcoming" if upcoming else ATTENDANCE_WORDS.get(r.attendance, r.attendance), "tag")]
    if r.drop_in:
        tags.append(("Drop-in", "tag"))
    detail = f"Intention: {r.intention}" if r.intention else ""
    return _line(_when(r.scheduled_start), f"{r.group_name}  \u00b7  {r.protocol_name}", detail, tags)


def _dose(r: DoseRow) -> QWidget:
    amount = f"{r.amount_mg:g} mg"
    what = f"{r.medication.capitalize()} {amount}, {r.route}" + (" (booster)" if r.booster else "")
    return _line(_when(r.given_at), what)


def _note(r: NoteRow) -> QWidget:
    return _line(_when(r.scheduled_start, with_time=False), r.group_name, r.excerpt,
                 [("Signed" if r.signed else "Draft", "tag")])


def _measure(r: MeasureRow) -> QWidget:
    tags = []
    if r.safety_flag:
        answer = ANSWERS[r.items[SAFETY_ITEM - 1]] if len(r.items) >= SAFETY_ITEM else "above 0"
        tags.append((f"Item 9: {answer}", "safety"))
    local = QLocale().toString(QDate(r.taken_on.year, r.taken_on.month, r.taken_on.day), "ddd d MMM yyyy")
    return _line(local, f"{r.instrument}  {r.total}  \u00b7  {r.severity}", tags=tags)


class ParticipantHistory(QWidget):
    """Segmented buttons choose the list; each list shows the newest rows first."""

    KINDS = ("Sessions", "Doses", "Notes", "Measures")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        segments = QHBoxLayout()
        segments.setSpacing(6)
        self.pages: list[QWidget] = []
        self.current = 0
        self.lists: list[QVBoxLayout] = []
        for i, kind in enumerate(self.KINDS):
            button = QPushButton(kind)
            button.setCheckable(True)
            button.setProperty("kind", "option")
            button.setChecked(i == 0)
            self.buttons.addButton(button, i)
            segments.addWidget(button)
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            self.lists.append(column)
            self.pages.append(page)
        segments.addStretch(1)
        self.buttons.idClicked.connect(self.show_list)
        frame = card()
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(28, 22, 28, 18)
        inner.setSpacing(12)
        inner.addWidget(label("History", "section"))
        inner.addLayout(segments)
        for page in self.pages:
            inner.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)

    def show_list(self, index: int) -> None:
        """Show one list (hidden lists take no room, so a short list leaves no blank space)."""
        self.current = index
        for i, page in enumerate(self.pages):
            page.setVisible(i == index)

    def set_timeline(self, timeline: ParticipantTimeline | None) -> None:
        """Show ``timeline`` (None: a new participant with no history yet)."""
        lists: tuple[tuple[Sequence[object], Callable[..., QWidget], str], ...] = (
            (timeline.sessions if timeline else (), _session, "No sessions yet."),
            (timeline.doses if timeline else (), _dose, "No doses recorded."),
            (timeline.notes if timeline else (), _note, "No notes yet."),
            (timeline.measures if timeline else (), _measure, "No GAD-7 or PHQ-9 yet."),
        )
        for i, (rows, build, empty) in enumerate(lists):
            button = self.buttons.button(i)
            button.setText(f"{self.KINDS[i]}  {len(rows)}" if rows else self.KINDS[i])
            self._fill(self.lists[i], rows, build, empty)
        self.show_list(self.current)

    @staticmethod
    def _fill(column: QVBoxLayout, rows: Sequence[Row], build: Callable[[Row], QWidget], empty: str) -> None:
        while column.count():
            item = column.takeAt(0)  # rows and the closing stretch
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if not rows:
            column.addWidget(label(empty, "muted"))
            return
        for i, row in enumerate(rows[:SHOWN]):
            if i:
                column.addWidget(divider())
            column.addWidget(build(row))
        if len(rows) > SHOWN:
            column.addWidget(label(f"The {SHOWN} most recent of {len(rows)} are shown.", "small"))
        column.addStretch(1)
