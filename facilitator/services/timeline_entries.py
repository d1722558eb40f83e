"""A participant's sessions in one list: attendance, doses, the note and the scores of each.

Which thread: any; five indexed queries whatever the clinic's size (about 60 sessions take a few
milliseconds). Each call is audited as a "view" of the participant.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Dose, Group, GroupSession, MeasureResponse, Note, Observation, Participant
from facilitator.domain import markup
from facilitator.domain.enums import Instrument
from facilitator.domain.scales import safety_flag
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.runner_snapshot import AD_HOC_NAME


@dataclass(frozen=True)
class DoseSummary:
    medication: str
    route: str
    amount_mg: float
    given_at: datetime
    booster: bool


@dataclass(frozen=True)
class TimelineEntry:
    """One session in a participant's history.

    Attributes:
        attendance: the participant's status at the session (present, absent, ...).
        note_id: their note of the session, if one exists; ``note_signed``/``note_written`` describe it.
        gad7, phq9: the totals taken at this session, if any.
        safety_flag: a PHQ-9 taken at this session had item 9 above 0.
        observations: how many side-effect observations were recorded for them.
    """

    session_id: int
    scheduled_start: datetime
    group_name: str
    title: str
    protocol_name: str
    protocol_kind: str
    session_status: str
    attendance: str
    intention: str
    doses: tuple[DoseSummary, ...]
    observations: int
    note_id: int | None
    note_signed: bool
    note_written: bool
    gad7: int | None
    phq9: int | None
    safety_flag: bool

    @property
    def total_mg(self) -> float:
        return sum(d.amount_mg for d in self.doses)


@dataclass(frozen=True)
class ParticipantTimeline:
    participant_id: int
    name: str
    entries: tuple[TimelineEntry, ...]  # newest first


def participant_timeline(session: Session, participant_id: int) -> ParticipantTimeline:
    """Every session the participant was expected at, newest first, with what it recorded about them.

    Raises:
        UserError: if there is no such participant.
    """
    person = session.get(Participant, participant_id)
    if person is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    doses: dict[int, list[DoseSummary]] = defaultdict(list)
    for sid, medication, route, mg, at, booster in session.execute(
        select(Dose.session_id, Dose.medication, Dose.route, Dose.amount_mg, Dose.given_at, Dose.booster)
        .where(Dose.participant_id == participant_id).order_by(Dose.given_at)
    ):
        doses[sid].append(DoseSummary(medication, route, float(mg), at, booster))
    notes = {sid: (nid, signed is not None, body) for sid, nid, signed, body in session.execute(
        select(Note.session_id, Note.id, Note.signed_at, Note.body).where(Note.participant_id == participant_id)
    )}
    observed = dict(session.execute(
        select(Observation.session_id, func.count()).where(Observation.participant_id == participant_id)
        .group_by(Observation.session_id)
    ).all())
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    flagged: set[int] = set()
    for sid, instrument, total, items in session.execute(
        select(MeasureResponse.session_id, MeasureResponse.instrument, MeasureResponse.total, MeasureResponse.items)
        .where(MeasureResponse.participant_id == participant_id, MeasureResponse.session_id.is_not(None))
        .order_by(MeasureResponse.taken_on, MeasureResponse.id)
    ):
        scores[sid][instrument] = total
        if safety_flag(instrument, items):
            flagged.add(sid)
    entries = []
    for row in session.execute(
        select(GroupSession.id, GroupSession.scheduled_start, Group.name, GroupSession.title,
               GroupSession.protocol_name, GroupSession.protocol_kind, GroupSession.status,
               Attendance.status.label("attendance"), Attendance.intention)
        .join(Attendance, Attendance.session_id == GroupSession.id)
        .join(Group, Group.id == GroupSession.group_id, isouter=True)
        .where(Attendance.participant_id == participant_id)
        .order_by(GroupSession.scheduled_start.desc(), GroupSession.id.desc())
    ):
        note = notes.get(row.id)
        entries.append(TimelineEntry(
            session_id=row.id, scheduled_start=row.scheduled_start, group_name=row.name or AD_HOC_NAME,
            title=row.title, protocol_name=row.protocol_name, protocol_kind=row.protocol_kind,
            session_status=row.status, attendance=row.attendance, intention=row.intention,
            doses=tuple(doses.get(row.id, ())), observations=int(observed.get(row.id, 0)),
            note_id=note[0] if note else None, note_signed=bool(note and note[1]),
            note_written=bool(note and not markup.is_blank(note[2])),
            gad7=scores.get(row.id, {}).get(Instrument.GAD7), phq9=scores.get(row.id, {}).get(Instrument.PHQ9),
            safety_flag=row.id in flagged,
        ))
    actors.record(session, "view", entity_type="participant", entity_id=participant_id, detail="timeline")
    return ParticipantTimeline(participant_id, person.display_name, tuple(entries))
