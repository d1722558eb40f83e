"""What participants take home or see in the room: their handout, and the session plan.

A handout carries only its own participant's words. The session's themes come from the group
note's theme *tags*, never from its free text, which may speak of other people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Dose, GroupSession, Note, Participant
from facilitator.domain.enums import AttendanceStatus, Language, NoteKind, ProtocolKind, SessionStatus
from facilitator.errors import UserError
from facilitator.services.documents.records import IN_ROOM, ClinicInfo, audit_report, load_clinic, split_tags
from facilitator.services.runner_snapshot import AD_HOC_NAME, load_group_session


@dataclass(frozen=True)
class NextSession:
    starts_at: datetime
    location: str
    title: str


@dataclass(frozen=True)
class HandoutData:
    """One participant's take-home handout.

    Attributes:
        name: how the handout greets them (preferred first name, legal last name).
        first_name: the preferred (or legal) first name alone.
        language: the participant's preferred language ("en", "es"); texts fall back to English.
        dosed: they received medicine in this session (the no-driving reminder says "today").
        themes: the group note's theme tags (never its text, never another participant's words).
    """

    session_id: int
    participant_id: int
    clinic: ClinicInfo
    name: str
    first_name: str
    language: str
    group_name: str
    session_title: str
    session_kind: str
    session_date: datetime
    location: str
    dosed: bool
    intention: str
    themes: tuple[str, ...]
    next_session: NextSession | None


@dataclass(frozen=True)
class PlanPhase:
    name: str
    colour: str
    minutes: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class SessionPlanData:
    """The room's plan of a session: phases with clock times from its scheduled start; no names of participants."""

    session_id: int
    clinic: ClinicInfo
    group_name: str
    title: str
    protocol_name: str
    session_kind: str
    starts_at: datetime
    location: str
    facilitators: tuple[str, ...]
    phases: tuple[PlanPhase, ...]
    language: str = Language.EN.value


def _next_session(session: Session, row: GroupSession) -> NextSession | None:
    if row.group_id is None:
        return None
    following = session.scalars(
        select(GroupSession)
        .where(GroupSession.group_id == row.group_id, GroupSession.scheduled_start > row.scheduled_start,
               GroupSession.status != SessionStatus.CANCELLED.value)
        .order_by(GroupSession.scheduled_start, GroupSession.id)
        .limit(1)
    ).first()
    return None if following is None else NextSession(following.scheduled_start, following.location, following.title)


def _themes(session: Session, row: GroupSession) -> tuple[str, ...]:
    """The group note's theme tags, less any tag that holds a name of someone on the session's list.

    Tags are typed by clinicians; one that names a person (a slip, or a tag such as "ana-grief") must
    not carry that name onto everyone's handout.
    """
    tags = session.scalar(select(Note.themes).where(Note.session_id == row.id, Note.participant_id.is_(None),
                                                    Note.kind == NoteKind.GROUP.value))
    names = {part.casefold() for a in row.attendance
             for value in (a.participant.legal_first_name, a.participant.legal_last_name, a.participant.preferred_name)
             for part in re.split(r"[\W_]+", value) if len(part) > 1}
    return tuple(tag for tag in split_tags(tags or "")
                 if not names.intersection(part.casefold() for part in re.split(r"[\W_]+", tag)))


def _handout(session: Session, row: GroupSession, attendance: Attendance, clinic: ClinicInfo,
             themes: tuple[str, ...], following: NextSession | None, dosed: set[int]) -> HandoutData:
    person: Participant = attendance.participant
    return HandoutData(
        session_id=row.id, participant_id=person.id, clinic=clinic, name=person.display_name,
        first_name=person.preferred_name or person.legal_first_name, language=person.preferred_language or "en",
        group_name=row.group.name if row.group is not None else AD_HOC_NAME, session_title=row.title,
        session_kind=row.protocol_kind, session_date=row.started_at or row.scheduled_start, location=row.location,
        dosed=person.id in dosed, intention=attendance.intention, themes=themes, next_session=following,
    )


def _dosed(session: Session, session_id: int) -> set[int]:
    return set(session.scalars(select(Dose.participant_id).where(Dose.session_id == session_id)))


def get_session_handouts(session: Session, session_id: int) -> list[HandoutData]:
    """A handout for each participant present at the session, in name order; audits a "report" event.

    Raises:
        UserError: if there is no such session.
    """
    row = load_group_session(session, session_id)
    present = sorted((a for a in row.attendance if a.status in IN_ROOM),
                     key=lambda a: (a.participant.display_name.casefold(), a.participant_id))
    clinic, themes, following = load_clinic(session), _themes(session, row), _next_session(session, row)
    dosed = _dosed(session, session_id)
    audit_report(session, "handouts", entity_type="group_session", entity_id=session_id)
    return [_handout(session, row, a, clinic, themes, following, dosed) for a in present]


def get_handout_data(session: Session, session_id: int, participant_id: int) -> HandoutData:
    """One participant's handout; audits a "report" event.

    Raises:
        UserError: if there is no such session, or the participant was not in the room.
    """
    row = load_group_session(session, session_id)
    attendance = next((a for a in row.attendance if a.participant_id == participant_id), None)
    if attendance is None or attendance.status not in IN_ROOM:
        raise UserError(f"Participant {participant_id} was not present at session {session_id}, "
                        "so there is no handout for them.")
    audit_report(session, f"handout participant {participant_id}", entity_type="group_session",
                 entity_id=session_id)
    return _handout(session, row, attendance, load_clinic(session), _themes(session, row),
                    _next_session(session, row), _dosed(session, session_id))


def room_language(row: GroupSession) -> str:
    """The language most people on the session's list read (not the cancelled or absent); English on a tie.

    The plan is read by the whole room, so it follows the room: a group held in Spanish gets a
    Spanish plan, a mixed group the language of its majority.
    """
    counts: dict[str, int] = {}
    for a in row.attendance:
        if a.status not in (AttendanceStatus.ABSENT.value, AttendanceStatus.CANCELLED.value):
            code = a.participant.preferred_language or Language.EN.value
            counts[code] = counts.get(code, 0) + 1
    english = counts.get(Language.EN.value, 0)
    best = max(counts.items(), key=lambda item: (item[1], item[0] == Language.EN.value), default=None)
    return best[0] if best is not None and best[1] > english else Language.EN.value


def get_session_plan_data(session: Session, session_id: int, *, language: str | None = None) -> SessionPlanData:
    """The session's phases with planned clock times; audits a "report" event.

    ``language`` None prints the plan in the room's language (``room_language``).

    Raises:
        UserError: if there is no such session.
    """
    row = load_group_session(session, session_id)
    phases: list[PlanPhase] = []
    cursor = row.scheduled_start
    for p in row.phases:
        end = cursor + timedelta(minutes=p.planned_minutes)
        phases.append(PlanPhase(p.name, p.colour, p.planned_minutes, cursor, end))
        cursor = end
    audit_report(session, "session plan", entity_type="group_session", entity_id=session_id)
    return SessionPlanData(
        session_id=row.id, clinic=load_clinic(session),
        group_name=row.group.name if row.group is not None else AD_HOC_NAME, title=row.title,
        protocol_name=row.protocol_name, session_kind=row.protocol_kind or ProtocolKind.DOSING.value,
        starts_at=row.scheduled_start, location=row.location,
        facilitators=tuple(f.signature for f in row.facilitators), phases=tuple(phases),
        language=language or room_language(row),
    )
