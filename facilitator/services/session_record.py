"""Build the read-only record of a past (or running) session from every table that speaks of it.

Which thread: any; a session's record is about fifteen small queries. Each call is audited as a
"view" of the session (ids only).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitator.db.models import (
    Account,
    Discharge,
    Dose,
    GroupSession,
    MeasureResponse,
    Note,
    Observation,
    Participant,
    QuickNote,
    Share,
    VitalSign,
)
from facilitator.domain.phase_timer import compute_view
from facilitator.domain.scales import safety_flag
from facilitator.domain.themes import parse_themes
from facilitator.services import actor as actors
from facilitator.services.note_views import note_view
from facilitator.services.runner_snapshot import AD_HOC_NAME, load_group_session, timeline_of
from facilitator.services.session_record_types import (
    AttendanceLine,
    ChecklistItem,
    DischargeLine,
    DoseLine,
    MeasureLine,
    ObservationLine,
    PhaseLine,
    QuickNoteLine,
    SessionRecord,
    ShareLine,
    VitalsLine,
)

T = TypeVar("T")


def get_session_record(session: Session, session_id: int, *, now: datetime | None = None) -> SessionRecord:
    """The whole record of one session.

    Args:
        now: the moment for a session still running or never run (its phases are shown as of then);
            a finished session is shown as it ended.

    Raises:
        UserError: if there is no such session.
    """
    row = load_group_session(session, session_id)
    staff = {a.id: a.signature for a in session.scalars(select(Account))}
    facilitators = tuple(a.signature for a in row.facilitators) if row.facilitators else ()

    def by(account_id: int | None) -> str:
        return staff.get(account_id, "") if account_id is not None else ""

    def rows(model: type[T], order: Any) -> list[T]:
        return list(session.scalars(select(model).where(model.session_id == session_id)  # type: ignore[attr-defined]
                                    .order_by(order, model.id)))  # type: ignore[attr-defined]

    doses, vitals = rows(Dose, Dose.given_at), rows(VitalSign, VitalSign.taken_at)
    observations, discharges = rows(Observation, Observation.observed_at), rows(Discharge, Discharge.participant_id)
    # A circle's turns not reached (still waiting when its phase ended) are no share.
    shares = [s for s in rows(Share, Share.round) if s.started_at is not None]
    quick = rows(QuickNote, QuickNote.at)
    measures = rows(MeasureResponse, MeasureResponse.taken_on)
    notes = list(session.scalars(select(Note).where(Note.session_id == session_id)
                                 .options(selectinload(Note.addenda)).order_by(Note.id)))
    people = _people(session, row, [*doses, *vitals, *observations, *discharges, *shares, *measures, *notes])

    def name(pid: int | None) -> str:
        return people[pid].display_name if pid is not None and pid in people else ""

    first_dose: dict[int, datetime] = {}
    for d in doses:
        first_dose.setdefault(d.participant_id, d.given_at)
    moment = row.ended_at or now or datetime.now(UTC)
    timing = compute_view(timeline_of(row), moment).phases
    phase_names = {p.id: p.name for p in row.phases}
    attendance = sorted(
        (AttendanceLine(a.participant_id, name(a.participant_id), people[a.participant_id].full_name, a.status,
                        a.arrived_at, a.left_at, a.intention, a.comment, a.drop_in) for a in row.attendance),
        key=lambda a: (a.name.casefold(), a.participant_id))
    actors.record(session, "view", entity_type="group_session", entity_id=session_id, detail="record")
    return SessionRecord(
        session_id=row.id, group_id=row.group_id, group_name=row.group.name if row.group else AD_HOC_NAME,
        title=row.title, protocol_name=row.protocol_name, protocol_kind=row.protocol_kind, status=row.status,
        scheduled_start=row.scheduled_start, started_at=row.started_at, ended_at=row.ended_at,
        location=row.location, setting_notes=row.setting_notes, cancel_reason=row.cancel_reason,
        facilitators=facilitators,
        phases=tuple(PhaseLine(p.position, p.name, p.planned_minutes, p.purpose, t)
                     for p, t in zip(row.phases, timing, strict=True)),
        attendance=tuple(attendance),
        doses=tuple(DoseLine(d.id, d.participant_id, name(d.participant_id), d.medication, d.route,
                             float(d.amount_mg), d.given_at, d.lot_number, by(d.given_by_id), d.booster,
                             d.hold_override_reason, by(d.hold_override_by_id)) for d in doses),
        vitals=tuple(VitalsLine(v.id, v.participant_id, name(v.participant_id), v.taken_at, v.systolic, v.diastolic,
                                v.heart_rate, v.spo2, v.context, _minutes_after(first_dose.get(v.participant_id),
                                                                               v.taken_at), by(v.created_by_id))
                     for v in vitals),
        observations=tuple(ObservationLine(o.id, o.participant_id, name(o.participant_id), o.observed_at, o.kind,
                                           o.severity, o.moaas, o.detail, o.action, by(o.created_by_id))
                           for o in observations),
        discharges=tuple(sorted((_discharge(d, name(d.participant_id), by) for d in discharges),
                                key=lambda d: (d.name.casefold(), d.participant_id))),
        shares=tuple(ShareLine(s.id, s.participant_id, name(s.participant_id), s.round, s.position, s.started_at,
                               s.ended_at, s.passed, s.note_text, parse_themes(s.tags))
                     for s in sorted(shares, key=lambda s: (s.round, s.position, s.id))),
        quick_notes=tuple(QuickNoteLine(q.id, q.at, q.text, phase_names.get(q.phase_run_id or -1, ""),
                                        by(q.created_by_id)) for q in quick),
        group_note=next((note_view(n) for n in notes if n.participant_id is None), None),
        participant_notes=tuple(sorted((note_view(n, name(n.participant_id)) for n in notes
                                        if n.participant_id is not None),
                                       key=lambda n: (n.participant_name.casefold(), n.participant_id))),
        measures=tuple(MeasureLine(m.id, m.participant_id, name(m.participant_id), m.instrument, m.total,
                                   m.severity, m.taken_on, safety_flag(m.instrument, m.items)) for m in measures),
    )


def _people(session: Session, row: GroupSession, records: list[Any]) -> dict[int, Participant]:
    people = {a.participant_id: a.participant for a in row.attendance}
    missing = {r.participant_id for r in records if r.participant_id is not None} - set(people)
    if missing:
        people.update({p.id: p for p in session.scalars(select(Participant).where(Participant.id.in_(missing)))})
    return people


def _minutes_after(dose_at: datetime | None, at: datetime) -> int | None:
    if dose_at is None or at < dose_at:
        return None
    return int((at - dose_at).total_seconds() // 60)


def _discharge(d: Discharge, name: str, by: Any) -> DischargeLine:
    items = []
    for key, value in (d.checklist or {}).items():
        entry = value if isinstance(value, dict) else {"ok": bool(value)}
        at = entry.get("at")
        when = datetime.fromisoformat(at) if isinstance(at, str) else None
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        who = entry.get("by")
        signer = by(who) if isinstance(who, int) else str(who or "")
        items.append(ChecklistItem(key, bool(entry.get("ok")), when, signer))
    return DischargeLine(d.participant_id, name, tuple(items), d.escort_name, d.would_have_been_ready_at, d.ready_at,
                         d.discharged_at, by(d.discharged_by_id), d.override_reason, d.monitoring_minutes)
