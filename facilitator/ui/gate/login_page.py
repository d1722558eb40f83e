"""Signing in to an existing clinic, and the break-glass path with the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from facilitator.services.clinic_keys import Credentials, RecoveryAccess
from facilitator.services.demo.credentials import DEMO_PASSWORD, DEMO_USERNAME
from facilitator.ui.gate.form import GateCard, password_field


class LoginPage(GateCard):
    """Username and password.

    Signals:
        submitted(Credentials): the person pressed Sign in.
        emergencyRequested(): the person asked for emergency access.
    """

    submitted = Signal(object)
    emergencyRequested = Signal()

    def __init__(self, where: str, *, demo: bool = False, parent: QWidget | None = None) -> None:
        sentence = f"Sign in to open the clinic's records on {where}."
        if demo:
            # DESIGN.md: a demo database shows its (public, fictional) credentials on the login.
            sentence += (f" This is the fictional demo clinic: sign in as “{DEMO_USERNAME}” with the password "
                         f"“{DEMO_PASSWORD}”.")
        super().__init__("Sign in", sentence, parent)
        self.username = self.add_field("Username", QLineEdit())
        self.password = self.add_field("Password", password_field())
        self.sign_in_button = self.add_button("Sign in")
        self.emergency_button = self.add_button("Emergency access with the recovery key…", "link")
        self.sign_in_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.emergency_button.clicked.connect(self.emergencyRequested.emit)
        if demo:
            self.username.setText(DEMO_USERNAME)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # With the username already there (the demo clinic), the password is what is left to type.
        (self.password if self.username.text() else self.username).setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.sign_in_button, self.username, self.password, self.emergency_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText("Signing in…" if busy else "Sign in")
        if not busy:
            self.password.setFocus()

    def _submit(self) -> None:
        if not self.username.text().strip() or not self.password.text():
            self.show_error("Enter your username and password.")
            return
        self.show_error("")
        credentials = Credentials(self.username.text(), self.password.text())
        self.password.clear()  # the typed password lives no longer than the attempt
        self.submitted.emit(credentials)


class EmergencyPage(GateCard):
    """Break-glass access: the printed recovery key and a reason, both recorded loudly in the audit trail.

    Signals:
        submitted(RecoveryAccess), cancelled().
    """

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Emergency access",
            "For when nobody who can sign in is available. The access, its time and your reason are recorded in "
            "the audit trail for the clinic's administrator.", parent, width=520)
        self.key = self.add_field("Recovery key", QLineEdit())
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why emergency access is needed")
        self.reason.setFixedHeight(90)
        self.add_field("Reason", self.reason)
        self.open_button = self.add_button("Open the records")
        self.back_button = self.add_button("Back to sign in", "link")
        self.open_button.clicked.connect(self._submit)
        self.back_button.clicked.connect(self.cancelled.emit)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.open_button, self.back_button, self.key, self.reason):
            widget.setEnabled(not busy)

    def _submit(self) -> None:
        if not self.key.text().strip():
            self.show_error("Enter the recovery key as it is printed.")
            return
        if not self.reason.toPlainText().strip():
            self.show_error("Give a reason; it is recorded in the audit trail.")
            return
        self.show_error("")
        access = RecoveryAccess(self.key.text(), self.reason.toPlainText().strip())
        self.key.clear()
        self.submitted.emit(access)
