"""Offer to encrypt a plaintext clinic database after an administrator signs in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from facilitator.services.clinic_keys import Credentials
from facilitator.services.encrypt_existing import encrypt_clinic
from facilitator.services.store import Store
from facilitator.ui.gate.form import password_field
from facilitator.ui.gate.recovery_page import RecoveryPage
from facilitator.ui.widgets.page import label
from facilitator.ui.workers import Task


class EncryptDialog(QDialog):
    """Asks for the administrator's password, encrypts in place off the UI thread, then shows the recovery key.

    Attributes:
        store: the store to use afterwards (the reopened encrypted one, or the same plaintext one).
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Encrypt the clinic's records")
        self.setMinimumWidth(560)
        self.store = store
        self.task: Task | None = None
        self.intro = label("This clinic's records are stored without encryption on this laptop: anyone who copies "
                           "the file can read them. Encrypt them now with your password. A verified encrypted copy "
                           "is kept in the backups folder first. Other accounts get their key when you next set "
                           "their password.", "muted", wrap=True)
        self.password = password_field("your password")
        self.error = label("", "error", wrap=True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.encrypt_button = self.buttons.addButton("Encrypt now", QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.encrypt_button.clicked.connect(self._encrypt)
        self.later_button.clicked.connect(self.reject)
        self.recovery = RecoveryPage()
        self.recovery.hide()
        self.recovery.done.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.password, self.error, self.buttons, self.recovery):
            layout.addWidget(widget)
        layout.setAlignment(self.password, Qt.AlignmentFlag.AlignLeft)

    def _encrypt(self) -> None:
        if self.task is not None or self.store.actor is None:
            return
        credentials = Credentials(self.store.actor.username, self.password.text())
        self.password.clear()
        self.encrypt_button.setEnabled(False)
        self.task = Task(lambda progress=None: encrypt_clinic(self.store, credentials), parent=self)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _done(self, result: Any) -> None:
        self.store, key = result
        for widget in (self.intro, self.password, self.error, self.buttons):
            widget.hide()
        self.recovery.set_key(key)
        self.recovery.show()

    def _failed(self, message: str) -> None:
        self.task = None
        self.encrypt_button.setEnabled(True)
        self.error.setText(message)
        self.error.show()
