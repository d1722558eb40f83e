"""Participants as lists (the roster screens of a later issue build on these)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Participant
from facilitator.errors import UserError
from facilitator.services import conflicts


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    full_name: str
    preferred_name: str
    status: str


def list_participants(session: Session, *, include_archived: bool = True) -> list[ParticipantRow]:
    query = select(Participant).order_by(Participant.legal_last_name, Participant.legal_first_name, Participant.id)
    if not include_archived:
        query = query.where(Participant.status != "archived")
    return [
        ParticipantRow(id=p.id, full_name=p.full_name, preferred_name=p.preferred_name, status=p.status)
        for p in session.scalars(query)
    ]


EDITABLE = frozenset({
    "legal_first_name", "legal_last_name", "preferred_name", "pronouns", "preferred_language", "date_of_birth",
    "email", "phone", "address", "emergency_contact_name", "emergency_contact_phone", "emergency_contact_relation",
    "flag_hypertension", "flag_cardiac", "flag_psychosis_history", "flag_pregnancy", "flag_substance_use",
    "medications", "consent_date", "status",
})


def update_participant(session: Session, participant_id: int, expected_version: int,
                       changes: Mapping[str, Any]) -> int:
    """Save an edit made on version ``expected_version`` of a participant. Returns the new version.

    Raises:
        EditConflict: another computer saved this participant since (both versions attached).
        UserError: an unknown participant or field.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise UserError(f"These participant fields cannot be edited: {', '.join(sorted(unknown))}.")
    row = session.get(Participant, participant_id)
    if row is None:
        raise UserError("That participant does not exist.")
    conflicts.check_version(row, expected_version, changes, "participant")
    for key, value in changes.items():
        setattr(row, key, value)
    with conflicts.stale_as_conflict("participant", participant_id):
        session.flush()
    return row.version
