"""A participant's history, newest first: sessions, doses, notes and measures as read-only lists.

Each list is one query. Later features (notes, monitoring) can enrich these rows without the profile
screen changing shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Dose, Group, GroupSession, MeasureResponse, Note
from facilitator.domain.scales import safety_flag
from facilitator.services.runner_snapshot import AD_HOC_NAME


@dataclass(frozen=True)
class AttendedRow:
    session_id: int
    scheduled_start: datetime
    group_name: str
    protocol_name: str
    session_status: str
    attendance: str
    drop_in: bool
    intention: str


@dataclass(frozen=True)
class DoseRow:
    session_id: int
    given_at: datetime
    medication: str
    route: str
    amount_mg: float
    booster: bool


@dataclass(frozen=True)
class NoteRow:
    session_id: int
    scheduled_start: datetime
    group_name: str
    signed: bool
    excerpt: str  # the start of the note as plain text


@dataclass(frozen=True)
class MeasureRow:
    id: int
    session_id: int | None
    instrument: str
    taken_on: date
    total: int
    severity: str
    items: tuple[int, ...]
    safety_flag: bool  # PHQ-9 item 9 above 0


@dataclass(frozen=True)
class ParticipantTimeline:
    sessions: tuple[AttendedRow, ...]
    doses: tuple[DoseRow, ...]
    notes: tuple[NoteRow, ...]
    measures: tuple[MeasureRow, ...]


def _plain(body: str, limit: int = 140) -> str:
    """The start of a note's safe markup as one line of plain text."""
    text, inside = [], False
    for ch in body:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
            text.append(" ")
        elif not inside:
            text.append(ch)
    line = " ".join("".join(text).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


def measure_rows(session: Session, participant_id: int) -> tuple[MeasureRow, ...]:
    """Every GAD-7 and PHQ-9 of the participant, newest first."""
    query = (
        select(MeasureResponse).where(MeasureResponse.participant_id == participant_id)
        .order_by(MeasureResponse.taken_on.desc(), MeasureResponse.id.desc())
    )
    return tuple(
        MeasureRow(id=m.id, session_id=m.session_id, instrument=m.instrument, taken_on=m.taken_on, total=m.total,
                   severity=m.severity, items=tuple(m.items), safety_flag=safety_flag(m.instrument, m.items))
        for m in session.scalars(query)
    )


def participant_timeline(session: Session, participant_id: int) -> ParticipantTimeline:
    """The participant's sessions (every attendance record), doses, notes and measures, newest first."""
    attended = session.execute(
        select(Attendance, GroupSession, Group.name)
        .join(GroupSession, GroupSession.id == Attendance.session_id)
        .join(Group, Group.id == GroupSession.group_id, isouter=True)
        .where(Attendance.participant_id == participant_id)
        .order_by(GroupSession.scheduled_start.desc(), GroupSession.id.desc())
    )
    sessions = tuple(
        AttendedRow(session_id=s.id, scheduled_start=s.scheduled_start, group_name=name or s.title or AD_HOC_NAME,
                    protocol_name=s.protocol_name, session_status=s.status, attendance=a.status, drop_in=a.drop_in,
                    intention=a.intention)
        for a, s, name in attended
    )
    doses = tuple(
        DoseRow(session_id=d.session_id, given_at=d.given_at, medication=d.medication, route=d.route,
                amount_mg=float(d.amount_mg), booster=d.booster)
        for d in session.scalars(
            select(Dose).where(Dose.participant_id == participant_id).order_by(Dose.given_at.desc(), Dose.id.desc())
        )
    )
    notes = tuple(
        NoteRow(session_id=s.id, scheduled_start=s.scheduled_start, group_name=name or s.title or AD_HOC_NAME,
                signed=n.signed_at is not None, excerpt=_plain(n.body))
        for n, s, name in session.execute(
            select(Note, GroupSession, Group.name)
            .join(GroupSession, GroupSession.id == Note.session_id)
            .join(Group, Group.id == GroupSession.group_id, isouter=True)
            .where(Note.participant_id == participant_id)
            .order_by(GroupSession.scheduled_start.desc(), Note.id.desc())
        )
    )
    measures = measure_rows(session, participant_id)
    return ParticipantTimeline(sessions=sessions, doses=doses, notes=notes, measures=measures)
