"""What the session setup screen offers to choose from: groups, staff, protocols, plans and people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from facilitator.db.models import Account, Attendance, Group, GroupSession, Membership, Participant
from facilitator.domain.enums import SessionStatus
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.protocols import ProtocolSummary, list_protocols
from facilitator.services.runner_snapshot import short_name
from facilitator.services.sessions import SessionRow, rows_for


@dataclass(frozen=True)
class GroupChoice:
    """A group a session can be planned for, with what it gives a new plan by default."""

    id: int
    name: str
    default_protocol_id: int | None
    location: str
    meeting_time: str  # "HH:MM" clinic local time, or ""
    facilitator_ids: tuple[int, ...]


@dataclass(frozen=True)
class StaffChoice:
    id: int
    name: str  # display name with credentials ("Dana Rivera, LCSW")
    role: str


@dataclass(frozen=True)
class SetupChoices:
    groups: tuple[GroupChoice, ...]
    protocols: tuple[ProtocolSummary, ...]
    staff: tuple[StaffChoice, ...]


@dataclass(frozen=True)
class ExpectedPerson:
    """Someone expected at a session (the roster's check-in will add arrival and intention)."""

    participant_id: int
    name: str
    short_name: str
    attendance: str


def setup_choices(session: Session) -> SetupChoices:
    """Groups planning or meeting, the templates in use (not archived) and active staff, each in a stable order."""
    groups = session.scalars(
        select(Group).options(selectinload(Group.facilitators))
        .where(Group.status.in_(("planning", "active"))).order_by(Group.name, Group.id)
    )
    staff = session.scalars(select(Account).where(Account.active.is_(True)).order_by(Account.display_name))
    return SetupChoices(
        groups=tuple(
            GroupChoice(g.id, g.name, g.default_protocol_id, g.location, g.meeting_time,
                        tuple(a.id for a in g.facilitators))
            for g in groups
        ),
        protocols=tuple(list_protocols(session)),
        staff=tuple(
            StaffChoice(a.id, f"{a.display_name}, {a.credentials}" if a.credentials else a.display_name, a.role)
            for a in staff
        ),
    )


def planned_sessions(session: Session, now: datetime) -> list[SessionRow]:
    """Planned sessions from twelve hours ago on (a late start is still a plan), soonest first."""
    ids = (
        select(GroupSession.id)
        .where(GroupSession.status == SessionStatus.PLANNED.value)
        .where(GroupSession.scheduled_start >= now - timedelta(hours=12))
    )
    return rows_for(session, ids)


def _person(p: Participant, attendance: str) -> ExpectedPerson:
    return ExpectedPerson(p.id, p.display_name, short_name(p.preferred_name or p.legal_first_name, p.legal_last_name),
                          attendance)


def group_members_on(session: Session, group_id: int, on: datetime) -> list[ExpectedPerson]:
    """A group's members on the day of ``on``: who a new session of it expects."""
    day = on.date()
    query = (
        select(Participant)
        .join(Membership, Membership.participant_id == Participant.id)
        .where(Membership.group_id == group_id, Membership.joined_on <= day)
        .where(or_(Membership.left_on.is_(None), Membership.left_on > day))
        .order_by(Participant.legal_last_name, Participant.legal_first_name, Participant.id)
    )
    people = {p.id: p for p in session.scalars(query)}
    return sorted((_person(p, "expected") for p in people.values()), key=lambda e: e.name.casefold())


def expected_at(session: Session, session_id: int) -> list[ExpectedPerson]:
    """Who a planned session expects, as its attendance rows say."""
    if session.get(GroupSession, session_id) is None:
        raise UserError(f"There is no session with id {session_id}.")
    rows = session.scalars(
        select(Attendance).options(selectinload(Attendance.participant)).where(Attendance.session_id == session_id)
    )
    return sorted((_person(a.participant, a.status) for a in rows), key=lambda e: e.name.casefold())


def record_session_view(session: Session, session_id: int) -> None:
    """Note in the audit trail that a past session's record was opened (ids only, never content)."""
    if session.get(GroupSession, session_id) is None:
        raise UserError(f"There is no session with id {session_id}.")
    actors.record(session, "view", entity_type="group_session", entity_id=session_id)
