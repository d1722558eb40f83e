"""Form pieces shared by the record editors: a labelled field with its message, a text area, flag pills."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QIcon
from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from facilitator.ui.widgets.page import label


def plain_buttons(box: QDialogButtonBox) -> None:
    """Drop the platform's stock icons from a dialog's buttons (a tick on a filled button reads as noise)."""
    for button in box.buttons():
        button.setIcon(QIcon())


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a property the QSS selects on has changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class TextArea(QPlainTextEdit):
    """A few lines of plain text that says when editing ends (focus leaves), like QLineEdit does.

    Signals:
        editingFinished(): the text area lost the focus after its text changed.
    """

    editingFinished = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field of a form
        self._changed = False
        self.textChanged.connect(lambda: setattr(self, "_changed", True))
        height = self.fontMetrics().lineSpacing() * lines + 20
        self.setFixedHeight(height)

    def set_text(self, text: str) -> None:
        """Replace the text without it counting as an edit."""
        self.setPlainText(text)
        self._changed = False

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self._changed:
            self._changed = False
            self.editingFinished.emit()


class FormField(QWidget):
    """A label above an editor, with room below for an error or a warning about its value.

    Attributes:
        editor: the input widget.
        message: the line under it (hidden while there is nothing to say).
    """

    def __init__(self, text: str, editor: QWidget, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.caption = label(text, "fieldLabel")
        self.caption.setBuddy(editor)
        editor.setAccessibleName(text)
        self.message = label("", "fieldError", wrap=True)
        self.message.hide()
        self.hint = label(hint, "small", wrap=True)
        self.hint.setVisible(bool(hint))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(5)
        layout.addWidget(self.caption)
        layout.addWidget(editor)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)

    def show_error(self, text: str) -> None:
        self._say(text, "fieldError", invalid=True)

    def show_warning(self, text: str) -> None:
        self._say(text, "fieldWarning", invalid=False)

    def clear(self) -> None:
        self._say("", "fieldError", invalid=False)

    def _say(self, text: str, role: str, *, invalid: bool) -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.setVisible(bool(text))
        restyle(self.message)
        self.editor.setProperty("invalid", invalid)
        restyle(self.editor)
        self.editor.setAccessibleDescription(text)


def pill_row(labels: Sequence[str], role: str = "flag", *, empty: str = "") -> QWidget:
    """Pills in a row ("Hypertension", "Pregnancy"); ``empty`` is shown, muted, when there are none."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(6)
    for text in labels:
        pill = QLabel(text)
        pill.setProperty("role", role)
        line.addWidget(pill)
    if not labels and empty:
        line.addWidget(label(empty, "small"))
    line.addStretch(1)
    row.setAccessibleName(", ".join(labels) if labels else empty)
    return row
