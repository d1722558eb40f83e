"""A session's monitoring records as the monitoring services read them: rows, rules, who may act.

Nothing here counts anything: every schedule, classification and readiness is worked out again from
the stored doses, readings, observations and discharge rows and the clock, so a restart, a second
laptop or an edit after the fact shows the same state.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitator.db.models import Account, Attendance, Discharge, Dose, GroupSession, Observation, VitalSign
from facilitator.domain.clock import utc
from facilitator.domain.enums import AttendanceStatus, ProtocolKind, Role, SessionStatus
from facilitator.domain.protocol import ProtocolError, parse_protocol
from facilitator.domain.vitals import Classification, Reading, classify
from facilitator.domain.vitals_schedule import MonitoringRules, TimedReading, VitalsSchedule, build_schedule
from facilitator.errors import UserError
from facilitator.services.actor import actor_of

# Everyone in the room, as on the runner's cards: those absent or cancelled are not monitored.
IN_ROOM = frozenset({AttendanceStatus.EXPECTED, AttendanceStatus.PRESENT, AttendanceStatus.LATE,
                     AttendanceStatus.LEFT_EARLY})
FUTURE_SLACK = timedelta(minutes=5)  # a time typed a little ahead (a watch a minute fast) is accepted
PAST_LIMIT = timedelta(hours=12)  # earlier than this before the session started is a typo in the date
DOSING_KINDS = frozenset({ProtocolKind.DOSING, ProtocolKind.MONITORING})


@dataclass
class ParticipantRecords:
    """One participant's monitoring rows in one session, each list in time order."""

    attendance: Attendance
    doses: list[Dose] = field(default_factory=list)
    vitals: list[VitalSign] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    discharge: Discharge | None = None

    @property
    def participant_id(self) -> int:
        return self.attendance.participant_id

    @property
    def dose_times(self) -> tuple[datetime, ...]:
        return tuple(d.given_at for d in self.doses)

    @property
    def discharged_at(self) -> datetime | None:
        return self.discharge.discharged_at if self.discharge is not None else None


def load_session(session: Session, session_id: int) -> GroupSession:
    row = session.get(GroupSession, session_id,
                      options=[selectinload(GroupSession.attendance).selectinload(Attendance.participant)])
    if row is None:
        raise UserError(f"There is no session with id {session_id}.")
    return row


def recordable_session(session: Session, session_id: int) -> GroupSession:
    """The session, if monitoring can be recorded in it: running, or finished (documenting afterwards)."""
    row = load_session(session, session_id)
    if row.status == SessionStatus.PLANNED:
        raise UserError("Start the session before recording doses, vitals or observations.")
    if row.status == SessionStatus.CANCELLED:
        raise UserError("This session was cancelled; nothing can be recorded in it.")
    return row


def rules_of(row: GroupSession) -> MonitoringRules:
    """The monitoring rules of the session's own copy of its protocol (CLINICAL.md defaults if it has none)."""
    settings = dict(row.protocol_settings or {})
    if not settings:
        return MonitoringRules() if is_dosing(row) else replace(MonitoringRules(), pre_dose_vitals=False)
    # parse_protocol validates the settings exactly as for a template; the phases do not matter here.
    try:
        spec = parse_protocol({**settings, "phases": [{"name": "Session", "minutes": 1}]})
    except ProtocolError as exc:
        raise UserError(f"This session's monitoring settings cannot be used: {exc}.") from None
    rules = MonitoringRules.of(spec)
    # Without doses there is no pre-dose reading to ask for (an integration circle, a preparation session).
    return rules if is_dosing(row) else replace(rules, pre_dose_vitals=False)


def is_dosing(row: GroupSession) -> bool:
    return row.protocol_kind in DOSING_KINDS


