"""Locking and unlocking an open clinic: the idle lock, switching user, signing out; all audited."""

from __future__ import annotations

from facilitator.domain.clock import Clock
from facilitator.errors import UserError
from facilitator.services import accounts, clinic_keys
from facilitator.services import actor as actors
from facilitator.services.actor import Actor
from facilitator.services.store import Store


def record_lock(store: Store, reason: str = "idle") -> None:
    """The screen was locked (after idle minutes, or by hand)."""
    with store.session() as session:
        actors.record(session, "lock", detail=reason)


def record_sign_out(store: Store) -> None:
    if store.actor is not None:
        with store.session() as session:
            actors.record(session, "logout")


def unlock(store: Store, username: str, password: str, clock: Clock) -> Actor:
    """Check a password to lift the lock (same user) or to switch to another user.

    The same backoff and lockout apply as at sign-in. On success the store's actor becomes that user.

    Raises:
        SignInError: wrong name or password, too many attempts, or a deactivated account.
    """
    name = username.strip().lower()
    now = clock.now()
    if store.keyfile is not None:
        key = clinic_keys.unlock_with_password(store.keyfile, name, password, now)
        if key != store.data_key:  # a slot from another database's key file: never accept it
            raise accounts.SignInError("The username or password is not right.")
        pending = clinic_keys.take_pending_audit(store.keyfile)
        with store.session() as session:
            for item in pending:
                actors.record(session, item.get("action", "login_failed"), detail=item.get("detail", ""),
                              actor=Actor(id=None, username=item.get("username", ""), display_name=""))
            account = accounts.find_account(session, name)
            if account is None or not account.active:
                raise accounts.SignInError("This account is deactivated; ask an administrator.")
            who = accounts.to_actor(account)
    else:
        failure: UserError | None = None
        with store.session() as session:
            try:
                who = accounts.sign_in(session, name, password, now)
            except accounts.SignInError as exc:
                failure = exc  # the counters and the audit row are committed first
        if failure is not None:
            raise failure
    previous = store.actor
    store.actor = who
    with store.session() as session:
        switched = previous is not None and previous.username != who.username
        actors.record(session, "switch_user" if switched else "unlock",
                      detail=f"from {previous.username}" if switched and previous else "")
    return who
