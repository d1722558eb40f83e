"""A colleague witnesses at the recorder's laptop: their password is checked without switching who is signed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.domain.clock import Clock
from facilitator.errors import UserError
from facilitator.services import accounts, clinic_keys
from facilitator.services import actor as actors

if TYPE_CHECKING:
    from facilitator.services.store import Store

WRONG = "The witness's username or password is not right."


def verify_witness(store: Store, username: str, password: str, clock: Clock) -> int:
    """Check a second person's password and return their account id, leaving the signed-in person as they are.

    An encrypted clinic checks the password against the person's key slot (no sign-in counters touched);
    a plaintext or server clinic checks the account's password hash. The check is audited with ids only.

    Raises:
        UserError: wrong name or password, a deactivated account, or the signed-in person themself.
    """
    name = username.strip().lower()
    if not name or not password:
        raise UserError("The witness types their own username and password.")
    me = store.actor
    if me is not None and me.username == name:
        raise UserError("The person recording an entry cannot also witness it; a second person must watch.")
    if store.keyfile is not None and not clinic_keys.verify_password(store.keyfile, name, password):
        raise UserError(WRONG)
    with store.session() as session:
        account = accounts.find_account(session, name)
        if account is None:
            raise UserError(WRONG)
        if store.keyfile is None and not accounts.password_matches(account, password):
            raise UserError(WRONG)
        if not account.active:
            raise UserError(f"{account.display_name}'s account is deactivated; an active colleague must witness.")
        if me is not None and account.id == me.id:
            raise UserError("The person recording an entry cannot also witness it; a second person must watch.")
        actors.record(session, "witness_verified", entity_type="account", entity_id=account.id,
                      detail=f"at {clock.now().isoformat(timespec='seconds')}")
        return account.id
