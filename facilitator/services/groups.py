"""Groups (cohorts): create and edit them, their members over time, and their sessions.

A closed group keeps one cohort through a series; an open group takes drop-ins. Capacity is a
warning, never a refusal: the clinician in the room decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import Account, Group, Membership, Participant, Protocol
from facilitator.domain.enums import GroupKind, GroupStatus, ParticipantStatus
from facilitator.errors import ConflictError, FieldError, UserError
from facilitator.services.sessions import SessionRow, group_sessions

DEFAULT_CAPACITY = 8
MAX_CAPACITY = 40
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CONFLICT = "Someone else saved this group after you opened it; reload to see their change, then make yours again."
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class GroupFields:
    """What a person edits about a group."""

    name: str
    kind: str = GroupKind.CLOSED.value
    status: str = GroupStatus.ACTIVE.value
    capacity: int = DEFAULT_CAPACITY
    description: str = ""
    default_protocol_id: int | None = None
    meeting_weekday: int | None = None  # 0 = Monday
    meeting_time: str = ""  # "HH:MM", clinic local time
    location: str = ""
    facilitator_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class GroupRow:
    """A group as a line of the list."""

    id: int
    name: str
    kind: str
    status: str
    capacity: int
    members: int
    meeting: str  # "Thursdays 09:20", or ""
    location: str


@dataclass(frozen=True)
class MemberRow:
    membership_id: int
    participant_id: int
    name: str
    participant_status: str
    joined_on: date
    left_on: date | None
    left_reason: str
    current: bool


@dataclass(frozen=True)
class GroupDetails:
    """A group as its screen edits it, with its members (current first) and its sessions."""

    id: int
    version: int
    fields: GroupFields
    members: tuple[MemberRow, ...]
    sessions: tuple[SessionRow, ...]
    capacity_warning: str

    @property
    def current_members(self) -> tuple[MemberRow, ...]:
        return tuple(m for m in self.members if m.current)


def meeting_text(weekday: int | None, time: str) -> str:
    """"Thursdays 09:20", "Thursdays", "" — how a meeting schedule reads."""
    day = f"{WEEKDAYS[weekday]}s" if weekday is not None and 0 <= weekday < 7 else ""
    return " ".join(part for part in (day, time) if part)


def _is_current(m: Membership, today: date) -> bool:
    return m.joined_on <= today and (m.left_on is None or m.left_on > today)


def capacity_warning(members: int, capacity: int) -> str:
    if members > capacity:
        return f"{members} current members, above the group's capacity of {capacity}."
    return ""


def list_groups(session: Session, today: date, *, include_archived: bool = True) -> list[GroupRow]:
    """Every group with its current member count (one query), active ones first, then by name."""
    counts = (
        select(Membership.group_id.label("gid"), func.count(func.distinct(Membership.participant_id)).label("n"))
        .where(Membership.joined_on <= today, or_(Membership.left_on.is_(None), Membership.left_on > today))
        .group_by(Membership.group_id).subquery()
    )
    query = select(Group, counts.c.n).join(counts, counts.c.gid == Group.id, isouter=True)
    if not include_archived:
        query = query.where(Group.status != GroupStatus.ARCHIVED.value)
    order = {s.value: i for i, s in enumerate((GroupStatus.ACTIVE, GroupStatus.PLANNING, GroupStatus.COMPLETED,
                                                GroupStatus.ARCHIVED))}
    rows = [
        GroupRow(id=g.id, name=g.name, kind=g.kind, status=g.status, capacity=g.capacity, members=int(n or 0),
                 meeting=meeting_text(g.meeting_weekday, g.meeting_time), location=g.location)
        for g, n in session.execute(query)
    ]
    return sorted(rows, key=lambda r: (order.get(r.status, 9), r.name.casefold(), r.id))


def _group(session: Session, group_id: int) -> Group:
    row = session.get(Group, group_id, options=[selectinload(Group.facilitators),
                                                selectinload(Group.memberships).selectinload(Membership.participant)])
    if row is None:
        raise UserError(f"There is no group with id {group_id}.")
    return row


def _details(session: Session, row: Group, today: date) -> GroupDetails:
    members = sorted(
        (MemberRow(membership_id=m.id, participant_id=m.participant_id, name=m.participant.display_name,
                   participant_status=m.participant.status, joined_on=m.joined_on, left_on=m.left_on,
                   left_reason=m.left_reason, current=_is_current(m, today)) for m in row.memberships),
        key=lambda m: (not m.current, m.name.casefold(), m.joined_on),
    )
    data = GroupFields(
        name=row.name, kind=row.kind, status=row.status, capacity=row.capacity, description=row.description,
        default_protocol_id=row.default_protocol_id, meeting_weekday=row.meeting_weekday,
        meeting_time=row.meeting_time, location=row.location,
        facilitator_ids=tuple(sorted(a.id for a in row.facilitators)),
    )
    current = len({m.participant_id for m in members if m.current})
    sessions = group_sessions(session, row.id)
    return GroupDetails(id=row.id, version=row.version, fields=data, members=tuple(members),
                        sessions=tuple(reversed(sessions)), capacity_warning=capacity_warning(current, row.capacity))


def get_group(session: Session, group_id: int, today: date) -> GroupDetails:
    """The group, its members over time (current first) and its sessions (newest first)."""
    return _details(session, _group(session, group_id), today)


def _checked(session: Session, data: GroupFields) -> GroupFields:
    name = " ".join(data.name.split())
    if not name:
        raise FieldError("name", "The group needs a name.")
    if len(name) > 120:
        raise FieldError("name", "A group name holds at most 120 characters.")
    if data.kind not in {k.value for k in GroupKind}:
        raise FieldError("kind", "A group is either closed (one cohort) or open (takes drop-ins).")
    if data.status not in {s.value for s in GroupStatus}:
        raise FieldError("status", "The status must be planning, active, completed or archived.")
    if not 1 <= data.capacity <= MAX_CAPACITY:
        raise FieldError("capacity", f"The capacity must be between 1 and {MAX_CAPACITY} people.")
    if data.meeting_weekday is not None and not 0 <= data.meeting_weekday <= 6:
        raise FieldError("meeting_weekday", "Choose a weekday for the meetings.")
    time = data.meeting_time.strip()
    if time and not _TIME.match(time):
        raise FieldError("meeting_time", "Write the meeting time as HH:MM on a 24-hour clock, like 09:30 or 18:00.")
    location = data.location.strip()
    if len(location) > 120:
        raise FieldError("location", "The location holds at most 120 characters.")
    if data.default_protocol_id is not None:
        protocol = session.get(Protocol, data.default_protocol_id)
        if protocol is None or protocol.archived:
            raise FieldError("default_protocol_id", "Choose a protocol that exists and is not archived.")
    return GroupFields(name=name, kind=data.kind, status=data.status, capacity=data.capacity,
                       description=data.description.strip(), default_protocol_id=data.default_protocol_id,
                       meeting_weekday=data.meeting_weekday, meeting_time=time, location=location,
                       facilitator_ids=tuple(dict.fromkeys(data.facilitator_ids)))


def _apply(session: Session, row: Group, data: GroupFields) -> None:
    for name in ("name", "kind", "status", "capacity", "description", "default_protocol_id", "meeting_weekday",
                 "meeting_time", "location"):
        if getattr(row, name) != getattr(data, name):
            setattr(row, name, getattr(data, name))
    if tuple(sorted(a.id for a in row.facilitators)) != tuple(sorted(data.facilitator_ids)):
        accounts = {a.id: a for a in session.scalars(select(Account).where(Account.id.in_(data.facilitator_ids)))}
        missing = [i for i in data.facilitator_ids if i not in accounts]
        if missing:
            raise FieldError("facilitator_ids", f"There is no staff account with id {missing[0]}.")
        row.facilitators = [accounts[i] for i in data.facilitator_ids]


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(CONFLICT) from None


def create_group(session: Session, data: GroupFields, *, today: date) -> GroupDetails:
    """Add a group (closed by default, capacity 8)."""
    checked = _checked(session, data)
    row = Group(name=checked.name)
    _apply(session, row, checked)
    session.add(row)
    _flush(session)
    return _details(session, _group(session, row.id), today)


def update_group(session: Session, group_id: int, data: GroupFields, *, version: int, today: date) -> GroupDetails:
    """Save an edited group opened at ``version``.

    Raises:
        FieldError: for a value that cannot be saved.
        ConflictError: when the group changed since it was opened.
    """
    row = _group(session, group_id)
    if row.version != version:
        raise ConflictError(CONFLICT)
    _apply(session, row, _checked(session, data))
    _flush(session)
    return _details(session, row, today)


@dataclass(frozen=True)
class MembershipResult:
    group: GroupDetails
    warning: str  # over capacity, or ""


def add_member(session: Session, group_id: int, participant_id: int, *, joined_on: date,
               today: date) -> MembershipResult:
    """Enrol a participant from ``joined_on``; going over capacity is allowed with a warning.

    Raises:
        UserError: for an archived participant or someone already a member on that day.
    """
    row = _group(session, group_id)
    person = session.get(Participant, participant_id)
    if person is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    if person.status == ParticipantStatus.ARCHIVED.value:
        raise UserError("This participant's record is archived; restore it before enrolling them.")
    for m in row.memberships:
        if m.participant_id == participant_id and m.joined_on <= joined_on and (m.left_on is None
                                                                                 or m.left_on > joined_on):
            raise UserError(f"{person.display_name} is already a member of {row.name} on {joined_on.isoformat()}.")
        if m.participant_id == participant_id and m.joined_on > joined_on and m.left_on is None:
            raise UserError(f"{person.display_name} already joins {row.name} on {m.joined_on.isoformat()}.")
    row.memberships.append(Membership(participant_id=participant_id, joined_on=joined_on, participant=person))
    _flush(session)
    details = _details(session, row, today)
    return MembershipResult(details, details.capacity_warning)


def end_membership(session: Session, membership_id: int, *, left_on: date, reason: str = "",
                   today: date) -> GroupDetails:
    """Record that a member left on ``left_on`` (kept on record; they show as a past member)."""
    m = session.get(Membership, membership_id)
    if m is None:
        raise UserError(f"There is no membership with id {membership_id}.")
    if left_on < m.joined_on:
        raise FieldError("left_on", f"The leaving date is before they joined ({m.joined_on.isoformat()}).")
    reason = " ".join(reason.split())
    if len(reason) > 200:
        raise FieldError("left_reason", "The reason holds at most 200 characters.")
    m.left_on, m.left_reason = left_on, reason
    _flush(session)
    return _details(session, _group(session, m.group_id), today)


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


def facilitator_choices(session: Session) -> list[Choice]:
    """Active staff accounts, as "Name, credentials"."""
    query = select(Account).where(Account.active.is_(True)).order_by(Account.display_name)
    return [Choice(a.id, f"{a.display_name}, {a.credentials}" if a.credentials else a.display_name)
            for a in session.scalars(query)]


def protocol_choices(session: Session) -> list[Choice]:
    query = select(Protocol).where(Protocol.archived.is_(False)).order_by(Protocol.builtin.desc(), Protocol.name)
    return [Choice(p.id, p.name) for p in session.scalars(query)]
