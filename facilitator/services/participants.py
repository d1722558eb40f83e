"""Participants as lists (the roster screens of a later issue build on these)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Participant


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
