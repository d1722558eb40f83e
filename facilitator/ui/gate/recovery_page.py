"""The recovery key, shown once after set-up: the only way in if every password is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from facilitator.ui.gate.form import GateCard


class RecoveryPage(GateCard):
    """Shows the recovery key and asks the person to keep it safe before going on.

    Signals:
        done(): the key was copied or printed and the person confirmed it.
    """

    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Keep this recovery key safe",
            "Print it or write it down and lock it away. It opens the clinic's records if every password is "
            "forgotten; its use is recorded in the audit trail. It is shown only now.", parent, width=560)
        self.key_label = QLabel()
        self.key_label.setProperty("role", "recoveryKey")
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName("Recovery key")
        self.body.insertWidget(2, self.key_label)
        self.copy_button = self.add_button("Copy to the clipboard", "link")
        self.kept = QCheckBox("I have stored the recovery key somewhere safe")
        self.buttons.addWidget(self.kept)
        self.continue_button = self.add_button("Continue")
        self.continue_button.setEnabled(False)
        self.kept.toggled.connect(self.continue_button.setEnabled)
        self.copy_button.clicked.connect(self._copy)
        self.continue_button.clicked.connect(self._finish)

    def set_key(self, key: str) -> None:
        # Two lines of four groups: easier to copy onto paper without losing one's place.
        groups = key.split("-")
        self.key_label.setText("-".join(groups[:4]) + "\n" + "-".join(groups[4:]))
        self._key = key

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self._key)
        self.copy_button.setText("Copied")

    def _finish(self) -> None:
        self.key_label.clear()  # nothing of the key stays in a widget once it is put away
        self._key = ""
        self.done.emit()
