"""The read-only record of one session, as History shows it and the session summary PDF prints it.

Names are resolved (participants by display and legal name, staff by signature), times are aware
UTC, and every list is in the order a reader expects (by time, then by participant name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from facilitator.domain.phase_timer import PhaseTiming
from facilitator.services.note_views import NoteView


@dataclass(frozen=True)
class PhaseLine:
    """A phase: its plan as copied from the protocol and what happened (``timing``)."""

    position: int
    name: str
    planned_minutes: int  # before extensions; timing.planned_seconds includes them
    purpose: str
    timing: PhaseTiming


@dataclass(frozen=True)
class AttendanceLine:
    participant_id: int
    name: str  # display name (preferred first name)
    legal_name: str
    status: str
    arrived_at: datetime | None
    left_at: datetime | None
    intention: str
    comment: str
    drop_in: bool


@dataclass(frozen=True)
class DoseLine:
    id: int
    participant_id: int
    name: str
    medication: str
    route: str
    amount_mg: float
    given_at: datetime
    lot_number: str
    given_by: str
    booster: bool
    hold_override_reason: str  # a dose given despite a pre-dose blood-pressure hold: why
    hold_override_by: str


@dataclass(frozen=True)
class VitalsLine:
    id: int
    participant_id: int
    name: str
    taken_at: datetime
    systolic: int | None
    diastolic: int | None
    heart_rate: int | None
    spo2: int | None
    context: str
    minutes_after_dose: int | None  # after the participant's first dose of the session; None before it
    recorded_by: str


@dataclass(frozen=True)
class ObservationLine:
    id: int
    participant_id: int
    name: str
    observed_at: datetime
    kind: str
    severity: str
    moaas: int | None
    detail: str
    action: str
    recorded_by: str


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    ok: bool
    at: datetime | None
    by: str


@dataclass(frozen=True)
class DischargeLine:
    participant_id: int
    name: str
    checklist: tuple[ChecklistItem, ...]
    escort_name: str
    would_have_been_ready_at: datetime | None
    ready_at: datetime | None
    discharged_at: datetime | None
    discharged_by: str
    override_reason: str
    monitoring_minutes: int | None


@dataclass(frozen=True)
class ShareLine:
    id: int
    participant_id: int
    name: str
    round: int
    position: int
    started_at: datetime | None
    ended_at: datetime | None
    passed: bool
    note_text: str
    tags: tuple[str, ...]

    @property
    def seconds(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds()


@dataclass(frozen=True)
class QuickNoteLine:
    id: int
    at: datetime
    text: str
    phase_name: str
    author: str


@dataclass(frozen=True)
class MeasureLine:
    id: int
    participant_id: int
    name: str
    instrument: str
    total: int
    severity: str
    taken_on: date
    safety_flag: bool  # PHQ-9 item 9 above 0: shown prominently, never hidden in a summary


@dataclass(frozen=True)
class ParticipantRecord:
    """Everything the session recorded about one participant."""

    attendance: AttendanceLine | None
    doses: tuple[DoseLine, ...]
    vitals: tuple[VitalsLine, ...]
    observations: tuple[ObservationLine, ...]
    discharge: DischargeLine | None
    shares: tuple[ShareLine, ...]
    note: NoteView | None
    measures: tuple[MeasureLine, ...]


@dataclass(frozen=True)
class SessionRecord:
    """One session, complete and read-only."""

    session_id: int
    group_id: int | None
    group_name: str
    title: str
    protocol_name: str
    protocol_kind: str
    status: str
    scheduled_start: datetime
    started_at: datetime | None
    ended_at: datetime | None
    location: str
    setting_notes: str
    cancel_reason: str
    facilitators: tuple[str, ...]  # signatures
    phases: tuple[PhaseLine, ...]
    attendance: tuple[AttendanceLine, ...]
    doses: tuple[DoseLine, ...]
    vitals: tuple[VitalsLine, ...]
    observations: tuple[ObservationLine, ...]
    discharges: tuple[DischargeLine, ...]
    shares: tuple[ShareLine, ...]
    quick_notes: tuple[QuickNoteLine, ...]
    group_note: NoteView | None
    participant_notes: tuple[NoteView, ...]
    measures: tuple[MeasureLine, ...]

    @property
    def participant_ids(self) -> tuple[int, ...]:
        """Everyone the session lists, in attendance order (by name)."""
        return tuple(a.participant_id for a in self.attendance)

    @property
    def safety_flags(self) -> tuple[MeasureLine, ...]:
        return tuple(m for m in self.measures if m.safety_flag)

    def for_participant(self, participant_id: int) -> ParticipantRecord:
        """The part of the record about one participant (for a per-participant page)."""
        def mine(items: tuple) -> tuple:  # type: ignore[type-arg]
            return tuple(i for i in items if i.participant_id == participant_id)

        return ParticipantRecord(
            attendance=next((a for a in self.attendance if a.participant_id == participant_id), None),
            doses=mine(self.doses), vitals=mine(self.vitals), observations=mine(self.observations),
            discharge=next((d for d in self.discharges if d.participant_id == participant_id), None),
            shares=mine(self.shares),
            note=next((n for n in self.participant_notes if n.participant_id == participant_id), None),
            measures=mine(self.measures),
        )
