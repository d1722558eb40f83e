"""Account changes that touch both the database and the key file: add, reset, change, deactivate.

On an encrypted clinic each active account has a key slot; these functions keep the two in step so
that whoever may sign in can open the file, and a deactivated account no longer can.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from facilitator.db.models import Account
from facilitator.errors import UserError
from facilitator.services import accounts, clinic_keys
from facilitator.services.accounts import AccountRow
from facilitator.services.store import Store


def _require_admin(store: Store) -> None:
    if store.actor is None or not store.actor.is_admin:
        raise UserError("Only an administrator can manage accounts.")


def add_account(store: Store, *, username: str, display_name: str, password: str, role: str,
                credentials: str = "") -> int:
    """Create an account; on an encrypted clinic also give it a key slot. Returns the account id."""
    _require_admin(store)
    with store.session() as session:
        account = accounts.create_account(session, username=username, display_name=display_name,
                                          password=password, role=role, credentials=credentials)
        if store.keyfile is not None and store.data_key is not None:
            # Inside the transaction: if the key file cannot be written, the account is not created.
            clinic_keys.put_slot(store.keyfile, store.data_key, account.username, password)
        return account.id


def change_own_password(store: Store, old: str, new: str, now: datetime) -> None:
    """The signed-in person changes their password; their key slot is re-wrapped, nothing else."""
    if store.actor is None or store.actor.id is None:
        raise UserError("Sign in with your own account to change its password.")
    with store.session() as session:
        account = accounts.change_password(session, store.actor.id, old, new, now)
        if store.keyfile is not None and store.data_key is not None:
            clinic_keys.put_slot(store.keyfile, store.data_key, account.username, new)


def reset_password(store: Store, account_id: int, new: str, now: datetime) -> None:
    """An administrator sets a new password (e.g. a forgotten one, or after a lockout)."""
    _require_admin(store)
    with store.session() as session:
        account = _get(session, account_id)
        if not account.active:
            raise UserError("Reactivate the account before setting its password.")
        accounts.set_password(session, account, new, now)
        if store.keyfile is not None and store.data_key is not None:
            clinic_keys.put_slot(store.keyfile, store.data_key, account.username, new)


def set_active(store: Store, account_id: int, active: bool) -> None:
    """Deactivate (its key slot is removed) or reactivate (a new password must then be set)."""
    _require_admin(store)
    with store.session() as session:
        account = accounts.set_active(session, account_id, active)
        if not active and store.keyfile is not None:
            clinic_keys.drop_slot(store.keyfile, account.username)


def list_accounts(store: Store, now: datetime) -> list[AccountRow]:
    return store.run(accounts.list_accounts, now)


def _get(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise UserError("That account does not exist.")
    return account
