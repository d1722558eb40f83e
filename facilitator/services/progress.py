"""GAD-7 and PHQ-9 over time, for one participant's chart and for every member of a group.

Each series carries its severity bands (for shading), the sessions (for marks on the time axis) and,
per score, the change marks of :mod:`facilitator.domain.score_trends`: meaningful change against the
episode's baseline, a sharp worsening against the previous score, and the PHQ-9 item 9 safety flag.
Which thread: any; a participant's series is two small indexed queries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Group, GroupSession, MeasureResponse, Membership, Participant
from facilitator.domain import score_trends as trends
from facilitator.domain.enums import Instrument, ProtocolKind
from facilitator.domain.scales import Band, safety_flag, scale
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.runner_snapshot import AD_HOC_NAME


@dataclass(frozen=True)
class ScorePoint:
    measure_id: int
    taken_on: date
    total: int
    severity: str
    session_id: int | None
    change: trends.Change
    safety_flag: bool  # PHQ-9 item 9 above 0


@dataclass(frozen=True)
class ProgressSeries:
    """One instrument's scores for one person, oldest first."""

    instrument: str
    bands: tuple[Band, ...]
    max_total: int
    threshold: int  # the clinically meaningful change in points
    points: tuple[ScorePoint, ...]

    @property
    def latest(self) -> ScorePoint | None:
        return self.points[-1] if self.points else None

    @property
    def meaningful(self) -> tuple[ScorePoint, ...]:
        return tuple(p for p in self.points if p.change.meaningful)


@dataclass(frozen=True)
class SessionMark:
    """A session on the chart's time axis."""

    session_id: int
    scheduled_start: datetime
    protocol_kind: str
    title: str
    group_name: str
    attendance: str


@dataclass(frozen=True)
class ParticipantProgress:
    participant_id: int
    name: str
    gad7: ProgressSeries
    phq9: ProgressSeries
    sessions: tuple[SessionMark, ...]

    @property
    def safety_flags(self) -> tuple[ScorePoint, ...]:
        """Every PHQ-9 with item 9 above 0, oldest first: shown prominently, never folded away."""
        return tuple(p for p in self.phq9.points if p.safety_flag)


@dataclass(frozen=True)
class MemberTrend:
    participant_id: int
    name: str
    joined_on: date
    left_on: date | None
    gad7: ProgressSeries
    phq9: ProgressSeries


@dataclass(frozen=True)
class GroupProgress:
    group_id: int
    name: str
    members: tuple[MemberTrend, ...]
    sessions: tuple[SessionMark, ...]


_MARK_COLUMNS = (GroupSession.id, GroupSession.scheduled_start, GroupSession.protocol_kind, GroupSession.title)


def _series(instrument: str, rows: list[tuple[MeasureResponse, str | None]]) -> ProgressSeries:
    """Rows of one instrument, oldest first, with the protocol kind of the session each was taken at."""
    scores = [trends.Score(m.taken_on, m.total, kind == ProtocolKind.PREPARATION.value) for m, kind in rows]
    marks = trends.mark_changes(instrument, scores)
    points = tuple(ScorePoint(m.id, m.taken_on, m.total, m.severity, m.session_id, change,
                              safety_flag(instrument, m.items))
                   for (m, _), change in zip(rows, marks, strict=True))
    kind = scale(instrument)
    return ProgressSeries(instrument, kind.bands, kind.max_total, trends.MEANINGFUL_CHANGE[kind.instrument], points)


def _measures(session: Session, participant_ids: list[int], group_id: int | None = None
              ) -> dict[int, dict[str, list[tuple[MeasureResponse, str | None]]]]:
    query = (select(MeasureResponse, GroupSession.protocol_kind)
             .join(GroupSession, GroupSession.id == MeasureResponse.session_id, isouter=True)
             .where(MeasureResponse.participant_id.in_(participant_ids))
             .order_by(MeasureResponse.taken_on, MeasureResponse.created_at, MeasureResponse.id))
    if group_id is not None:
        query = query.where(GroupSession.group_id == group_id)
    found: dict[int, dict[str, list[tuple[MeasureResponse, str | None]]]] = defaultdict(lambda: defaultdict(list))
    for measure, kind in session.execute(query):
        found[measure.participant_id][measure.instrument].append((measure, kind))
    return found


def participant_progress(session: Session, participant_id: int) -> ParticipantProgress:
    """A participant's GAD-7 and PHQ-9 series and the sessions they were expected at.

    Raises:
        UserError: if there is no such participant.
    """
    person = session.get(Participant, participant_id)
    if person is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    found = _measures(session, [participant_id]).get(participant_id, {})
    marks = tuple(
        SessionMark(sid, start, kind, title, name or AD_HOC_NAME, status)
        for sid, start, kind, title, name, status in session.execute(
            select(*_MARK_COLUMNS, Group.name, Attendance.status)
            .join(Attendance, Attendance.session_id == GroupSession.id)
            .join(Group, Group.id == GroupSession.group_id, isouter=True)
            .where(Attendance.participant_id == participant_id)
            .order_by(GroupSession.scheduled_start)
        )
    )
    actors.record(session, "view", entity_type="participant", entity_id=participant_id, detail="progress")
    gad7, phq9 = Instrument.GAD7, Instrument.PHQ9
    return ParticipantProgress(participant_id, person.display_name, _series(gad7, found.get(gad7, [])),
                               _series(phq9, found.get(phq9, [])), marks)


def group_progress(session: Session, group_id: int) -> GroupProgress:
    """Every member's trend over the scores taken at this group's sessions (members past and present).

    Raises:
        UserError: if there is no such group.
    """
    group = session.get(Group, group_id)
    if group is None:
        raise UserError(f"There is no group with id {group_id}.")
    spans: dict[int, tuple[date, date | None]] = {}
    names: dict[int, str] = {}
    for membership, person in session.execute(
        select(Membership, Participant).join(Participant, Participant.id == Membership.participant_id)
        .where(Membership.group_id == group_id).order_by(Membership.joined_on)
    ):
        first, _ = spans.get(person.id, (membership.joined_on, None))
        spans[person.id] = (min(first, membership.joined_on), membership.left_on)  # the latest stay's end
        names[person.id] = person.display_name
    found = _measures(session, list(spans), group_id) if spans else {}
    members = tuple(sorted(
        (MemberTrend(pid, names[pid], joined, left, *(_series(i, found.get(pid, {}).get(i, []))
                                                      for i in (Instrument.GAD7, Instrument.PHQ9)))
         for pid, (joined, left) in spans.items()),
        key=lambda m: (m.name.casefold(), m.participant_id)))
    sessions = tuple(
        SessionMark(sid, start, kind, title, group.name, "")
        for sid, start, kind, title in session.execute(
            select(*_MARK_COLUMNS).where(GroupSession.group_id == group_id).order_by(GroupSession.scheduled_start)
        )
    )
    actors.record(session, "view", entity_type="therapy_group", entity_id=group_id, detail="progress")
    return GroupProgress(group_id, group.name, members, sessions)
