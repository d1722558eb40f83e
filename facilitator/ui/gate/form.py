"""Shared pieces of the gate's forms: a centred card, labelled fields, a busy state, an error line."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.ui.widgets.page import Paragraph, label

CARD_WIDTH = 460
W = TypeVar("W", bound=QWidget)


def password_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class GateCard(QWidget):
    """A calm card in the middle of the window with a title, a sentence, a form and buttons.

    Attributes:
        form: the QFormLayout fields go into.
        buttons: the column the page's buttons go into (primary first).
        error: one sentence shown when something did not work.
    """

    def __init__(self, title: str, sentence: str, parent: QWidget | None = None, *,
                 width: int = CARD_WIDTH) -> None:
        super().__init__(parent)
        card = QFrame()
        card.setObjectName("gateCard")
        card.setFixedWidth(width)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        heading = label(title, "cardTitle")
        inner.addWidget(heading)
        self.sentence = Paragraph(sentence, "muted", width=width - 64, align=Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.sentence)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        inner.addLayout(self.form)
        self.error = Paragraph("", "error", width=width - 64, align=Qt.AlignmentFlag.AlignLeft)
        self.error.hide()
        inner.addWidget(self.error)
        self.buttons = QVBoxLayout()
        self.buttons.setSpacing(8)
        inner.addLayout(self.buttons)
        self.body = inner

        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)

    def add_field(self, text: str, widget: W) -> W:
        self.form.addRow(label(text), widget)
        return widget

    def add_button(self, text: str, kind: str = "primary") -> QPushButton:
        button = QPushButton(text)
        button.setProperty("kind", kind)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.buttons.addWidget(button)
        return button

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
