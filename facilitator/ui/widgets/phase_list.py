"""An editable list of phases: name and minutes per row, reorder, add, remove, the total shown.

Session setup edits a session's own copy with it; the protocols editor also selects a row to edit
its purpose, prompts, colour and flags. Minutes are checked as they are typed and a problem is said
in one sentence under the field itself (zero, negative, not a number, too long).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.protocol import MAX_PHASE_MINUTES, PhaseSpec
from facilitator.ui import format as fmt
from facilitator.ui.icons import set_icon
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.progress import Dot

NEW_PHASE = PhaseSpec(name="New phase", minutes=10)


def minutes_problem(text: str) -> str:
    """One sentence about what is wrong with typed minutes, or "" when they are fine."""
    text = text.strip()
    if not text:
        return "Give the minutes for this phase."
    try:
        minutes = int(text)
    except ValueError:
        return "Minutes must be a whole number, such as 20."
    if minutes == 0:
        return "A phase needs at least 1 minute; 0 minutes is not allowed."
    if minutes < 0:
        return "Minutes cannot be negative; give at least 1 minute."
    if minutes > MAX_PHASE_MINUTES:
        return f"A phase can last at most {MAX_PHASE_MINUTES} minutes (24 hours)."
    return ""


def _mark(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class _Row(QWidget):
    def __init__(self, index: int, phase: PhaseSpec, editor: PhaseListEditor) -> None:
        super().__init__()
        self.setObjectName("timelineRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.number = label(f"{index + 1}", "muted")
        self.number.setFixedWidth(22)
        self.dot = Dot(phase.colour)
        self.name = QLineEdit(phase.name)
        self.name.setAccessibleName(f"Name of phase {index + 1}")
        self.minutes = QLineEdit(str(phase.minutes))
        self.minutes.setAccessibleName(f"Minutes of phase {index + 1}")
        self.minutes.setFixedWidth(72)
        self.minutes.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.up = self._button("up", f"Move phase {index + 1} earlier")
        self.down = self._button("down", f"Move phase {index + 1} later")
        self.remove = self._button("remove", f"Remove phase {index + 1}")
        self.error = label("", "fieldError", wrap=True)
        self.error.hide()
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.number)
        line.addWidget(self.dot)
        line.addWidget(self.name, 1)
        line.addWidget(self.minutes)
        line.addWidget(label("min", "muted"))
        line.addSpacing(6)
        for button in (self.up, self.down, self.remove):
            line.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 8, 4)
        column.setSpacing(2)
        column.addLayout(line)
        column.addWidget(self.error)
        for field in (self.name, self.minutes):
            field.installEventFilter(editor)

    @staticmethod
    def _button(icon: str, name: str) -> QPushButton:
        button = QPushButton()
        button.setProperty("kind", "quiet")
        button.setAccessibleName(name)
        button.setToolTip(name)
        set_icon(button, icon, role="muted", on_role="text")
        return button


class PhaseListEditor(QWidget):
    """The phases being edited.

    Signals:
        changed(): a phase was edited, added, removed or moved.
        selected(int): a row was chosen (clicked into), for an editor of the phase's other fields.
    """

    changed = Signal()
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._phases: list[PhaseSpec] = []
        self.rows: list[_Row] = []
        self.current = -1
        self.read_only = False
        self.column = QVBoxLayout()
        self.column.setSpacing(2)
        self.add_button = QPushButton("Add a phase")
        self.add_button.setProperty("kind", "link")
        set_icon(self.add_button, "plus", role="accent")
        self.add_button.clicked.connect(self.add_phase)
        self.total = label("", "section")
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        bottom.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self.column)
        layout.addLayout(bottom)

    # -- data ------------------------------------------------------------------------------------

    def set_phases(self, phases: Sequence[PhaseSpec]) -> None:
        self._phases = list(phases)
        self.current = 0 if self._phases else -1
        self._rebuild()

    def phases(self) -> tuple[PhaseSpec, ...]:
        """The phases as typed (rows with a minutes problem keep their last good minutes)."""
        return tuple(self._phases)

    def problems(self) -> list[str]:
        """Each row's problem as "Phase 2: …", in order."""
        found = []
        for i, row in enumerate(self.rows):
            problem = self._row_problem(row)
            if problem:
                found.append(f"Phase {i + 1}: {problem}")
        if not self.rows:
            found.append("A session needs at least one phase.")
        return found

    def update_phase(self, index: int, phase: PhaseSpec) -> None:
        """Replace one phase's other fields (from the protocols editor's detail form)."""
        self._phases[index] = phase
        row = self.rows[index]
        row.dot.set_colour(phase.colour)
        if row.name.text().strip() != phase.name:
            row.name.setText(phase.name)
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.add_button.setVisible(not read_only)
        for row in self.rows:
            row.name.setReadOnly(read_only)
            row.minutes.setReadOnly(read_only)
            for field in (row.name, row.minutes):
                field.style().unpolish(field)
                field.style().polish(field)
            for button in (row.up, row.down, row.remove):
                button.setVisible(not read_only)

    # -- rows ------------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for index, phase in enumerate(self._phases):
            row = _Row(index, phase, self)
            row.name.textEdited.connect(lambda text, r=row: self._edited(r))
            row.minutes.textEdited.connect(lambda text, r=row: self._edited(r))
            row.up.clicked.connect(lambda _c=False, r=row: self.move_phase(self.rows.index(r), -1))
            row.down.clicked.connect(lambda _c=False, r=row: self.move_phase(self.rows.index(r), 1))
            row.remove.clicked.connect(lambda _c=False, r=row: self.remove(self.rows.index(r)))
            row.up.setEnabled(index > 0)
            row.down.setEnabled(index < len(self._phases) - 1)
            self.rows.append(row)
            self.column.addWidget(row)
        self.set_read_only(self.read_only)
        self._highlight()
        self._update_total()

    def _row_problem(self, row: _Row) -> str:
        if not row.name.text().strip():
            return "Give the phase a name."
        return minutes_problem(row.minutes.text())

    def _edited(self, row: _Row) -> None:
        index = self.rows.index(row)
        minutes_error = minutes_problem(row.minutes.text())
        name_error = "" if row.name.text().strip() else "Give the phase a name."
        _mark(row.minutes, bool(minutes_error))
        _mark(row.name, bool(name_error))
        row.error.setText(minutes_error or name_error)
        row.error.setVisible(bool(minutes_error or name_error))
        phase = self._phases[index]
        if not minutes_error:
            phase = replace(phase, minutes=int(row.minutes.text().strip()))
        if not name_error:
            phase = replace(phase, name=row.name.text().strip())
        self._phases[index] = phase
        self._update_total()
        self.changed.emit()

    def _update_total(self) -> None:
        minutes = sum(p.minutes for p in self._phases)
        self.total.setText(f"Total {fmt.duration_minutes(minutes)}  ·  {fmt.count(len(self._phases), 'phase')}")

    def add_phase(self) -> None:
        at = self.current + 1 if 0 <= self.current < len(self._phases) else len(self._phases)
        self._phases.insert(at, NEW_PHASE)
        self.current = at
        self._rebuild()
        self.rows[at].name.setFocus()
        self.rows[at].name.selectAll()
        self.changed.emit()
        self.selected.emit(at)

    def remove(self, index: int) -> None:
        del self._phases[index]
        self.current = min(self.current, len(self._phases) - 1)
        self._rebuild()
        self.changed.emit()
        if self.current >= 0:
            self.selected.emit(self.current)

    def move_phase(self, index: int, step: int) -> None:
        target = index + step
        if not 0 <= target < len(self._phases):
            return
        self._phases[index], self._phases[target] = self._phases[target], self._phases[index]
        self.current = target
        self._rebuild()
        button = self.rows[target].up if step < 0 else self.rows[target].down
        (button if button.isEnabled() else self.rows[target].name).setFocus()
        self.changed.emit()
        self.selected.emit(target)

    def select(self, index: int) -> None:
        if index != self.current and 0 <= index < len(self.rows):
            self.current = index
            self._highlight()
            self.selected.emit(index)

    def _highlight(self) -> None:
        for i, row in enumerate(self.rows):
            if bool(row.property("current")) != (i == self.current):
                row.setProperty("current", i == self.current)
                row.style().unpolish(row)
                row.style().polish(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for i, row in enumerate(self.rows):
                if watched in (row.name, row.minutes):
                    self.select(i)
        return False