def records_of(session: Session, row: GroupSession, participant_id: int | None = None) -> dict[int, ParticipantRecords]:
    """Monitoring rows of everyone in the room (or of one participant, whatever their attendance)."""
    people = {a.participant_id: ParticipantRecords(a) for a in row.attendance
              if (a.participant_id == participant_id if participant_id is not None else a.status in IN_ROOM)}
    if not people:
        return {}
    ids = list(people)
    for dose in session.scalars(select(Dose).where(Dose.session_id == row.id, Dose.participant_id.in_(ids))
                                .order_by(Dose.given_at, Dose.id)):
        people[dose.participant_id].doses.append(dose)
    for vital in session.scalars(select(VitalSign).where(VitalSign.session_id == row.id,
                                                         VitalSign.participant_id.in_(ids))
                                 .order_by(VitalSign.taken_at, VitalSign.id)):
        people[vital.participant_id].vitals.append(vital)
    for seen in session.scalars(select(Observation).where(Observation.session_id == row.id,
                                                          Observation.participant_id.in_(ids))
                                .order_by(Observation.observed_at, Observation.id)):
        people[seen.participant_id].observations.append(seen)
    for out in session.scalars(select(Discharge).where(Discharge.session_id == row.id,
                                                       Discharge.participant_id.in_(ids))):
        people[out.participant_id].discharge = out
    return people


def participant_records(session: Session, row: GroupSession, participant_id: int) -> ParticipantRecords:
    """One participant's rows, refusing anyone not in the room for this session."""
    found = records_of(session, row, participant_id).get(participant_id)
    if found is None:
        raise UserError("This participant is not on this session's attendance list.")
    if found.attendance.status not in IN_ROOM:
        raise UserError(f"This participant is marked {found.attendance.status.replace('_', ' ')} for this "
                        "session; mark them present first.")
    return found


def reading_of(vital: VitalSign) -> Reading:
    # Stored readings passed the plausibility check when entered; the BP is always there.
    return Reading(vital.systolic or 0, vital.diastolic or 0, vital.heart_rate, vital.spo2)


def minutes_after_dose(dose_times: tuple[datetime, ...], at: datetime) -> int | None:
    """Whole minutes since the last dose given before ``at``; None if none was (a pre-dose time)."""
    before = [d for d in dose_times if d < at]
    return None if not before else int((at - max(before)).total_seconds() // 60)


def classify_vital(vital: VitalSign, dose_times: tuple[datetime, ...], rules: MonitoringRules) -> Classification:
    return classify(reading_of(vital), rules.thresholds, minutes_after_dose(dose_times, vital.taken_at))


def schedule_of(records: ParticipantRecords, rules: MonitoringRules) -> VitalsSchedule:
    readings = [TimedReading(v.taken_at, v.context, v.id) for v in records.vitals]
    return build_schedule(rules, records.dose_times, readings, records.discharged_at)


def event_time(row: GroupSession, at: datetime | None, now: datetime, what: str) -> datetime:
    """``at`` (default now) checked: not more than five minutes ahead, not long before the session.

    Args:
        what: the record's name for the sentence, e.g. "dose time".
    """
    when = now if at is None else utc(at)
    if when > now + FUTURE_SLACK:
        raise UserError(f"The {what} is in the future; enter the time it actually happened.")
    started = row.started_at or row.scheduled_start
    if when < started - PAST_LIMIT:
        raise UserError(f"The {what} is more than 12 hours before the session started; check the date.")
    return when.replace(microsecond=0)


def not_discharged(records: ParticipantRecords, when: datetime, what: str) -> None:
    out = records.discharged_at
    if out is not None and when > out:
        raise UserError(f"This participant was already discharged; a {what} cannot be recorded after that.")


def acting_account(session: Session) -> Account | None:
    """The signed-in person's account (roles are read from it, not from the sign-in's copy)."""
    who = actor_of(session)
    return session.get(Account, who.id) if who is not None and who.id is not None else None


def require_clinician(session: Session, what: str) -> Account:
    """The signed-in account, if a clinician or an administrator; refuses anyone else."""
    account = acting_account(session)
    if account is None or not account.active or account.role not in (Role.CLINICIAN, Role.ADMIN):
        raise UserError(f"Only a clinician or an administrator can {what}.")
    return account


def clean_text(value: str, limit: int, what: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise UserError(f"The {what} holds at most {limit} characters.")
    return value
