"""In-session monitoring as the runner's cards and the monitoring board show it.

:func:`get_board` returns a :class:`MonitoringCard` for everyone in the room, sorted by who needs
attention next (an alert, then overdue vitals, then the soonest due); the runner merges a card into
each participant card by id. Cards are built from the stored rows and the clock alone; between two
refreshes the UI can recompute countdowns and overdue states with :meth:`MonitoringCard.schedule_at`
without touching the database. The actions (doses, vitals, observations, discharge) live in their
own modules and are re-exported here, so a screen imports this one module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Account, Dose, GroupSession, VitalSign
from facilitator.domain.clock import Clock
from facilitator.domain.vitals import Classification, Reading, VitalsLevel
from facilitator.domain.vitals_schedule import MonitoringRules, ScheduleView, VitalsSchedule, attention_key
from facilitator.errors import UserError
from facilitator.services.discharges import (
    DischargeState,
    NotReadyForDischarge,
    discharge_participant,
    discharge_state,
    get_discharge_state,
    set_escort,
    set_would_have_been_ready_at,
    tick_item,
)
from facilitator.services.doses import DoseOnHold, DoseResult, edit_dose, record_dose
from facilitator.services.monitoring_records import (
    ParticipantRecords,
    classify_vital,
    is_dosing,
    load_session,
    minutes_after_dose,
    reading_of,
    records_of,
    rules_of,
    schedule_of,
)
from facilitator.services.observations import ObservationRow, observation_row, record_observation
from facilitator.services.vitals_entry import VitalsResult, record_vitals

FLAG_LABELS = (
    ("flag_hypertension", "Hypertension"), ("flag_cardiac", "Cardiac"),
    ("flag_psychosis_history", "Psychosis history"), ("flag_pregnancy", "Pregnancy"),
    ("flag_substance_use", "Substance use"),
)


@dataclass(frozen=True)
class DoseRow:
    id: int
    medication: str
    route: str
    amount_mg: float
    given_at: datetime
    lot_number: str
    given_by_id: int | None
    given_by: str  # the giver's signature, e.g. "Mei Okafor, RN"
    booster: bool
    hold_override_reason: str
    hold_override_by_id: int | None


@dataclass(frozen=True)
class VitalsRow:
    id: int
    taken_at: datetime
    reading: Reading
    context: str
    minutes_after_dose: int | None  # None: taken before any dose
    classification: Classification
    author_id: int | None


@dataclass(frozen=True)
class MonitoringCard:
    """One participant's monitoring state at ``taken_at``: what a runner card and a board row show.

    Attributes:
        minutes_since_dose: whole minutes since the last dose (the one the schedule runs from).
        dose_gate: the last reading judged as if a dose were given now (caution, hold or alert).
        attention: sort key; lower needs attention sooner (see ``vitals_schedule.attention_key``).
    """

    participant_id: int
    name: str
    attendance: str
    flags: tuple[str, ...]
    taken_at: datetime
    doses: tuple[DoseRow, ...]
    minutes_since_dose: int | None
    vitals: tuple[VitalsRow, ...]
    dose_gate: Classification | None
    schedule: VitalsSchedule
    observations: tuple[ObservationRow, ...]
    discharge: DischargeState
    attention: tuple[int, float]

    @property
    def first_dose_at(self) -> datetime | None:
        return self.doses[0].given_at if self.doses else None

    @property
    def last_dose_at(self) -> datetime | None:
        return self.doses[-1].given_at if self.doses else None

    @property
    def last_vitals(self) -> VitalsRow | None:
        return self.vitals[-1] if self.vitals else None

    @property
    def level(self) -> VitalsLevel:
        """The last reading's level (normal when there is none)."""
        return self.vitals[-1].classification.level if self.vitals else VitalsLevel.NORMAL

    @property
    def reason(self) -> str:
        return self.vitals[-1].classification.reason if self.vitals else ""

    @property
    def alert(self) -> bool:
        return self.level is VitalsLevel.ALERT and not self.discharge.discharged

    @property
    def observation_summary(self) -> str:
        """Each kind once, at its latest severity, in the order first seen: "Dissociation (mild), Nausea (moderate)"."""
        latest = {row.kind: row for row in self.observations}  # later rows win
        return ", ".join(latest[kind].label for kind in dict.fromkeys(row.kind for row in self.observations))

    @property
    def next_due_label(self) -> str:
        """E.g. "+40 min" or "Pre-dose"; empty when nothing is due (waiting for the dose, or discharged)."""
        item = self.schedule_view.next_item
        return item.label if item is not None else ""

    @property
    def next_due_at(self) -> datetime | None:
        item = self.schedule_view.next_item
        return item.due_at if item is not None else None

    @property
    def countdown_seconds(self) -> float | None:
        """Seconds until the next reading is due at ``taken_at``; negative once due."""
        return self.schedule_view.countdown_seconds

    @property
    def overdue(self) -> bool:
        return self.schedule_view.overdue

    def schedule_at(self, now: datetime) -> ScheduleView:
        """The schedule at a later moment: next due, countdown and overdue without a new query."""
        return self.schedule.view(now)

    @property
    def schedule_view(self) -> ScheduleView:
        return self.schedule.view(self.taken_at)


