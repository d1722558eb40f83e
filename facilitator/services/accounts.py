"""Staff accounts: password rules, hashing, sign-in with backoff and lockout, administration.

Accounts are never deleted (their names stand on signed records); they are deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Account
from facilitator.domain.enums import Role
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.account_rules import (
    LOCKOUT_AFTER,
    LOCKOUT_MINUTES,
    MIN_PASSWORD_LENGTH,
    USERNAME,
    SignInError,
    backoff_seconds,
    check_password_rules,
    check_username,
)
from facilitator.services.actor import Actor

__all__ = ["HASHER", "LOCKOUT_AFTER", "LOCKOUT_MINUTES", "MIN_PASSWORD_LENGTH", "USERNAME", "AccountRow", "SignInError",
           "backoff_seconds", "change_password", "check_password_rules", "check_username", "create_account",
           "find_account", "list_accounts", "password_matches", "set_active", "set_password", "sign_in",
           "to_actor", "unlock_account"]

# RFC 9106's second recommended Argon2id option; about 0.13 s here (see README "Security").
HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=2)


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    credentials: str
    role: str
    active: bool
    last_login_at: datetime | None
    locked: bool


def to_actor(account: Account) -> Actor:
    return Actor(id=account.id, username=account.username, display_name=account.display_name,
                 credentials=account.credentials, role=account.role)


def create_account(session: Session, *, username: str, display_name: str, password: str,
                   role: str = Role.CLINICIAN.value, credentials: str = "") -> Account:
    """Create an account (the caller also gives it a key slot on an encrypted database)."""
    name = check_username(username)
    if not display_name.strip():
        raise UserError("An account needs a display name (as it will appear on signed notes).")
    if role not in {r.value for r in Role}:
        raise UserError(f"The role {role!r} is not one of admin, clinician, monitor.")
    check_password_rules(password, name)
    if session.scalar(select(func.count()).select_from(Account).where(Account.username == name)):
        raise UserError(f"The username {name!r} is already taken.")
    account = Account(username=name, display_name=display_name.strip(), credentials=credentials.strip(),
                      role=role, password_hash=HASHER.hash(password))
    session.add(account)
    session.flush()
    actors.record(session, "user_create", entity_type="account", entity_id=account.id, detail=f"role: {role}")
    return account


def find_account(session: Session, username: str) -> Account | None:
    return session.scalar(select(Account).where(Account.username == username.strip().lower()))


def password_matches(account: Account, password: str) -> bool:
    try:
        return HASHER.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(session: Session, username: str, password: str, now: datetime) -> Actor:
    """Check a password against the account table, with backoff and lockout; audit either way.

    Raises:
        SignInError: wrong name or password, locked or deactivated account, or too soon after a failure.
    """
    account = find_account(session, username)
    if account is None:
        HASHER.hash(password)  # same cost as a real check: timing does not reveal unknown usernames
        actors.record(session, "login_failed", detail="unknown username", actor=actors.SYSTEM)
        raise SignInError("The username or password is not right.")
    who = to_actor(account)
    if account.locked_until is not None and account.locked_until > now:
        wait = int((account.locked_until - now).total_seconds()) + 1
        if account.failed_logins >= LOCKOUT_AFTER:
            raise SignInError(f"This account is locked after {LOCKOUT_AFTER} failed sign-ins; try again in "
                              f"{max(1, wait // 60)} minutes or ask an administrator to unlock it.")
        raise SignInError(f"Please wait {wait} seconds before trying again.")
    if not password_matches(account, password):
        account.failed_logins += 1
        if account.failed_logins >= LOCKOUT_AFTER:
            account.locked_until = now + timedelta(minutes=LOCKOUT_MINUTES)
            actors.record(session, "account_locked", entity_type="account", entity_id=account.id, actor=who)
        else:
            account.locked_until = now + timedelta(seconds=backoff_seconds(account.failed_logins))
        actors.record(session, "login_failed", entity_type="account", entity_id=account.id, actor=who)
        raise SignInError("The username or password is not right.")
    if not account.active:
        actors.record(session, "login_failed", entity_type="account", entity_id=account.id,
                      detail="deactivated", actor=who)
        raise SignInError("This account is deactivated; ask an administrator.")
    account.failed_logins = 0
    account.locked_until = None
    account.last_login_at = now
    return who


def change_password(session: Session, account_id: int, old: str, new: str, now: datetime) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise UserError("That account does not exist.")
    if not password_matches(account, old):
        raise UserError("The current password is not right; the password was not changed.")
    return set_password(session, account, new, now)


def set_password(session: Session, account: Account, new: str, now: datetime) -> Account:
    """Replace an account's password (an admin's reset, or the owner's change)."""
    check_password_rules(new, account.username)
    account.password_hash = HASHER.hash(new)
    account.password_changed_at = now
    account.failed_logins = 0
    account.locked_until = None
    actors.record(session, "password_change", entity_type="account", entity_id=account.id)
    return account


def set_active(session: Session, account_id: int, active: bool) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise UserError("That account does not exist.")
    if not active and account.role == Role.ADMIN.value:
        admins = session.scalar(select(func.count()).select_from(Account).where(
            Account.role == Role.ADMIN.value, Account.active.is_(True)))
        if (admins or 0) <= 1:
            raise UserError("The last active administrator cannot be deactivated.")
    account.active = active
    actors.record(session, "user_activate" if active else "user_deactivate", entity_type="account",
                  entity_id=account.id)
    return account


def unlock_account(session: Session, account_id: int) -> None:
    account = session.get(Account, account_id)
    if account is not None:
        account.failed_logins = 0
        account.locked_until = None
        actors.record(session, "user_unlock", entity_type="account", entity_id=account.id)


def list_accounts(session: Session, now: datetime) -> list[AccountRow]:
    return [
        AccountRow(id=a.id, username=a.username, display_name=a.display_name, credentials=a.credentials,
                   role=a.role, active=a.active, last_login_at=a.last_login_at,
                   locked=a.failed_logins >= LOCKOUT_AFTER and a.locked_until is not None and a.locked_until > now)
        for a in session.scalars(select(Account).order_by(Account.display_name))
    ]
