"""The Accounts part of Settings: everyone changes their own password; administrators manage people."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.services import account_admin
from facilitator.services.accounts import AccountRow
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs.account_dialogs import ROLES, AddAccountDialog, PasswordDialog
from facilitator.ui.widgets.page import card, divider, label

ROLE_NAMES = {value: text.split(" — ")[0] for value, text in ROLES}


class AccountsPanel(QWidget):
    """A card listing accounts with their actions. Runs on the UI thread (small, quick queries)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.frame = card()
        self.rows = QVBoxLayout(self.frame)
        self.rows.setContentsMargins(28, 22, 28, 24)
        self.rows.setSpacing(12)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.message = label("", "small", wrap=True)
        outer.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        store = self.ctx.store
        who = store.actor
        head = QHBoxLayout()
        head.addWidget(label("Accounts", "section"))
        head.addStretch(1)
        self.change_button = QPushButton("Change my password…")
        self.change_button.setEnabled(who is not None and who.id is not None)
        self.change_button.clicked.connect(self.change_own)
        head.addWidget(self.change_button)
        self.add_button = QPushButton("Add a person…")
        self.add_button.setProperty("kind", "primary")
        self.add_button.clicked.connect(self.add)
        head.addWidget(self.add_button)
        holder = QWidget()
        holder.setLayout(head)
        self.rows.addWidget(holder)
        self.admin = who is not None and who.is_admin
        self.add_button.setVisible(self.admin)
        signed_in = f"Signed in as {who.signature}." if who else "Nobody is signed in."
        self.rows.addWidget(label(signed_in, "muted"))
        if not self.admin:
            return
        for row in account_admin.list_accounts(store, self.ctx.clock.now()):
            self.rows.addWidget(divider())
            self.rows.addWidget(self._row(row))

    def _row(self, row: AccountRow) -> QWidget:
        line = QHBoxLayout()
        text = f"{row.display_name}{', ' + row.credentials if row.credentials else ''}"
        line.addWidget(label(text))
        line.addWidget(label(f"{row.username} · {ROLE_NAMES.get(row.role, row.role)}", "muted"))
        if not row.active:
            line.addWidget(label("Deactivated", "pill"))
        elif row.locked:
            line.addWidget(label("Locked out", "pill"))
        line.addStretch(1)
        if row.active:
            reset = QPushButton("Set password…")
            reset.setProperty("kind", "link")
            reset.clicked.connect(lambda: self.reset(row))
            line.addWidget(reset)
        toggle = QPushButton("Deactivate" if row.active else "Reactivate")
        toggle.setProperty("kind", "link")
        toggle.clicked.connect(lambda: self.set_active(row, not row.active))
        toggle.setEnabled(self.ctx.store.actor is None or row.id != self.ctx.store.actor.id)
        line.addWidget(toggle)
        holder = QWidget()
        holder.setLayout(line)
        return holder

    def _done(self, message: str) -> None:
        self.message.setText(message)
        self.refresh()

    def add(self) -> None:
        dialog = AddAccountDialog(lambda **kw: account_admin.add_account(self.ctx.store, **kw), self)
        if dialog.exec():
            self._done("The account was added; it can sign in on this laptop now.")

    def change_own(self) -> None:
        now = self.ctx.clock.now()
        dialog = PasswordDialog("Change my password",
                                lambda old, new: account_admin.change_own_password(self.ctx.store, old, new, now),
                                ask_current=True, parent=self)
        if dialog.exec():
            self._done("Your password was changed.")

    def reset(self, row: AccountRow) -> None:
        now = self.ctx.clock.now()
        dialog = PasswordDialog(f"Set a password for {row.display_name}",
                                lambda _old, new: account_admin.reset_password(self.ctx.store, row.id, new, now),
                                ask_current=False, parent=self)
        if dialog.exec():
            self._done(f"{row.display_name} can sign in with the new password.")

    def set_active(self, row: AccountRow, active: bool) -> None:
        from facilitator.errors import UserError

        try:
            account_admin.set_active(self.ctx.store, row.id, active)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self._done(f"{row.display_name} was {'reactivated; set a password next' if active else 'deactivated'}.")