@dataclass(frozen=True)
class MonitoringBoard:
    session_id: int
    taken_at: datetime
    dosing: bool  # a dosing session: doses, the vitals schedule and discharge apply
    cards: tuple[MonitoringCard, ...]  # who needs attention next first

    def card(self, participant_id: int) -> MonitoringCard | None:
        return next((c for c in self.cards if c.participant_id == participant_id), None)


def _signatures(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {a.id: a.signature for a in session.scalars(select(Account).where(Account.id.in_(ids)))}


def _dose_row(dose: Dose, names: dict[int, str]) -> DoseRow:
    return DoseRow(dose.id, dose.medication, dose.route, dose.amount_mg, dose.given_at, dose.lot_number,
                   dose.given_by_id, names.get(dose.given_by_id, "") if dose.given_by_id else "", dose.booster,
                   dose.hold_override_reason, dose.hold_override_by_id)


def _vitals_row(vital: VitalSign, records: ParticipantRecords, rules: MonitoringRules) -> VitalsRow:
    return VitalsRow(vital.id, vital.taken_at, reading_of(vital), vital.context,
                     minutes_after_dose(records.dose_times, vital.taken_at),
                     classify_vital(vital, records.dose_times, rules), vital.created_by_id)


def _card(records: ParticipantRecords, rules: MonitoringRules, now: datetime, names: dict[int, str]) -> MonitoringCard:
    person = records.attendance.participant
    last_dose = records.doses[-1].given_at if records.doses else None
    schedule = schedule_of(records, rules)
    discharge = discharge_state(records, rules, now)
    vitals = tuple(_vitals_row(v, records, rules) for v in records.vitals)
    gate = classify_vital(records.vitals[-1], (), rules) if records.vitals else None
    alert = bool(vitals) and vitals[-1].classification.level is VitalsLevel.ALERT
    return MonitoringCard(
        participant_id=records.participant_id, name=person.display_name, attendance=records.attendance.status,
        flags=tuple(label for attr, label in FLAG_LABELS if getattr(person, attr)), taken_at=now,
        doses=tuple(_dose_row(d, names) for d in records.doses),
        minutes_since_dose=None if last_dose is None or now < last_dose
        else int((now - last_dose).total_seconds() // 60),
        vitals=vitals, dose_gate=gate, schedule=schedule,
        observations=tuple(observation_row(o) for o in records.observations), discharge=discharge,
        attention=attention_key(schedule.view(now), alert=alert, discharged=discharge.discharged),
    )


def _cards(session: Session, row: GroupSession, clock: Clock, participant_id: int | None) -> list[MonitoringCard]:
    rules, now = rules_of(row), clock.now()
    people = records_of(session, row, participant_id)
    names = _signatures(session, {d.given_by_id for r in people.values() for d in r.doses if d.given_by_id})
    return [_card(records, rules, now, names) for records in people.values()]


def get_board(session: Session, session_id: int, clock: Clock) -> MonitoringBoard:
    """Everyone in the room, who needs attention next first (then by name)."""
    row = load_session(session, session_id)
    cards = sorted(_cards(session, row, clock, None), key=lambda c: (c.attention, c.name.casefold(), c.participant_id))
    return MonitoringBoard(row.id, clock.now(), is_dosing(row), tuple(cards))


def get_card(session: Session, session_id: int, participant_id: int, clock: Clock) -> MonitoringCard:
    """One participant's card (also for someone no longer in the room, to review their record)."""
    cards = _cards(session, load_session(session, session_id), clock, participant_id)
    if not cards:
        raise UserError("This participant is not on this session's attendance list.")
    return cards[0]


__all__ = [
    "DischargeState", "DoseOnHold", "DoseResult", "DoseRow", "MonitoringBoard", "MonitoringCard",
    "NotReadyForDischarge", "ObservationRow", "VitalsResult", "VitalsRow", "discharge_participant", "edit_dose",
    "get_board", "get_card", "get_discharge_state", "record_dose", "record_observation", "record_vitals",
    "set_escort", "set_would_have_been_ready_at", "tick_item",
]
