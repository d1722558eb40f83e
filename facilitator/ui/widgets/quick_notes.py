"""The quick-note line and the notes typed so far, each stamped with its time and phase."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.services.runner import MAX_NOTE_LENGTH
from facilitator.services.runner_snapshot import QuickNoteRow
from facilitator.ui import format as fmt
from facilitator.ui.widgets.page import divider, label

SHOWN_NOTES = 12  # the newest; the session's record keeps them all


class QuickNoteLine(QWidget):
    """One line to type into; Enter (or Ctrl+Enter from anywhere in the runner) adds the note.

    Signals:
        submitted(str): the text to add (the field clears once the runner says it was saved).
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setObjectName("quickNote")
        self.field.setPlaceholderText(self.tr("Quick note, stamped with the time and phase  (Ctrl+Enter)"))
        self.field.setAccessibleName(self.tr("Quick note"))
        self.field.setMaxLength(MAX_NOTE_LENGTH)
        self.field.returnPressed.connect(self.commit)
        self.add = QPushButton(self.tr("Add note"))
        self.add.clicked.connect(self.commit)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(10)
        line.addWidget(self.field, 1)
        line.addWidget(self.add)

    def commit(self) -> None:
        text = self.field.text().strip()
        if text:
            self.submitted.emit(text)

    def focus_or_commit(self) -> None:
        """Ctrl+Enter: commit what is typed, or bring the cursor here to type."""
        if self.field.hasFocus() and self.field.text().strip():
            self.commit()
        else:
            self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)


class QuickNoteList(QWidget):
    """The newest notes first: "10:32 · Medicine journey" over the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(8)
        self.empty = label(self.tr("Notes you add during the session appear here."), "muted", wrap=True)
        self.column.addWidget(self.empty)
        self._shown: tuple[int, ...] = ()
        self.items: list[QWidget] = []

    def show_notes(self, notes: Sequence[QuickNoteRow]) -> None:
        newest = tuple(reversed(notes))[:SHOWN_NOTES]
        ids = tuple(n.id for n in newest)
        if ids == self._shown:
            return
        self._shown = ids
        for item in self.items:
            item.hide()
            item.deleteLater()
        self.items = []
        self.empty.setVisible(not newest)
        for i, note in enumerate(newest):
            if i:
                self.items.append(divider())
                self.column.addWidget(self.items[-1])
            item = QWidget()
            item.setObjectName("quickNoteItem")
            box = QVBoxLayout(item)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            stamp = fmt.time_of_day(note.at) + (f"  ·  {note.phase_name}" if note.phase_name else "")
            box.addWidget(label(stamp, "small", wrap=True))
            box.addWidget(label(note.text, None, wrap=True))
            self.items.append(item)
            self.column.addWidget(item)
        if len(notes) > SHOWN_NOTES:
            more = label(self.tr("{count} earlier notes are in the session's record.").format(
                count=len(notes) - SHOWN_NOTES), "small")
            self.items.append(more)
            self.column.addWidget(more)
