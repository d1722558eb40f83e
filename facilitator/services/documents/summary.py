"""The session summary's content: a session's whole clinical record as frozen values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitator.db.models import Discharge, Dose, Note, Observation, QuickNote, Share, VitalSign
from facilitator.domain.phase_timer import compute_view
from facilitator.domain.protocol import Thresholds
from facilitator.domain.vitals import VitalsLevel
from facilitator.domain.vitals_schedule import MonitoringRules
from facilitator.services.actor import actor_of
from facilitator.services.documents.records import (
    IN_ROOM,
    ClinicInfo,
    NoteRecord,
    audit_report,
    load_clinic,
    note_records,
    signatures,
    split_tags,
)
from facilitator.services.monitoring_records import classify_vital, rules_of
from facilitator.services.runner_snapshot import AD_HOC_NAME, load_group_session, timeline_of

CHECKLIST_LABELS = {
    "min_observation": "Minimum observation elapsed",
    "vitals_within_limits": "Last vitals within limits",
    "alert_oriented": "Alert and oriented",
    "no_active_nausea": "No active nausea or vomiting",
    "escort_present": "Escort present",
    "no_driving_acknowledged": "No driving until tomorrow acknowledged",
    "ready_time_recorded": "\u201cWould have been ready\u201d time recorded",
}


@dataclass(frozen=True)
class PhaseRow:
    """A phase planned (from the scheduled start) and as run."""

    position: int
    name: str
    colour: str
    planned_minutes: int
    extension_minutes: int
    planned_start: datetime
    status: str  # a PhaseStatus value
    started_at: datetime | None
    ended_at: datetime | None
    active_minutes: float
    paused_minutes: float


@dataclass(frozen=True)
class AttendanceRow:
    participant_id: int
    name: str
    status: str
    arrived_at: datetime | None
    left_at: datetime | None
    comment: str
    drop_in: bool


@dataclass(frozen=True)
class DoseRow:
    given_at: datetime
    medication: str
    route: str
    amount_mg: float
    lot_number: str
    given_by: str
    booster: bool
    hold_override_reason: str
    hold_override_by: str


@dataclass(frozen=True)
class VitalRow:
    """A reading with the limits it reached (classified with the session's own thresholds)."""

    taken_at: datetime
    minutes_after_dose: int | None  # None before the first dose
    context: str
    systolic: int | None
    diastolic: int | None
    heart_rate: int | None
    spo2: int | None
    level: VitalsLevel
    flags: tuple[str, ...]


@dataclass(frozen=True)
class ObservationRow:
    observed_at: datetime
    kind: str
    severity: str
    moaas: int | None
    detail: str
    action: str
    recorded_by: str


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    ok: bool
    at: datetime | None
    by: str


@dataclass(frozen=True)
class DischargeRecord:
    ready_at: datetime | None
    would_have_been_ready_at: datetime | None
    discharged_at: datetime | None
    discharged_by: str
    escort_name: str
    monitoring_minutes: int | None
    override_reason: str
    checklist: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class ParticipantRecord:
    """One participant's part of the session (everyone in the room, and anyone with records)."""

    participant_id: int
    name: str
    legal_name: str
    pronouns: str
    attendance: str
    intention: str
    doses: tuple[DoseRow, ...]
    vitals: tuple[VitalRow, ...]
    observations: tuple[ObservationRow, ...]
    discharge: DischargeRecord | None
    note: NoteRecord | None


@dataclass(frozen=True)
class ShareRow:
    round: int
    position: int
    participant_id: int
    name: str
    started_at: datetime | None
    ended_at: datetime | None
    passed: bool
    note_text: str
    tags: tuple[str, ...]

    @property
    def seconds(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max(0.0, (self.ended_at - self.started_at).total_seconds())


@dataclass(frozen=True)
class CircleRecord:
    """The shares of one sharing phase (or of shares recorded outside any phase)."""

    phase_name: str
    shares: tuple[ShareRow, ...]


@dataclass(frozen=True)
class QuickNoteLine:
    at: datetime
    phase_name: str
    text: str


@dataclass(frozen=True)
class SummaryData:
    """Everything the session summary prints, in print order."""

    session_id: int
    clinic: ClinicInfo
    group_name: str
    title: str
    protocol_name: str
    protocol_kind: str
    status: str
    cancel_reason: str
    scheduled_start: datetime
    started_at: datetime | None
    ended_at: datetime | None
    location: str
    setting_notes: str
    facilitators: tuple[str, ...]
    thresholds_text: str
    phases: tuple[PhaseRow, ...]
    attendance: tuple[AttendanceRow, ...]
    participants: tuple[ParticipantRecord, ...]
    circles: tuple[CircleRecord, ...]
    quick_notes: tuple[QuickNoteLine, ...]
    group_note: NoteRecord | None
    generated_at: datetime
    generated_by: str

    @property
    def notes(self) -> tuple[NoteRecord, ...]:
        """The group note, then each participant's, in the order the record prints them."""
        own = tuple(p.note for p in self.participants if p.note is not None)
        return ((self.group_note,) if self.group_note is not None else ()) + own


T = TypeVar("T")


def _by_participant(rows: list[tuple[int, T]]) -> dict[int, list[T]]:
    grouped: dict[int, list[T]] = defaultdict(list)
    for pid, row in rows:
        grouped[pid].append(row)
    return grouped


def get_summary_data(session: Session, session_id: int, *, now: datetime | None = None) -> SummaryData:
    """The session's whole record; audits a "report" event.

    Args:
        now: the moment a running session is described at (default: the current time).

    Raises:
        UserError: if there is no such session.
    """
    row = load_group_session(session, session_id)
    now = now or datetime.now(UTC)
    view = compute_view(timeline_of(row), row.ended_at or now)
    phases: list[PhaseRow] = []
    cursor = row.scheduled_start
    for p, timing in zip(row.phases, view.phases, strict=True):
        phases.append(PhaseRow(
            position=p.position, name=p.name, colour=p.colour, planned_minutes=p.planned_minutes,
            extension_minutes=timing.extension_minutes, planned_start=cursor, status=timing.status.value,
            started_at=p.started_at, ended_at=p.ended_at, active_minutes=timing.active_seconds / 60,
            paused_minutes=timing.paused_seconds / 60))
        cursor = cursor + timedelta(minutes=p.planned_minutes)
    phase_names = {p.id: p.name for p in row.phases}

    doses = session.scalars(select(Dose).where(Dose.session_id == session_id).order_by(Dose.given_at, Dose.id)).all()
    readings = session.scalars(select(VitalSign).where(VitalSign.session_id == session_id)
                               .order_by(VitalSign.taken_at, VitalSign.id)).all()
    observations = session.scalars(select(Observation).where(Observation.session_id == session_id)
                                   .order_by(Observation.observed_at, Observation.id)).all()
    discharges = {d.participant_id: d for d in session.scalars(select(Discharge)
                                                                .where(Discharge.session_id == session_id))}
    notes = session.scalars(select(Note).where(Note.session_id == session_id).options(selectinload(Note.addenda))
                            .order_by(Note.id)).all()
    quick = session.scalars(select(QuickNote).where(QuickNote.session_id == session_id)
                            .order_by(QuickNote.at, QuickNote.id)).all()
    staff = signatures(session, [f.id for f in row.facilitators]
                       + [d.given_by_id for d in doses] + [d.hold_override_by_id for d in doses]
                       + [o.created_by_id for o in observations]
                       + [d.discharged_by_id for d in discharges.values()]
                       + [by for d in discharges.values() for by in _checklist_ids(d.checklist)])

    attendance = sorted(row.attendance, key=lambda a: (a.participant.display_name.casefold(), a.participant_id))
    names = {a.participant_id: a.participant.display_name for a in attendance}
    titles: dict[int | None, str] = {None: "Group note"}
    titles.update((pid, name) for pid, name in names.items())
    note_by_pid = {n.participant_id: n for n in note_records(session, notes, titles)}
    rules = rules_of(row)  # the same rules, sentences and levels the runner showed
    doses_by = _by_participant([(d.participant_id, d) for d in doses])
    readings_by = _by_participant([(v.participant_id, v) for v in readings])
    observations_by = _by_participant([(o.participant_id, o) for o in observations])
    has_records = set(doses_by) | set(readings_by) | set(observations_by) | set(discharges) | set(note_by_pid)

    participants = tuple(
        ParticipantRecord(
            participant_id=a.participant_id, name=names[a.participant_id], legal_name=a.participant.full_name,
            pronouns=a.participant.pronouns, attendance=a.status, intention=a.intention,
            doses=tuple(_dose(d, staff) for d in doses_by.get(a.participant_id, [])),
            vitals=_vitals(readings_by.get(a.participant_id, []), doses_by.get(a.participant_id, []), rules),
            observations=tuple(ObservationRow(o.observed_at, o.kind, o.severity, o.moaas, o.detail, o.action,
                                              staff.get(o.created_by_id or 0, ""))
                               for o in observations_by.get(a.participant_id, [])),
            discharge=_discharge(discharges[a.participant_id], staff) if a.participant_id in discharges else None,
            note=note_by_pid.get(a.participant_id),
        )
        for a in attendance
        if a.status in IN_ROOM or a.participant_id in has_records
    )
    audit_report(session, "summary", entity_type="group_session", entity_id=session_id)
    who = actor_of(session)
    return SummaryData(
        session_id=row.id, clinic=load_clinic(session),
        group_name=row.group.name if row.group is not None else AD_HOC_NAME, title=row.title,
        protocol_name=row.protocol_name, protocol_kind=row.protocol_kind, status=row.status,
        cancel_reason=row.cancel_reason, scheduled_start=row.scheduled_start, started_at=row.started_at,
        ended_at=row.ended_at, location=row.location, setting_notes=row.setting_notes,
        facilitators=tuple(staff[f.id] for f in row.facilitators),
        thresholds_text=_thresholds_text(rules.thresholds), phases=tuple(phases),
        attendance=tuple(AttendanceRow(a.participant_id, names[a.participant_id], a.status, a.arrived_at, a.left_at,
                                       a.comment, a.drop_in) for a in attendance),
        participants=participants,
        circles=circle_records(session, session_id, phase_names, names),
        quick_notes=tuple(QuickNoteLine(q.at, phase_names.get(q.phase_run_id or 0, ""), q.text) for q in quick),
        group_note=note_by_pid.get(None), generated_at=now, generated_by=who.signature if who is not None else "",
    )


def circle_records(session: Session, session_id: int, phase_names: dict[int, str],
                   names: dict[int, str]) -> tuple[CircleRecord, ...]:
    """Each circle of the session (one per sharing phase) with its shares in speaking order."""
    # A circle's turns not reached (still waiting when its phase ended) are no share.
    shares = session.scalars(select(Share).where(Share.session_id == session_id, Share.started_at.is_not(None))
                             .order_by(Share.phase_run_id, Share.round, Share.position, Share.id)).all()
    circles: dict[int | None, list[ShareRow]] = defaultdict(list)
    for s in shares:
        circles[s.phase_run_id].append(ShareRow(
            s.round, s.position, s.participant_id, names.get(s.participant_id, f"Participant {s.participant_id}"),
            s.started_at, s.ended_at, s.passed, s.note_text, split_tags(s.tags)))
    return tuple(CircleRecord(phase_names.get(pid, "Circle") if pid is not None else "Circle", tuple(rows))
                 for pid, rows in circles.items())


def get_circle_records(session: Session, session_id: int) -> tuple[CircleRecord, ...]:
    """The session's circles for its record on screen (names as the record prints them).

    Raises:
        UserError: if there is no such session.
    """
    row = load_group_session(session, session_id)
    names = {a.participant_id: a.participant.display_name for a in row.attendance}
    return circle_records(session, session_id, {p.id: p.name for p in row.phases}, names)


def _checklist_ids(checklist: dict[str, object]) -> list[int | None]:
    return [item.get("by") if isinstance(item, dict) and isinstance(item.get("by"), int) else None
            for item in (checklist or {}).values()]


def _dose(d: Dose, staff: dict[int, str]) -> DoseRow:
    return DoseRow(d.given_at, d.medication, d.route, float(d.amount_mg), d.lot_number,
                   staff.get(d.given_by_id or 0, ""), d.booster, d.hold_override_reason,
                   staff.get(d.hold_override_by_id or 0, ""))


def _vitals(readings: list[VitalSign], doses: list[Dose], rules: MonitoringRules) -> tuple[VitalRow, ...]:
    dose_times = tuple(sorted(d.given_at for d in doses))
    first = dose_times[0] if dose_times else None
    rows = []
    for v in readings:
        # Printed as minutes after the first dose; judged as the runner judged it, from the last one.
        after = None if first is None or v.taken_at < first else round((v.taken_at - first).total_seconds() / 60)
        judged = classify_vital(v, dose_times, rules)
        rows.append(VitalRow(v.taken_at, after, v.context, v.systolic, v.diastolic, v.heart_rate, v.spo2,
                             judged.level, judged.reasons))
    return tuple(rows)


def _discharge(d: Discharge, staff: dict[int, str]) -> DischargeRecord:
    items = []
    for key, item in (d.checklist or {}).items():
        entry = item if isinstance(item, dict) else {"ok": bool(item)}
        at = entry.get("at")
        by = entry.get("by")
        items.append(ChecklistItem(
            label=CHECKLIST_LABELS.get(key, key.replace("_", " ").capitalize()), ok=bool(entry.get("ok")),
            at=datetime.fromisoformat(at) if isinstance(at, str) else None,
            by=staff.get(by, "") if isinstance(by, int) else ""))
    return DischargeRecord(d.ready_at, d.would_have_been_ready_at, d.discharged_at,
                           staff.get(d.discharged_by_id or 0, ""), d.escort_name, d.monitoring_minutes,
                           d.override_reason, tuple(items))


def _thresholds_text(t: Thresholds) -> str:
    return (f"Caution ≥ {t.caution_systolic}/{t.caution_diastolic} and hold ≥ {t.hold_systolic}/{t.hold_diastolic} "
            f"before the dose; alert ≥ {t.alert_systolic}/{t.alert_diastolic}, SpO2 < {t.spo2_min} %, "
            f"heart rate < {t.heart_rate_min} or > {t.heart_rate_max}.")
