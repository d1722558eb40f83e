"""Who watched: a colleague types their own sign-in here, or the witness is named and signs the paper log."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from facilitator.errors import UserError
from facilitator.services.inventory import WitnessRef
from facilitator.services.witness_check import verify_witness
from facilitator.ui.context import AppContext
from facilitator.ui.gate.form import password_field
from facilitator.ui.widgets.page import label

COLLEAGUE, BY_NAME, NOBODY = range(3)


class WitnessField(QWidget):
    """Three ways to name a witness; :meth:`resolve` checks the choice and returns what the service takes.

    A colleague's password is checked without signing them in, so the recorder stays signed in.
    """

    def __init__(self, ctx: AppContext, *, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.required = required
        self._verified: tuple[str, int] | None = None
        self.colleague = QRadioButton("A colleague is here and signs in below")
        self.by_name = QRadioButton("Only one of us is signed in: name the witness (they sign the printed log)")
        self.nobody = QRadioButton("No witness")
        self.group = QButtonGroup(self)
        for i, button in enumerate((self.colleague, self.by_name, self.nobody)):
            self.group.addButton(button, i)
        self.username = QLineEdit()
        self.username.setPlaceholderText("their username")
        self.password = password_field("their password")
        self.name = QLineEdit()
        self.name.setPlaceholderText("full name, as they will sign")
        sign_in = QFormLayout()
        sign_in.setContentsMargins(28, 0, 0, 0)
        captions = [label("Username"), label("Password"), label("Name")]
        for caption in captions:
            caption.setMinimumWidth(90)  # the two small forms line up
        sign_in.addRow(captions[0], self.username)
        sign_in.addRow(captions[1], self.password)
        named = QFormLayout()
        named.setContentsMargins(28, 0, 0, 0)
        named.addRow(captions[2], self.name)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.colleague)
        layout.addLayout(sign_in)
        layout.addWidget(self.by_name)
        layout.addLayout(named)
        layout.addWidget(self.nobody)
        self.nobody.setVisible(not required)
        (self.colleague if required else self.nobody).setChecked(True)
        self.group.idToggled.connect(self._enable)
        self._enable()

    def _enable(self, *_args: object) -> None:
        choice = self.group.checkedId()
        self.username.setEnabled(choice == COLLEAGUE)
        self.password.setEnabled(choice == COLLEAGUE)
        self.name.setEnabled(choice == BY_NAME)

    def resolve(self) -> WitnessRef | None:
        """The witness's account id (password checked) or name; None when optional and nobody watched.

        Raises:
            UserError: a required witness missing, or a colleague's sign-in not right.
        """
        choice = self.group.checkedId()
        if choice == COLLEAGUE:
            who = self.username.text().strip().lower()
            if self._verified is not None and self._verified[0] == who and not self.password.text():
                return self._verified[1]  # checked a moment ago; the form was refused for another reason
            if not who and not self.password.text():
                if self.required:
                    raise UserError("A waste needs a witness: a second signed-in colleague, "
                                    "or the name of the person watching.")
                return None
            try:
                account_id = verify_witness(self.ctx.store, who, self.password.text(), self.ctx.clock)
            finally:
                self.password.clear()
            self._verified = (who, account_id)
            self.password.setPlaceholderText("checked")
            return account_id
        if choice == BY_NAME:
            if not self.name.text().strip() and self.required:
                raise UserError("A waste needs a witness: a second signed-in colleague, "
                                "or the name of the person watching.")
            return self.name.text().strip() or None
        return None
