"""Setting up a new clinic: the first administrator's account (the database is created encrypted)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from facilitator.errors import UserError
from facilitator.services.account_rules import MIN_PASSWORD_LENGTH, check_password_rules, check_username
from facilitator.services.clinic_probe import NewClinic
from facilitator.ui.gate.form import GateCard, password_field


class SetupPage(GateCard):
    """The form for the clinic's first administrator.

    Signals:
        submitted(NewClinic): the form is complete and valid.
        cancelled(): back to the welcome view.
    """

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Set up your clinic",
            "You will be the clinic's administrator: you add the other facilitators and monitors later. "
            "Every record is encrypted on this laptop; your password opens it.", parent)
        self.clinic = self.add_field("Clinic name", QLineEdit())
        self.display_name = self.add_field("Your name", QLineEdit())
        self.display_name.setPlaceholderText("as it appears on signed notes")
        self.credentials = self.add_field("Credentials", QLineEdit())
        self.credentials.setPlaceholderText("LCSW, RN, MD …")
        self.username = self.add_field("Username", QLineEdit())
        self.password = self.add_field("Password", password_field(f"at least {MIN_PASSWORD_LENGTH} characters"))
        self.confirm = self.add_field("Password again", password_field())
        self.create_button = self.add_button("Create the clinic")
        self.back_button = self.add_button("Back", "link")
        self.create_button.clicked.connect(self._submit)
        self.confirm.returnPressed.connect(self._submit)
        self.back_button.clicked.connect(self.cancelled.emit)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.back_button, self.password, self.confirm, self.username):
            widget.setEnabled(not busy)
        self.create_button.setText("Creating the clinic…" if busy else "Create the clinic")

    def _submit(self) -> None:
        try:
            if not self.display_name.text().strip():
                raise UserError("Enter your name as it should appear on signed notes.")
            username = check_username(self.username.text())
            if self.password.text() != self.confirm.text():
                raise UserError("The two passwords are not the same.")
            check_password_rules(self.password.text(), username)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        self.submitted.emit(NewClinic(username=username, display_name=self.display_name.text().strip(),
                                      password=self.password.text(), credentials=self.credentials.text().strip()))

    def clinic_name(self) -> str:
        return self.clinic.text().strip()
