"""Adding a drop-in at check-in: search everyone on file by name and pick one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from facilitator.domain.participant_rules import search_key
from facilitator.services.check_in import Candidate
from facilitator.ui.icons import icon
from facilitator.ui.widgets.fields import plain_buttons
from facilitator.ui.widgets.page import label

SHOWN = 200  # the list stays quick with thousands on file; typing narrows it


class DropInDialog(QDialog):
    """Pick one person; ``chosen_id`` is set when the dialog is accepted."""

    def __init__(self, candidates: Sequence[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a drop-in")
        self.setMinimumSize(480, 440)  # explicit, so the layout never pushes size limits to the window system
        self.resize(560, 620)
        self.candidates = list(candidates)
        self._keys = [search_key(c.full_name, c.display_name) for c in self.candidates]
        self.chosen_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name")
        self.search.setAccessibleName("Search for the person dropping in")
        self.search.addAction(icon("search-field"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list = QListWidget()
        self.list.setAccessibleName("People on file")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemActivated.connect(lambda _item: self._accept())
        self.list.currentItemChanged.connect(lambda *_: self._update())
        self.count = label("", "small")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add as drop-in")
        self.add_button.setProperty("kind", "primary")
        plain_buttons(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(label("They are checked in as present now and marked as a drop-in.", "muted", wrap=True))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self._filter("")

    def _filter(self, text: str) -> None:
        words = search_key(text).split()
        shown = [c for c, key in zip(self.candidates, self._keys, strict=True) if all(w in key for w in words)]
        self.list.clear()
        for c in shown[:SHOWN]:
            extra = []
            if c.display_name != c.full_name:
                extra.append(f"legal name {c.full_name}")
            if c.status != "active":
                extra.append(c.status)
            if c.flags:
                extra.append(", ".join(c.flags))
            item = QListWidgetItem("   \u00b7  ".join([c.display_name, *extra]))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        more = f" (the first {SHOWN} shown; type to narrow)" if len(shown) > SHOWN else ""
        self.count.setText(f"{len(shown)} found{more}" if text else f"{len(shown)} people on file{more}")
        self._update()

    def _update(self) -> None:
        self.add_button.setEnabled(self.list.currentItem() is not None)

    def _accept(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen_id = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.list.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
                self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))
                return True
        return super().eventFilter(watched, event)
