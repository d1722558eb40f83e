"""A participant's progress report: GAD-7 and PHQ-9 over time, sessions, latest notes (clinical audience)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitator.db.models import Attendance, Group, GroupSession, MeasureResponse, Membership, Note, Participant
from facilitator.domain.enums import Instrument, SessionStatus
from facilitator.errors import UserError
from facilitator.services.actor import actor_of
from facilitator.services.documents.records import (
    IN_ROOM,
    ClinicInfo,
    NoteRecord,
    audit_report,
    load_clinic,
    note_records,
)
from facilitator.services.runner_snapshot import AD_HOC_NAME

LATEST_NOTES = 5
PHQ9_ITEM9 = 8  # index of "thoughts that you would be better off dead or of hurting yourself"


@dataclass(frozen=True)
class MeasurePoint:
    """One GAD-7 or PHQ-9 result; ``item9`` is PHQ-9's safety item (None for GAD-7 or when not recorded)."""

    instrument: str
    taken_on: date
    total: int
    severity: str
    item9: int | None


@dataclass(frozen=True)
class AttendedSession:
    session_id: int
    starts_at: datetime
    group_name: str
    title: str
    kind: str
    session_status: str
    attendance: str

    @property
    def attended(self) -> bool:
        return self.attendance in IN_ROOM


@dataclass(frozen=True)
class ProgressData:
    """Everything the progress report prints."""

    participant_id: int
    clinic: ClinicInfo
    name: str
    legal_name: str
    pronouns: str
    date_of_birth: date | None
    status: str
    consent_date: date | None
    groups: tuple[str, ...]
    measures: tuple[MeasurePoint, ...]
    sessions: tuple[AttendedSession, ...]
    notes: tuple[NoteRecord, ...]  # the latest participant notes, newest first
    generated_at: datetime
    generated_by: str

    def series(self, instrument: str) -> tuple[MeasurePoint, ...]:
        return tuple(m for m in self.measures if m.instrument == instrument)

    @property
    def item9_flags(self) -> tuple[MeasurePoint, ...]:
        """Every PHQ-9 with item 9 above 0: a safety flag whatever the total."""
        return tuple(m for m in self.measures if m.item9 is not None and m.item9 > 0)

    @property
    def attended_count(self) -> int:
        return sum(1 for s in self.sessions if s.attended)


def _item9(m: MeasureResponse) -> int | None:
    if m.instrument != Instrument.PHQ9.value or not isinstance(m.items, list) or len(m.items) <= PHQ9_ITEM9:
        return None
    value = m.items[PHQ9_ITEM9]
    return value if isinstance(value, int) else None


def get_progress_data(session: Session, participant_id: int, *, now: datetime | None = None,
                      latest_notes: int = LATEST_NOTES) -> ProgressData:
    """A participant's measures, sessions and latest notes; audits a "report" event.

    Raises:
        UserError: if there is no such participant.
    """
    person = session.get(Participant, participant_id)
    if person is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    measures = session.scalars(
        select(MeasureResponse).where(MeasureResponse.participant_id == participant_id)
        .order_by(MeasureResponse.taken_on, MeasureResponse.instrument, MeasureResponse.id)
    ).all()
    sessions = session.execute(
        select(Attendance.status, GroupSession, Group.name)
        .join(GroupSession, Attendance.session_id == GroupSession.id)
        .join(Group, GroupSession.group_id == Group.id, isouter=True)
        .where(Attendance.participant_id == participant_id, GroupSession.status != SessionStatus.PLANNED.value)
        .order_by(GroupSession.scheduled_start, GroupSession.id)
    ).all()
    groups = session.scalars(
        select(Group.name).join(Membership, Membership.group_id == Group.id)
        .where(Membership.participant_id == participant_id).order_by(Membership.joined_on, Group.name)
    ).all()
    notes = session.scalars(
        select(Note).join(GroupSession, Note.session_id == GroupSession.id)
        .where(Note.participant_id == participant_id).options(selectinload(Note.addenda))
        .order_by(GroupSession.scheduled_start.desc(), Note.id.desc()).limit(latest_notes)
    ).all()
    starts = {gs.id: gs.started_at or gs.scheduled_start for _, gs, _ in sessions}
    records = note_records(session, notes, {participant_id: person.display_name}, starts)
    audit_report(session, "progress", entity_type="participant", entity_id=participant_id)
    who = actor_of(session)
    return ProgressData(
        participant_id=person.id, clinic=load_clinic(session), name=person.display_name,
        legal_name=person.full_name, pronouns=person.pronouns, date_of_birth=person.date_of_birth,
        status=person.status, consent_date=person.consent_date, groups=tuple(dict.fromkeys(groups)),
        measures=tuple(MeasurePoint(m.instrument, m.taken_on, m.total, m.severity, _item9(m)) for m in measures),
        sessions=tuple(AttendedSession(gs.id, gs.started_at or gs.scheduled_start, name or AD_HOC_NAME, gs.title,
                                       gs.protocol_kind, gs.status, status) for status, gs, name in sessions),
        notes=tuple(records), generated_at=now or datetime.now(UTC),
        generated_by=who.signature if who is not None else "",
    )
