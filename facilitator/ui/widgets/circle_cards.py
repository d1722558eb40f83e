"""Circle mode's two working cards: the speaker (large, with the soft timer) and the note for the share."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.services.circle_notes import MAX_SHARE_NOTE_CHARS
from facilitator.ui.widgets.circle_parts import TagChips
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.progress import GlowFrame
from facilitator.ui.widgets.stepper import Stepper
from facilitator.ui.widgets.toggle import Toggle

# Called by this name so pyside6-lupdate collects the strings (a wrapper function would hide them).
translate = QCoreApplication.translate


class SpeakerCard(GlowFrame):
    """Who speaks now, large; the share's time; the soft limit; who is next and who passed.

    At the soft limit the card glows once (``glow``) and the time turns a soft warm colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "clock")
        self.setObjectName("circleSpeaker")
        self.round_label = label("", "day")
        self.name_label = label("", "phaseName", wrap=True)
        self.name_label.setObjectName("circleSpeakerName")
        self.time_label = label("", "timerDigits")
        self.time_label.setAccessibleName(translate("CircleScreen", "Time this share has lasted"))
        self.limit_label = label("", "muted", wrap=True)
        self.next_label = label("", None, wrap=True)
        self.passed_label = label("", "muted", wrap=True)
        self.limit = Stepper(1, 60, 5, suffix=translate("CircleScreen", " min"),
                             accessible_name=translate("CircleScreen", "Soft limit per share, in minutes"))
        self.limit.spin.setFixedWidth(72)
        self.chime = Toggle(translate("CircleScreen", "Soft chime at the limit"))
        inside = QVBoxLayout(self)
        inside.setContentsMargins(28, 22, 28, 22)
        inside.setSpacing(6)
        for widget in (self.round_label, self.name_label, self.time_label, self.limit_label):
            inside.addWidget(widget)
        inside.addSpacing(8)
        inside.addWidget(self.next_label)
        inside.addWidget(self.passed_label)
        inside.addStretch(1)
        settings = QHBoxLayout()
        settings.setSpacing(8)
        settings.addWidget(label(translate("CircleScreen", "Soft limit per share"), "small"))
        settings.addWidget(self.limit)
        settings.addSpacing(16)
        settings.addWidget(label(translate("CircleScreen", "Soft chime at the limit"), "small"))
        settings.addWidget(self.chime)
        settings.addStretch(1)
        inside.addLayout(settings)


class ShareNoteCard(QFrame):
    """The note for the share being heard: a line to type, theme chips, and where it went."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "true")
        self.title = label(translate("CircleScreen", "Note for this share"), "section")
        self.field = QLineEdit()
        self.field.setObjectName("circleNote")
        self.field.setMaxLength(MAX_SHARE_NOTE_CHARS)
        self.field.setPlaceholderText(translate("CircleScreen", "What they shared: it lands in their own note, "
                                          "stamped with the time and round  (Ctrl+Enter saves)"))
        self.field.setAccessibleName(translate("CircleScreen", "Note for this share"))
        self.save_button = QPushButton(translate("CircleScreen", "Save note"))
        self.chips = TagChips()
        self.status = label("", "small", wrap=True)
        line = QHBoxLayout()
        line.addWidget(self.field, 1)
        line.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 20)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addLayout(line)
        layout.addWidget(self.chips)
        layout.addWidget(self.status)
        layout.addStretch(1)
