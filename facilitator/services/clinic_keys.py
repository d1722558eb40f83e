"""Opening an encrypted clinic file: key slots per account, backoff and lockout before the file opens.

Counters of failed attempts live in the key file, because a wrong password cannot open the database
to write them there; they are copied into the audit trail at the next successful sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from facilitator.db import keyslots
from facilitator.db.keyslots import KdfParams, KeyFile
from facilitator.errors import UserError
from facilitator.services.account_rules import LOCKOUT_AFTER, LOCKOUT_MINUTES, SignInError, backoff_seconds


@dataclass(frozen=True)
class Credentials:
    """A username and password typed by a person."""

    username: str
    password: str = field(repr=False)


@dataclass(frozen=True)
class RecoveryAccess:
    """Break-glass access with the clinic's printed recovery key, and the reason for using it."""

    recovery_key: str = field(repr=False)
    reason: str


class SignInRequired(UserError):
    """The database is protected and no credentials were given."""


def create_keyfile(path: Path, username: str, password: str, *, demo: bool = False,
                   kdf: KdfParams | None = None) -> tuple[bytes, str]:
    """Start a new encrypted clinic: a fresh data key, the first account's slot and a recovery slot.

    Returns:
        The data key and the recovery key (to be shown once and printed by the person setting up).
    """
    if path.exists():
        raise UserError(f"A key file {path.name} already exists; a clinic database is already set up here.")
    data_key = keyslots.new_data_key()
    recovery = keyslots.new_recovery_key()
    import uuid  # only when a clinic is made; it costs start-up time otherwise

    keyfile = KeyFile(database_id=str(uuid.uuid4()), demo=demo)
    keyfile.replace_slot(keyslots.seal(keyfile, data_key, password.encode(), kind="password",
                                       username=username, kdf=kdf))
    keyfile.replace_slot(keyslots.seal(keyfile, data_key, keyslots.normalise_recovery_key(recovery),
                                       kind="recovery", username="", kdf=kdf))
    keyslots.save_keyfile(path, keyfile)
    return data_key, recovery


def unlock_with_password(path: Path, username: str, password: str, now: datetime) -> bytes:
    """The data key, if ``password`` opens ``username``'s slot.

    Raises:
        SignInError: wrong name or password, too soon after a failure, or locked after five failures.
    """
    keyfile = keyslots.load_keyfile(path)
    name = username.strip().lower()
    slot = keyfile.slot_for(name)
    if slot is None:
        keyfile.pending_audit.append({"at": now.isoformat(), "action": "login_failed", "detail": "unknown username"})
        keyslots.save_keyfile(path, keyfile)
        raise SignInError("The username or password is not right.")
    if slot.not_before is not None and datetime.fromisoformat(slot.not_before) > now:
        wait = int((datetime.fromisoformat(slot.not_before) - now).total_seconds()) + 1
        if slot.failed >= LOCKOUT_AFTER:
            raise SignInError(f"This account is locked after {LOCKOUT_AFTER} failed sign-ins; try again in "
                              f"{max(1, wait // 60)} minutes or ask an administrator to reset the password.")
        raise SignInError(f"Please wait {wait} seconds before trying again.")
    data_key = keyslots.unseal(keyfile, slot, password.encode())
    if data_key is None:
        failed = slot.failed + 1
        delay = timedelta(minutes=LOCKOUT_MINUTES) if failed >= LOCKOUT_AFTER else timedelta(
            seconds=backoff_seconds(failed))
        keyfile.replace_slot(replace(slot, failed=failed, not_before=(now + delay).isoformat()))
        keyfile.pending_audit.append({"at": now.isoformat(), "username": name,
                                      "action": "account_locked" if failed == LOCKOUT_AFTER else "login_failed"})
        keyslots.save_keyfile(path, keyfile)
        raise SignInError("The username or password is not right.")
    if slot.failed or slot.not_before:
        keyfile.replace_slot(replace(slot, failed=0, not_before=None))
        keyslots.save_keyfile(path, keyfile)
    return data_key


def verify_password(path: Path, username: str, password: str) -> bool:
    """True if ``password`` opens the slot (the idle lock's check; no counters touched)."""
    keyfile = keyslots.load_keyfile(path)
    slot = keyfile.slot_for(username)
    return slot is not None and keyslots.unseal(keyfile, slot, password.encode()) is not None


def unlock_with_recovery(path: Path, recovery_key: str) -> bytes:
    keyfile = keyslots.load_keyfile(path)
    slot = keyfile.recovery_slot()
    data_key = None if slot is None else keyslots.unseal(keyfile, slot, keyslots.normalise_recovery_key(recovery_key))
    if data_key is None:
        raise SignInError("That recovery key does not open this clinic's database.")
    return data_key


def put_slot(path: Path, data_key: bytes, username: str, password: str, kdf: KdfParams | None = None) -> None:
    """Give ``username`` a slot sealed by ``password`` (new account, reset, or change of password)."""
    keyfile = keyslots.load_keyfile(path)
    keyfile.replace_slot(keyslots.seal(keyfile, data_key, password.encode(), kind="password",
                                       username=username, kdf=kdf or _kdf_of(keyfile)))
    keyslots.save_keyfile(path, keyfile)


def drop_slot(path: Path, username: str) -> None:
    keyfile = keyslots.load_keyfile(path)
    keyfile.remove_slot(username)
    keyslots.save_keyfile(path, keyfile)


def take_pending_audit(path: Path) -> list[dict[str, str]]:
    keyfile = keyslots.load_keyfile(path)
    pending, keyfile.pending_audit = keyfile.pending_audit, []
    if pending:
        keyslots.save_keyfile(path, keyfile)
    return pending


def _kdf_of(keyfile: KeyFile) -> KdfParams:
    # New slots use the file's existing cost settings (tests make cheap files; clinics keep the defaults).
    first = next(iter(keyfile.slots), None)
    return replace(first.kdf, salt="") if first else KdfParams()
