"""The Notes screen's questions: sign now?, an addendum's text (versions: the conflict dialog).

Each is a plain function so tests can patch the answer instead of clicking a modal dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.ui.widgets.page import label


def confirm_sign(parent: QWidget, signer: str, when: str) -> bool:
    """Ask before signing: the signature and time are named, and that the note locks."""
    answer = QMessageBox.question(
        parent, "Sign this note?",
        f"The note will be signed “{signer}”, {when}, and locked. Later changes become addenda.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


def ask_addendum(parent: QWidget) -> str | None:
    """The text of an addendum to a signed note, or None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Add an addendum")
    text = QPlainTextEdit()
    text.setAccessibleName("Addendum text")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    column = QVBoxLayout(dialog)
    column.addWidget(label("The addendum is signed with your name and the time, and shown under the note.",
                           "muted", wrap=True))
    column.addWidget(text)
    column.addWidget(buttons)
    dialog.resize(560, 320)
    return text.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None


def tell(parent: QWidget, message: str) -> None:
    QMessageBox.information(parent, "Notes", message)
