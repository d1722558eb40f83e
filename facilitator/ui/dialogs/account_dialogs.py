"""Dialogs for accounts: add a person, set a new password, change one's own password."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from facilitator.errors import UserError
from facilitator.services.accounts import MIN_PASSWORD_LENGTH
from facilitator.ui.gate.form import password_field
from facilitator.ui.widgets.page import label

ROLES = (("clinician", "Clinician — runs sessions, writes and signs notes"),
         ("monitor", "Monitor — nurse or physician recording vitals and doses"),
         ("admin", "Administrator — also manages accounts and reads the audit trail"))


class FormDialog(QDialog):
    """A small form with OK/Cancel whose ``apply`` runs on OK; a UserError keeps it open with the sentence."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def apply(self) -> None:  # overridden
        """Do the change; raise UserError to keep the dialog open with one sentence."""

    def _accept(self) -> None:
        try:
            self.apply()
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class AddAccountDialog(FormDialog):
    def __init__(self, add: object, parent: QWidget | None = None) -> None:
        super().__init__("Add a person", parent)
        self._add = add
        self.display_name = QLineEdit()
        self.credentials = QLineEdit()
        self.username = QLineEdit()
        self.role = QComboBox()
        for value, text in ROLES:
            self.role.addItem(text, value)
        self.password = password_field(f"at least {MIN_PASSWORD_LENGTH} characters; they can change it later")
        for text, widget in (("Name", self.display_name), ("Credentials", self.credentials),
                             ("Username", self.username), ("Role", self.role), ("First password", self.password)):
            self.form.addRow(label(text), widget)

    def apply(self) -> None:
        self._add(username=self.username.text(), display_name=self.display_name.text(),  # type: ignore[operator]
                  password=self.password.text(), role=self.role.currentData(), credentials=self.credentials.text())


class PasswordDialog(FormDialog):
    """A new password twice (and the current one when people change their own)."""

    def __init__(self, title: str, change: object, *, ask_current: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._change = change
        self.current = password_field()
        self.new = password_field(f"at least {MIN_PASSWORD_LENGTH} characters")
        self.again = password_field()
        if ask_current:
            self.form.addRow(label("Current password"), self.current)
        self.form.addRow(label("New password"), self.new)
        self.form.addRow(label("New password again"), self.again)

    def apply(self) -> None:
        if self.new.text() != self.again.text():
            raise UserError("The two new passwords are not the same.")
        self._change(self.current.text(), self.new.text())  # type: ignore[operator]
