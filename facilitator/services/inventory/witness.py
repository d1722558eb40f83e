"""Witnesses to waste and counts: a second signed-in colleague, or a name with a signature line on paper."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from facilitator.db.models import Account
from facilitator.errors import UserError
from facilitator.services.actor import Actor

# An account id (a colleague who signed in to witness) or the name of the person watching.
WitnessRef = int | str

MAX_NAME = 120


@dataclass(frozen=True)
class Witness:
    """Who watched.

    Attributes:
        account_id: the witness's account when they signed in; None for a witness known by name only.
        name: as printed on the log (an account's signature, or the name typed in).
    """

    account_id: int | None
    name: str

    @property
    def needs_signature(self) -> bool:
        """A witness known only by name signs the printed log by hand."""
        return self.account_id is None


def resolve_witness(session: Session, witness: WitnessRef | None, actor: Actor, *, required: bool) -> Witness | None:
    """Check a witness against the rules and return how it is recorded.

    Args:
        witness: an account id, a name, or None.
        actor: the person recording the entry, who cannot witness it.
        required: refuse a missing witness (waste) instead of returning None.

    Raises:
        UserError: a missing witness when required, an unknown or deactivated account, or the recorder themself.
    """
    if witness is None or (isinstance(witness, str) and not witness.strip()):
        if required:
            raise UserError("A waste needs a witness: a second signed-in colleague, "
                            "or the name of the person watching.")
        return None
    if isinstance(witness, bool):
        raise UserError("A witness is a colleague's account or a person's name.")
    if isinstance(witness, int):
        account = session.get(Account, witness)
        if account is None:
            raise UserError("The witness's account does not exist.")
        if not account.active:
            raise UserError(f"{account.display_name}'s account is deactivated; an active colleague must witness.")
        if account.id == actor.id:
            raise UserError("The person recording an entry cannot also witness it; a second person must watch.")
        return Witness(account_id=account.id, name=account.signature)
    name = " ".join(witness.split())
    if len(name) < 2 or len(name) > MAX_NAME:
        raise UserError(f"A witness's name needs 2 to {MAX_NAME} characters.")
    mine = {actor.display_name.casefold(), actor.signature.casefold(), actor.username.casefold()}
    if name.casefold() in mine:
        raise UserError("The person recording an entry cannot also witness it; a second person must watch.")
    return Witness(account_id=None, name=name)
