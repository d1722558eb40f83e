"""A calm, centred message for a screen with nothing to show yet (or not built yet)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from facilitator.ui import navigation
from facilitator.ui.icons import IconLabel
from facilitator.ui.widgets.page import Paragraph, label

COMING = "Arrives in a coming release"


class EmptyState(QWidget):
    """An icon in a soft circle, a title, one sentence and an optional note or action.

    Signals come from :attr:`action` (a QPushButton) when an action label was given.
    """

    def __init__(self, icon: str, title: str, sentence: str, *, note: str = "", action: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        badge = IconLabel(icon, size=40, role="accent")
        badge.setProperty("role", "emptyIcon")
        badge.setFixedSize(88, 88)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = label(title, "emptyTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence_label = Paragraph(sentence, "muted", width=520)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 48, 32, 48)
        layout.setSpacing(14)
        layout.addStretch(1)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.sentence_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.note_label = label(note, "tag")
        self.note_label.setVisible(bool(note))
        layout.addSpacing(6)
        layout.addWidget(self.note_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.action: QPushButton | None = None
        if action:
            self.action = QPushButton(action)
            self.action.setProperty("kind", "primary")
            layout.addSpacing(8)
            layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)


def coming_soon(screen_id: str) -> EmptyState:
    """The empty state of a screen that is planned but not built yet, in the screen's own words."""
    screen = navigation.entry(screen_id)
    state = EmptyState(screen.icon, screen.label, screen.summary, note=COMING)
    state.setAccessibleName(f"{screen.label}: {COMING.lower()}")
    return state
