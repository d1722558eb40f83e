"""Past sessions, newest first, a page at a time, filtered by group, participant, dates and protocol.

Pages are keyset-paged (each page continues after the last row of the one before), so the first
screen costs the same on a ten-year clinic as on a new one, and a list that grows while it is read
never repeats or skips a row. Which thread: any; the UI fetches the next page as the list scrolls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Group, GroupSession, Note
from facilitator.domain.enums import SessionStatus
from facilitator.errors import UserError
from facilitator.services.notes import PRESENT
from facilitator.services.runner_snapshot import AD_HOC_NAME

AnySelect = Select[*tuple[Any, ...]]
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class HistoryFilter:
    """What the History screen narrows the list to; every field is optional.

    Attributes:
        start, end: the first and last day (in the clinic's local time zone, given as ``zone``).
        protocol_name: the protocol as the session copied it (templates can be renamed or deleted).
        include_cancelled: cancelled sessions are history too, shown as such.
    """

    group_id: int | None = None
    participant_id: int | None = None
    start: date | None = None
    end: date | None = None
    protocol_name: str | None = None
    include_cancelled: bool = True


@dataclass(frozen=True)
class HistoryRow:
    """One past session as a line of the History list."""

    id: int
    scheduled_start: datetime
    started_at: datetime | None
    ended_at: datetime | None
    group_id: int | None
    group_name: str
    title: str
    protocol_name: str
    protocol_kind: str
    status: str
    location: str
    expected: int
    present: int
    notes: int
    unsigned_notes: int
    participant_status: str  # the filtered participant's attendance ("" without a participant filter)


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after this session in the newest-first order."""

    scheduled_start: datetime
    session_id: int


@dataclass(frozen=True)
class HistoryPage:
    rows: tuple[HistoryRow, ...]
    next: Cursor | None  # None on the last page


def list_history(session: Session, now: datetime, flt: HistoryFilter | None = None, *, after: Cursor | None = None,
                 limit: int = PAGE_SIZE, zone: tzinfo | None = None) -> HistoryPage:
    """A page of sessions scheduled before ``now`` (and not running), newest first.

    Args:
        now: the present moment; later sessions are not history yet.
        after: the previous page's ``next``; None for the first page.
        zone: the ``tzinfo`` the filter's dates are in (None: this computer's).

    Raises:
        UserError: for a page size outside 1..500 or a start date after the end date.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise UserError(f"A page of history holds between 1 and {MAX_PAGE_SIZE} sessions.")
    flt = flt or HistoryFilter()
    query = _filtered(select(GroupSession.id, GroupSession.scheduled_start), now, flt, zone)
    if after is not None:
        query = query.where(or_(GroupSession.scheduled_start < after.scheduled_start,
                                and_(GroupSession.scheduled_start == after.scheduled_start,
                                     GroupSession.id < after.session_id)))
    query = query.order_by(GroupSession.scheduled_start.desc(), GroupSession.id.desc()).limit(limit + 1)
    found = session.execute(query).all()
    ids = [row.id for row in found[:limit]]
    rows = _rows(session, ids, flt.participant_id)
    last = found[limit - 1] if len(found) > limit else None
    return HistoryPage(rows, Cursor(last.scheduled_start, last.id) if last is not None else None)


def count_history(session: Session, now: datetime, flt: HistoryFilter | None = None, *,
                  zone: tzinfo | None = None) -> int:
    """How many sessions the filter finds (for "2,431 sessions" above the list)."""
    query = _filtered(select(func.count(GroupSession.id)), now, flt or HistoryFilter(), zone)
    return int(session.scalar(query) or 0)


def _day_start(day: date, zone: tzinfo | None) -> datetime:
    """Midnight at the start of a local day, in UTC."""
    local = datetime.combine(day, time(0, 0))
    return (local.replace(tzinfo=zone) if zone is not None else local.astimezone()).astimezone(UTC)


def _filtered(query: AnySelect, now: datetime, flt: HistoryFilter, zone: tzinfo | None) -> AnySelect:
    query = query.where(GroupSession.scheduled_start <= now, GroupSession.status != SessionStatus.RUNNING.value)
    if not flt.include_cancelled:
        query = query.where(GroupSession.status != SessionStatus.CANCELLED.value)
    if flt.group_id is not None:
        query = query.where(GroupSession.group_id == flt.group_id)
    if flt.protocol_name:
        query = query.where(GroupSession.protocol_name == flt.protocol_name)
    if flt.start is not None and flt.end is not None and flt.start > flt.end:
        raise UserError("The start date of the history filter is after its end date.")
    if flt.start is not None:
        query = query.where(GroupSession.scheduled_start >= _day_start(flt.start, zone))
    if flt.end is not None:
        query = query.where(GroupSession.scheduled_start < _day_start(flt.end + timedelta(days=1), zone))
    if flt.participant_id is not None:
        query = query.where(GroupSession.id.in_(
            select(Attendance.session_id).where(Attendance.participant_id == flt.participant_id)))
    return query


def _rows(session: Session, ids: list[int], participant_id: int | None) -> tuple[HistoryRow, ...]:
    """The list's lines for a page of session ids, counted with one query per table over just those ids."""
    if not ids:
        return ()
    attendance = {sid: (int(expected), int(present or 0)) for sid, expected, present in session.execute(
        select(Attendance.session_id, func.count(), func.sum(case((Attendance.status.in_(PRESENT), 1), else_=0)))
        .where(Attendance.session_id.in_(ids)).group_by(Attendance.session_id))}
    notes = {sid: (int(total), int(unsigned or 0)) for sid, total, unsigned in session.execute(
        select(Note.session_id, func.count(), func.sum(case((Note.signed_at.is_(None), 1), else_=0)))
        .where(Note.session_id.in_(ids)).group_by(Note.session_id))}
    mine: dict[int, str] = {}
    if participant_id is not None:
        mine = dict(session.execute(select(Attendance.session_id, Attendance.status).where(
            Attendance.session_id.in_(ids), Attendance.participant_id == participant_id)).all())
    rows = session.execute(
        select(GroupSession.id, GroupSession.scheduled_start, GroupSession.started_at, GroupSession.ended_at,
               GroupSession.group_id, Group.name, GroupSession.title, GroupSession.protocol_name,
               GroupSession.protocol_kind, GroupSession.status, GroupSession.location)
        .join(Group, Group.id == GroupSession.group_id, isouter=True)
        .where(GroupSession.id.in_(ids))
    ).all()
    by_id = {r.id: r for r in rows}
    return tuple(
        HistoryRow(
            id=r.id, scheduled_start=r.scheduled_start, started_at=r.started_at, ended_at=r.ended_at,
            group_id=r.group_id, group_name=r.name or AD_HOC_NAME, title=r.title, protocol_name=r.protocol_name,
            protocol_kind=r.protocol_kind, status=r.status, location=r.location,
            expected=attendance.get(r.id, (0, 0))[0], present=attendance.get(r.id, (0, 0))[1],
            notes=notes.get(r.id, (0, 0))[0], unsigned_notes=notes.get(r.id, (0, 0))[1],
            participant_status=mine.get(r.id, ""),
        )
        for r in (by_id[i] for i in ids)
    )


@dataclass(frozen=True)
class HistoryChoices:
    """What the History filters offer: groups and protocols that past sessions used."""

    groups: tuple[tuple[int, str], ...]
    protocols: tuple[str, ...]


def history_choices(session: Session) -> HistoryChoices:
    groups = session.execute(select(Group.id, Group.name).order_by(Group.name, Group.id)).all()
    protocols = session.scalars(select(GroupSession.protocol_name).distinct().order_by(GroupSession.protocol_name))
    return HistoryChoices(tuple(groups), tuple(protocols))
