"""Today's "Notes to finish": unsigned notes of sessions held more than a few days ago, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.services.note_lists import UnfinishedNote
from facilitator.ui import format as fmt
from facilitator.ui.widgets.page import card, label

SHOWN = 6


class NotesToFinish(QWidget):
    """Hidden while nothing is overdue; each line opens its session on the Notes screen.

    Signals:
        opened(int): the session id whose notes to open.
    """

    opened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesToFinish")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        self.heading = label("Notes to finish", "section")
        self.column.addWidget(self.heading)
        self.box = card()
        self.lines = QVBoxLayout(self.box)
        self.lines.setContentsMargins(18, 12, 18, 12)
        self.lines.setSpacing(6)
        self.column.addWidget(self.box)
        self.shown: tuple[int, ...] | None = None
        self.hide()

    def show_notes(self, notes: Sequence[UnfinishedNote], now: datetime) -> None:
        ids = tuple(n.note_id for n in notes)
        if ids == self.shown:
            return
        self.shown = ids
        while self.lines.count():
            item = self.lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.setVisible(bool(notes))
        for note in notes[:SHOWN]:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            who = note.participant_name or "Group note"
            when = fmt.day_label(note.session_start, now)
            line.addWidget(label(f"{who}  ·  {note.group_name}, {when}", None), 1)
            line.addWidget(label(f"{fmt.count(note.days_open, 'day')} open" + ("" if note.written else ", empty"),
                                 "muted"))
            button = QPushButton("Open")
            button.setProperty("kind", "link")
            button.clicked.connect(lambda _c=False, sid=note.session_id: self.opened.emit(sid))
            line.addWidget(button)
            self.lines.addWidget(row)
        if len(notes) > SHOWN:
            self.lines.addWidget(label(f"and {len(notes) - SHOWN} more", "muted"))
