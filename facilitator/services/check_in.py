"""Check-in for a session: who is here (with arrival and leaving times), comments, intentions, drop-ins.

Times come from the caller's clock (the moment a status is set), never typed. Drop-ins join open
groups only: a closed cohort's membership is fixed for the series. Only a planned or running
session's check-in can change; a finished one is history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import Attendance, GroupSession, Participant
from facilitator.domain.clock import utc
from facilitator.domain.enums import AttendanceStatus, GroupKind, ParticipantStatus, SessionStatus
from facilitator.domain.participant_rules import flag_labels, search_key
from facilitator.errors import ConflictError, UserError
from facilitator.services.measures import SavedMeasure, session_measures
from facilitator.services.runner_snapshot import AD_HOC_NAME

HERE = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value, AttendanceStatus.LEFT_EARLY.value)
CONFLICT = "Someone else changed this person's check-in a moment ago; the card now shows their change."
MAX_COMMENT = 300
MAX_INTENTION = 2000


@dataclass(frozen=True)
class CheckInCard:
    """One person on the session's list.

    Attributes:
        version: pass it back with a change; another laptop's newer change is then not overwritten.
        measures: instrument ("GAD-7", "PHQ-9") -> the response taken at this session.
    """

    participant_id: int
    display_name: str
    pronouns: str
    status: str
    arrived_at: datetime | None
    left_at: datetime | None
    comment: str
    intention: str
    drop_in: bool
    flags: tuple[str, ...]
    version: int
    measures: dict[str, SavedMeasure] = field(default_factory=dict)

    @property
    def here(self) -> bool:
        return self.status in HERE

    @property
    def safety_flag(self) -> bool:
        """PHQ-9 item 9 above 0 at this session."""
        return any(m.safety_flag for m in self.measures.values())


@dataclass(frozen=True)
class CheckInSheet:
    """A session's check-in: its header and a card per person on its list (sorted by name)."""

    session_id: int
    group_id: int | None
    group_name: str
    group_kind: str  # "open", "closed", or "" for an ad-hoc session
    capacity: int | None
    protocol_name: str
    status: str
    scheduled_start: datetime
    location: str
    cards: tuple[CheckInCard, ...]

    @property
    def editable(self) -> bool:
        return self.status in (SessionStatus.PLANNED.value, SessionStatus.RUNNING.value)

    @property
    def takes_drop_ins(self) -> bool:
        return self.group_kind != GroupKind.CLOSED.value

    @property
    def here_count(self) -> int:
        return sum(c.here for c in self.cards)


def _session(session: Session, session_id: int) -> GroupSession:
    row = session.get(GroupSession, session_id, options=[
        selectinload(GroupSession.attendance).selectinload(Attendance.participant), selectinload(GroupSession.group)])
    if row is None:
        raise UserError(f"There is no session with id {session_id}.")
    return row


def _editable(row: GroupSession) -> None:
    if row.status == SessionStatus.FINISHED.value:
        raise UserError("This session has finished; its check-in can no longer be changed.")
    if row.status == SessionStatus.CANCELLED.value:
        raise UserError("This session was cancelled; there is no one to check in.")


def _card(a: Attendance, measures: dict[str, SavedMeasure]) -> CheckInCard:
    p = a.participant
    return CheckInCard(
        participant_id=p.id, display_name=p.display_name, pronouns=p.pronouns, status=a.status,
        arrived_at=a.arrived_at, left_at=a.left_at, comment=a.comment, intention=a.intention, drop_in=a.drop_in,
        flags=flag_labels(p), version=a.version, measures=measures,
    )


def check_in_sheet(session: Session, session_id: int) -> CheckInSheet:
    """The session's header and its list, with this session's measures on each card."""
    row = _session(session, session_id)
    measures = session_measures(session, session_id)
    cards = sorted((_card(a, measures.get(a.participant_id, {})) for a in row.attendance),
                   key=lambda c: (c.display_name.casefold(), c.participant_id))
    group = row.group
    return CheckInSheet(
        session_id=row.id, group_id=row.group_id, group_name=group.name if group else (row.title or AD_HOC_NAME),
        group_kind=group.kind if group else "", capacity=group.capacity if group else None,
        protocol_name=row.protocol_name, status=row.status, scheduled_start=row.scheduled_start,
        location=row.location, cards=tuple(cards),
    )


def _attendance(session: Session, row: GroupSession, participant_id: int, version: int | None) -> Attendance:
    found = next((a for a in row.attendance if a.participant_id == participant_id), None)
    if found is None:
        raise UserError("This person is not on the session's list.")
    if version is not None and found.version != version:
        raise ConflictError(CONFLICT)
    return found


