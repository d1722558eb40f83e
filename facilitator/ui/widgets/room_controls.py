"""The runner's room display card: open or close the second window, and the line it shows the room."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.services.runner import MAX_ROOM_MESSAGE_LENGTH
from facilitator.ui.widgets.page import label


class RoomControls(QWidget):
    """A button for the room display and its one line of text for the room.

    Signals:
        submitted(str): the line to show in the room (empty to show none).
    """

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QPushButton()
        self.set_open(False)
        self.field = QLineEdit()
        self.field.setObjectName("roomMessageField")
        self.field.setPlaceholderText(self.tr("A line for the room, e.g. Take your time returning"))
        self.field.setAccessibleName(self.tr("Line shown on the room display"))
        self.field.setMaxLength(MAX_ROOM_MESSAGE_LENGTH)
        self.field.returnPressed.connect(self._submit)
        self.set_button = QPushButton(self.tr("Show"))
        self.set_button.clicked.connect(self._submit)
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.field, 1)
        line.addWidget(self.set_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(label(self.tr("Phase, calm progress and time left for the room; never a name."), "small",
                               wrap=True))
        layout.addWidget(self.toggle)
        layout.addLayout(line)

    def _submit(self) -> None:
        self.submitted.emit(self.field.text().strip())

    def show_message(self, text: str) -> None:
        if not self.field.hasFocus() and self.field.text() != text:
            self.field.setText(text)

    def set_open(self, is_open: bool) -> None:
        text = self.tr("Close the room display") if is_open else self.tr("Open the room display")
        self.toggle.setText(f"{text}  R")
        self.toggle.setAccessibleName(f"{text} (R)")
