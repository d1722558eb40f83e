"""Sessions as lists and overviews: what the CLI prints and the Today screen shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Group, GroupSession, PhaseRun
from facilitator.domain.enums import AttendanceStatus, SessionStatus
from facilitator.domain.protocol import ProtocolSpec
from facilitator.services.protocols import phase_columns


@dataclass(frozen=True)
class SessionRow:
    """One session as a line of a list."""

    id: int
    scheduled_start: datetime
    group_name: str
    title: str
    protocol_name: str
    status: str
    location: str
    expected: int
    present: int
    started_at: datetime | None = None  # when it actually started (running and finished sessions)


_PRESENT = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value, AttendanceStatus.LEFT_EARLY.value)


def _rows(session: Session, query: object) -> list[SessionRow]:
    counts = (
        select(
            Attendance.session_id.label("sid"),
            func.count().label("expected"),
            func.sum(case((Attendance.status.in_(_PRESENT), 1), else_=0)).label("present"),
        )
        .group_by(Attendance.session_id)
        .subquery()
    )
    stmt = (
        select(GroupSession, Group.name, counts.c.expected, counts.c.present)
        .join(Group, GroupSession.group_id == Group.id, isouter=True)
        .join(counts, counts.c.sid == GroupSession.id, isouter=True)
        .where(GroupSession.id.in_(query))  # type: ignore[arg-type]
        .order_by(GroupSession.scheduled_start, GroupSession.id)
    )
    return [
        SessionRow(
            id=s.id,
            scheduled_start=s.scheduled_start,
            group_name=name or "Ad-hoc session",
            title=s.title,
            protocol_name=s.protocol_name,
            status=s.status,
            location=s.location,
            expected=int(expected or 0),
            present=int(present or 0),
            started_at=s.started_at,
        )
        for s, name, expected, present in session.execute(stmt)
    ]


def rows_for(session: Session, ids: object) -> list[SessionRow]:
    """The sessions whose ids ``ids`` (a select of ``GroupSession.id``) yields, soonest first."""
    return _rows(session, ids)


def list_sessions(session: Session, *, limit: int | None = None) -> list[SessionRow]:
    """Every session, oldest first (``limit`` keeps the newest N)."""
    ids = select(GroupSession.id)
    if limit is not None:
        ids = ids.order_by(GroupSession.scheduled_start.desc()).limit(limit)
    return _rows(session, ids)


def group_sessions(session: Session, group_id: int) -> list[SessionRow]:
    """Every session of one group, oldest first."""
    return _rows(session, select(GroupSession.id).where(GroupSession.group_id == group_id))


@dataclass(frozen=True)
class TodayOverview:
    running: list[SessionRow]
    upcoming: list[SessionRow]
    recent: list[SessionRow]


def today_overview(session: Session, now: datetime, *, upcoming_days: int = 14) -> TodayOverview:
    """Running sessions, the planned ones of the next ``upcoming_days``, and the last few finished."""
    running = select(GroupSession.id).where(GroupSession.status == SessionStatus.RUNNING.value)
    upcoming = (
        select(GroupSession.id)
        .where(GroupSession.status == SessionStatus.PLANNED.value)
        .where(GroupSession.scheduled_start >= now - timedelta(hours=12))
        .where(GroupSession.scheduled_start <= now + timedelta(days=upcoming_days))
    )
    recent = (
        select(GroupSession.id)
        .where(GroupSession.status == SessionStatus.FINISHED.value)
        .order_by(GroupSession.scheduled_start.desc())
        .limit(5)
    )
    finished = list(reversed(_rows(session, recent)))
    return TodayOverview(running=_rows(session, running), upcoming=_rows(session, upcoming), recent=finished)


def phase_runs_from_spec(spec: ProtocolSpec) -> list[PhaseRun]:
    """A session's own copy of a protocol's phases, not yet run."""
    return [PhaseRun(**columns, share_minutes=spec.share_minutes if columns["sharing"] else None)
            for columns in phase_columns(spec)]