def _saved(session: Session, row: GroupSession, a: Attendance) -> CheckInCard:
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(CONFLICT) from None
    return _card(a, session_measures(session, row.id).get(a.participant_id, {}))


def mark_attendance(session: Session, session_id: int, participant_id: int, status: str, *, now: datetime,
                    version: int | None = None) -> CheckInCard:
    """Set a person's attendance; arriving and leaving early are stamped with ``now``.

    Present or late keeps an arrival time already stamped; expected, absent and cancelled clear both
    times (the person was not here, whatever was clicked before).
    """
    if status not in {s.value for s in AttendanceStatus}:
        raise UserError(f"{status!r} is not an attendance status.")
    row = _session(session, session_id)
    _editable(row)
    a = _attendance(session, row, participant_id, version)
    moment = utc(now)
    if status in (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value):
        a.arrived_at = a.arrived_at or moment
        a.left_at = None
    elif status == AttendanceStatus.LEFT_EARLY.value:
        a.left_at = a.left_at or moment
    else:
        a.arrived_at = a.left_at = None
    a.status = status
    return _saved(session, row, a)


def save_check_in_text(session: Session, session_id: int, participant_id: int, *, comment: str | None = None,
                       intention: str | None = None, version: int | None = None) -> CheckInCard:
    """Save a person's check-in comment and/or intention (None leaves one as it is)."""
    row = _session(session, session_id)
    _editable(row)
    a = _attendance(session, row, participant_id, version)
    if comment is not None:
        comment = " ".join(comment.split())
        if len(comment) > MAX_COMMENT:
            raise UserError(f"A check-in comment holds at most {MAX_COMMENT} characters.")
        a.comment = comment
    if intention is not None:
        intention = intention.strip()
        if len(intention) > MAX_INTENTION:
            raise UserError(f"An intention holds at most {MAX_INTENTION} characters.")
        a.intention = intention
    return _saved(session, row, a)


@dataclass(frozen=True)
class Candidate:
    """Someone who could drop in: on file, not archived, not already on the list."""

    id: int
    display_name: str
    full_name: str
    status: str
    flags: tuple[str, ...]


def drop_in_candidates(session: Session, session_id: int) -> list[Candidate]:
    """Everyone who could be added to the session, by last name, accents ignored (the dialog filters as you type)."""
    listed = select(Attendance.participant_id).where(Attendance.session_id == session_id)
    query = (
        select(Participant).where(Participant.status != ParticipantStatus.ARCHIVED.value)
        .where(Participant.id.not_in(listed))
        .order_by(Participant.id)
    )
    people = sorted(session.scalars(query),
                    key=lambda p: (search_key(p.legal_last_name), search_key(p.legal_first_name), p.id))
    return [Candidate(p.id, p.display_name, p.full_name, p.status, flag_labels(p)) for p in people]


@dataclass(frozen=True)
class DropInResult:
    card: CheckInCard
    warning: str  # e.g. over the group's capacity; "" when none


def add_drop_in(session: Session, session_id: int, participant_id: int, *, now: datetime) -> DropInResult:
    """Add someone to an open group's (or an ad-hoc) session as present now, marked as a drop-in.

    Raises:
        UserError: for a closed group, an archived or unknown person, someone already on the list,
            or a session that is finished or cancelled.
    """
    row = _session(session, session_id)
    _editable(row)
    if row.group is not None and row.group.kind == GroupKind.CLOSED.value:
        raise UserError(f"{row.group.name} is a closed group; drop-ins can join open groups only.")
    person = session.get(Participant, participant_id)
    if person is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    if person.status == ParticipantStatus.ARCHIVED.value:
        raise UserError("This participant's record is archived; restore it before they can join a session.")
    if any(a.participant_id == participant_id for a in row.attendance):
        raise UserError("This person is already on the session's list.")
    moment = utc(now)
    a = Attendance(participant=person, status=AttendanceStatus.PRESENT.value, arrived_at=moment, drop_in=True)
    row.attendance.append(a)
    card = _saved(session, row, a)
    warning = ""
    capacity = row.group.capacity if row.group is not None else None
    listed = sum(x.status != AttendanceStatus.CANCELLED.value for x in row.attendance)
    if capacity is not None and listed > capacity:
        warning = f"{listed} people are now on the list, above the group's capacity of {capacity}."
    return DropInResult(card, warning)
