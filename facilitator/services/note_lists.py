"""Notes across sessions: the unsigned ones still to finish, and the themes used before."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Group, GroupSession, Note, Participant
from facilitator.domain import markup
from facilitator.domain.enums import SessionStatus
from facilitator.domain.themes import parse_themes
from facilitator.services.runner_snapshot import AD_HOC_NAME


@dataclass(frozen=True)
class UnfinishedNote:
    """An unsigned note of a past session, for the Today screen's "notes to finish"."""

    note_id: int
    session_id: int
    session_start: datetime
    group_name: str
    participant_id: int | None
    participant_name: str  # "" for the group note
    days_open: int  # whole days since the session
    written: bool  # False while the note is still empty


@dataclass(frozen=True)
class ThemeSuggestion:
    tag: str
    uses: int


def notes_to_finish(session: Session, now: datetime, *, older_than_days: int = 2,
                    author_id: int | None = None) -> list[UnfinishedNote]:
    """Unsigned notes of sessions held more than ``older_than_days`` days before ``now``, oldest first.

    A note's age counts from its session (when it ended, else its scheduled start), since documentation
    is due from the day of care whenever the note row was first opened. Cancelled sessions are left out.

    Args:
        older_than_days: the clinic's setting (``Settings.unsigned_note_days``).
        author_id: keep only the notes this account created (default: everyone's).
    """
    cutoff = now - timedelta(days=older_than_days)
    held = func.coalesce(GroupSession.ended_at, GroupSession.scheduled_start)
    query = (
        select(Note.id, Note.session_id, Note.participant_id, Note.body, GroupSession.scheduled_start,
               GroupSession.ended_at, Group.name, Participant)
        .join(GroupSession, GroupSession.id == Note.session_id)
        .join(Group, Group.id == GroupSession.group_id, isouter=True)
        .join(Participant, Participant.id == Note.participant_id, isouter=True)
        .where(Note.signed_at.is_(None), GroupSession.status != SessionStatus.CANCELLED.value, held < cutoff)
        .order_by(held, Note.session_id, Note.participant_id.is_not(None), Note.id)
    )
    if author_id is not None:
        query = query.where(Note.created_by_id == author_id)
    rows = []
    for note_id, session_id, participant_id, body, start, ended, group, person in session.execute(query):
        rows.append(UnfinishedNote(
            note_id=note_id, session_id=session_id, session_start=start, group_name=group or AD_HOC_NAME,
            participant_id=participant_id, participant_name=person.display_name if person else "",
            days_open=(now - (ended or start)).days, written=not markup.is_blank(body),
        ))
    return rows


def suggest_themes(session: Session, prefix: str = "", *, limit: int = 12) -> list[ThemeSuggestion]:
    """Theme tags used before on notes, most used first (ties alphabetically), optionally by prefix."""
    wanted = " ".join(prefix.split()).lower()
    counts: Counter[str] = Counter()
    # Few distinct theme strings repeat over thousands of notes: count them in SQL, split them here.
    for themes, uses in session.execute(select(Note.themes, func.count()).where(Note.themes != "")
                                        .group_by(Note.themes)):
        for tag in parse_themes(themes):
            counts[tag] += uses
    ranked = sorted(((tag, n) for tag, n in counts.items() if tag.startswith(wanted)), key=lambda t: (-t[1], t[0]))
    return [ThemeSuggestion(tag, n) for tag, n in ranked[:limit]]
