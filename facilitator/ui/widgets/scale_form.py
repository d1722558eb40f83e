"""A GAD-7 or PHQ-9 entered item by item, with the validated wording, a live total and severity band.

PHQ-9 item 9 answered above 0 turns its row red and shows a safety prompt at once, before the form is
even complete: the clinician needs to know now, not after the total.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.scales import ANSWERS, SAFETY_ITEM, Scale, safety_flag, scale
from facilitator.ui.widgets.fields import restyle
from facilitator.ui.widgets.page import card, label

SAFETY_PROMPT = ("A clinician must speak with this person before the session goes on, and follow the clinic's "
                 "safety protocol. The 988 Suicide & Crisis Lifeline is there around the clock (call or text 988).")


class ScaleForm(QWidget):
    """The items of one instrument as rows of four answers.

    Keys 0-3 answer the item that has the focus and move to the next one.

    Attributes:
        summary: the live total, band and safety prompt (laid out by the caller when ``summary_inside`` is False).

    Signals:
        changed(): an answer was chosen.
        itemFocused(QWidget): the keyboard moved on to this item's row (a scroll area can follow it).
    """

    changed = Signal()
    itemFocused = Signal(QWidget)

    def __init__(self, instrument: str, answers: Sequence[int | None] = (), *, summary_inside: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale: Scale = scale(instrument)
        self.groups: list[QButtonGroup] = []
        self.rows: list[QFrame] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        stem = label(self.scale.stem, "section", wrap=True)
        layout.addWidget(stem)
        layout.addSpacing(6)
        for number, wording in enumerate(self.scale.items, start=1):
            layout.addWidget(self._item(number, wording))

        self.safety = card("danger")
        self.safety.setAccessibleName("Safety follow-up needed")
        safety_column = QVBoxLayout(self.safety)
        safety_column.setContentsMargins(20, 14, 20, 16)
        safety_column.setSpacing(6)
        self.safety_title = label("", "dangerTitle", wrap=True)
        safety_column.addWidget(self.safety_title)
        safety_column.addWidget(label(SAFETY_PROMPT, wrap=True))
        self.safety.hide()

        self.total_label = label("", "scaleTotal")
        self.band_label = label("", "section")
        self.answered_label = label("", "muted")
        footer = QHBoxLayout()
        footer.setSpacing(14)
        footer.addWidget(self.total_label)
        footer.addWidget(self.band_label)
        footer.addStretch(1)
        footer.addWidget(self.answered_label)
        # The total, band and safety prompt: below the items, or wherever a dialog keeps them in view.
        self.summary = QWidget()
        summary_column = QVBoxLayout(self.summary)
        summary_column.setContentsMargins(0, 0, 0, 0)
        summary_column.setSpacing(10)
        summary_column.addWidget(self.safety)
        summary_column.addLayout(footer)
        if summary_inside:
            layout.addSpacing(10)
            layout.addWidget(self.summary)
        for i, value in enumerate(answers):
            if value is not None:
                self.set_answer(i, value)
        self._update()

    def _item(self, number: int, wording: str) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "scaleItem")
        column = QVBoxLayout(frame)
        column.setContentsMargins(10, 10, 10, 12)
        column.setSpacing(8)
        column.addWidget(label(f"{number}.  {wording}", wrap=True))
        group = QButtonGroup(frame)
        group.setExclusive(True)
        row = QHBoxLayout()
        row.setSpacing(6)
        for value, text in enumerate(ANSWERS):
            button = QPushButton(f"{value}  {text}")
            button.setCheckable(True)
            button.setProperty("kind", "answer")
            button.setAccessibleName(f"Item {number}: {text} ({value})")
            group.addButton(button, value)
            row.addWidget(button)
        row.addStretch(1)
        group.idClicked.connect(lambda _value, n=number: self._answered(n - 1))
        column.addLayout(row)
        frame.setAccessibleName(f"Item {number}")
        self.groups.append(group)
        self.rows.append(frame)
        return frame

    # --- answers -----------------------------------------------------------------------------------

    def answers(self) -> list[int | None]:
        """One answer per item (None while unanswered)."""
        return [g.checkedId() if g.checkedId() >= 0 else None for g in self.groups]

    def items(self) -> list[int] | None:
        """Every answer, or None while any item is unanswered."""
        answers = self.answers()
        return None if any(a is None for a in answers) else [a for a in answers if a is not None]

    @property
    def complete(self) -> bool:
        return self.items() is not None

    @property
    def total(self) -> int:
        return sum(a for a in self.answers() if a is not None)

    @property
    def safety_flag(self) -> bool:
        return safety_flag(self.scale.instrument, self.answers())

    def set_answer(self, index: int, value: int) -> None:
        """Answer item ``index`` (0-based) with ``value`` (0-3), as a click would."""
        button = self.groups[index].button(value)
        button.setChecked(True)
        self._answered(index)

    def _answered(self, index: int) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        answers = self.answers()
        done = sum(a is not None for a in answers)
        total = self.total
        count = len(answers)
        if done == count:
            self.total_label.setText(f"Total {total} of {self.scale.max_total}")
            self.band_label.setText(self.scale.severity(total))
            self.answered_label.setText("All items answered")
        else:
            self.total_label.setText(f"So far {total}")
            self.band_label.setText("")
            self.answered_label.setText(f"{done} of {count} answered")
        alarm = self.safety_flag
        if len(self.rows) >= SAFETY_ITEM and self.scale.instrument.value == "PHQ-9":
            row = self.rows[SAFETY_ITEM - 1]
            if bool(row.property("alarm")) != alarm:
                row.setProperty("alarm", alarm)
                restyle(row)
        if alarm:
            answer = answers[SAFETY_ITEM - 1]
            said = ANSWERS[answer] if answer is not None else ""
            self.safety_title.setText(f"Safety follow-up needed: item 9 answered \u201c{said}\u201d")
        self.safety.setVisible(alarm)

    # --- keyboard ----------------------------------------------------------------------------------

    def _focused_row(self) -> int | None:
        widget = self.focusWidget()
        for i, row in enumerate(self.rows):
            if widget is not None and row.isAncestorOf(widget):
                return i
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_3:
            answers = self.answers()
            row = self._focused_row()
            if row is None:
                row = next((i for i, a in enumerate(answers) if a is None), 0)
            self.set_answer(row, key - Qt.Key.Key_0)
            following = min(row + 1, len(self.groups) - 1)
            self.groups[following].button(self.groups[following].checkedId()
                                          if self.groups[following].checkedId() >= 0 else 0).setFocus()
            self.itemFocused.emit(self.rows[following])
            return
        super().keyPressEvent(event)
