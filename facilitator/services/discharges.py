"""The discharge checklist: ticks with who and when, the escort, "would have been ready at", discharge.

Readiness is worked out again from the records at each call (see :mod:`facilitator.domain.discharge`).
A participant who is not ready is discharged only by a clinician or an administrator with a written
reason; the reason, the checklist as it stood and who discharged them are kept on the discharge row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import Discharge, GroupSession
from facilitator.domain import discharge as checklist
from facilitator.domain.clock import Clock, utc
from facilitator.domain.discharge import DischargeFacts, ItemState, Readiness, Tick
from facilitator.domain.enums import ObservationKind
from facilitator.domain.vitals_schedule import ItemKind, ItemStatus, MonitoringRules
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.monitoring_records import (
    FUTURE_SLACK,
    ParticipantRecords,
    acting_account,
    clean_text,
    event_time,
    participant_records,
    reading_of,
    recordable_session,
    require_clinician,
    rules_of,
    schedule_of,
)


class NotReadyForDischarge(UserError):
    """A discharge refused because items are open; ``reasons`` has one sentence per open item."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        super().__init__("Not ready for discharge: " + " ".join(reasons))


@dataclass(frozen=True)
class DischargeState:
    """One participant's discharge checklist and readiness at ``at``."""

    participant_id: int
    at: datetime
    items: tuple[ItemState, ...]
    ready: bool
    reasons: tuple[str, ...]
    observation_ends_at: datetime | None
    ready_since: datetime | None
    suggested_ready_at: datetime | None
    escort_name: str
    would_have_been_ready_at: datetime | None
    discharged_at: datetime | None
    discharged_by_id: int | None
    override_reason: str
    monitoring_minutes: int | None

    @property
    def discharged(self) -> bool:
        return self.discharged_at is not None


def _ticks(stored: dict[str, Any] | None) -> dict[str, Tick]:
    ticks: dict[str, Tick] = {}
    for key, value in (stored or {}).items():
        try:
            ticks[key] = Tick(bool(value["ok"]), utc(datetime.fromisoformat(value["at"])), value.get("by"))
        except (KeyError, TypeError, ValueError):
            continue  # a malformed entry counts as not ticked
    return ticks


def facts_of(records: ParticipantRecords, rules: MonitoringRules, now: datetime) -> DischargeFacts:
    last = records.vitals[-1] if records.vitals else None
    view = schedule_of(records, rules).view(now)
    needed = records.doses and view.status_of(ItemKind.BEFORE_DISCHARGE) not in (None, ItemStatus.DONE)
    out = records.discharge
    return DischargeFacts(
        dose_times=records.dose_times, min_observation_minutes=rules.min_observation_minutes,
        thresholds=rules.thresholds, last_reading=(reading_of(last), last.taken_at) if last is not None else None,
        before_discharge_needed=bool(needed), ticks=_ticks(out.checklist if out is not None else None),
        escort_name=out.escort_name if out is not None else "",
        would_have_been_ready_at=out.would_have_been_ready_at if out is not None else None,
        upsets=tuple(o.observed_at for o in records.observations
                     if o.kind in (ObservationKind.NAUSEA, ObservationKind.VOMITING)),
        sedations=tuple(o.observed_at for o in records.observations
                        if o.kind == ObservationKind.SEDATION and (o.moaas is None or o.moaas < 5)),
    )


def discharge_state(records: ParticipantRecords, rules: MonitoringRules, now: datetime) -> DischargeState:
    """Readiness now; once discharged, as it stood at the discharge."""
    out = records.discharge
    at = out.discharged_at if out is not None and out.discharged_at is not None else now
    readiness: Readiness = checklist.assess(facts_of(records, rules, at), at)
    return DischargeState(
        participant_id=records.participant_id, at=at, items=readiness.items, ready=readiness.ready,
        reasons=readiness.reasons, observation_ends_at=readiness.observation_ends_at,
        ready_since=readiness.ready_since, suggested_ready_at=readiness.suggested_ready_at,
        escort_name=out.escort_name if out else "",
        would_have_been_ready_at=out.would_have_been_ready_at if out else None,
        discharged_at=out.discharged_at if out else None, discharged_by_id=out.discharged_by_id if out else None,
        override_reason=out.override_reason if out else "", monitoring_minutes=out.monitoring_minutes if out else None,
    )


def _open(session: Session, session_id: int, participant_id: int) -> tuple[GroupSession, MonitoringRules,
                                                                            ParticipantRecords, Discharge]:
    """The participant's discharge row (created on first use), refused once they are discharged."""
    row = recordable_session(session, session_id)
    records = participant_records(session, row, participant_id)
    out = records.discharge
    if out is not None and out.discharged_at is not None:
        raise UserError("This participant was already discharged; the checklist is closed.")
    if out is None:
        out = Discharge(session_id=row.id, participant_id=participant_id, checklist={}, escort_name="",
                        override_reason="")
        session.add(out)
        records.discharge = out
    return row, rules_of(row), records, out


def _stamp(out: Discharge, key: str, ok: bool, now: datetime, by: int | None) -> None:
    # A new dict, not an in-place change, so the JSON column is seen as changed and audited.
    out.checklist = {**(out.checklist or {}), key: {"ok": ok, "at": now.isoformat(timespec="seconds"), "by": by}}


def _done(session: Session, records: ParticipantRecords, rules: MonitoringRules, now: datetime) -> DischargeState:
    try:
        session.flush()
    except StaleDataError:
        raise UserError("This checklist was changed on another computer at the same moment; try again.") from None
    return discharge_state(records, rules, now)


def get_discharge_state(session: Session, session_id: int, participant_id: int, clock: Clock) -> DischargeState:
    row = recordable_session(session, session_id)
    return discharge_state(participant_records(session, row, participant_id), rules_of(row), clock.now())


def tick_item(session: Session, session_id: int, participant_id: int, item: str, clock: Clock,
              ok: bool = True) -> DischargeState:
    """Tick (or untick) one of the items staff confirm: alert_oriented, no_active_nausea, escort_present,
    no_driving_acknowledged."""
    if item not in checklist.TICKED:
        if item in checklist.ITEMS:
            raise UserError(f"{checklist.LABELS[item]} is worked out from the records; it cannot be ticked.")
        raise UserError(f"There is no discharge checklist item called {item!r}.")
    _, rules, records, out = _open(session, session_id, participant_id)
    if item == checklist.ESCORT and ok and not (out.escort_name or "").strip():
        raise UserError("Record the escort's name before ticking the escort as present.")
    now = clock.now().replace(microsecond=0)
    account = acting_account(session)
    _stamp(out, item, ok, now, account.id if account else None)
    return _done(session, records, rules, now)


def set_escort(session: Session, session_id: int, participant_id: int, name: str, clock: Clock) -> DischargeState:
    """The name of the person taking the participant home."""
    _, rules, records, out = _open(session, session_id, participant_id)
    out.escort_name = clean_text(" ".join(name.split()), 120, "escort's name")
    return _done(session, records, rules, clock.now())


def set_would_have_been_ready_at(session: Session, session_id: int, participant_id: int, clock: Clock,
                                 at: datetime | None = None) -> DischargeState:
    """Record the REMS answer: when the participant would have been ready without the minimum observation.

    Args:
        at: the time; None takes the suggestion (when the clinical items last came to hold).
    """
    _, rules, records, out = _open(session, session_id, participant_id)
    now = clock.now().replace(microsecond=0)
    if at is None:
        at = discharge_state(records, rules, now).suggested_ready_at
        if at is None:
            raise UserError("Give the time: there is no suggestion until the vitals, alertness and nausea items hold.")
    when = utc(at).replace(microsecond=0)
    if when > now + FUTURE_SLACK:
        raise UserError("The time the participant would have been ready cannot be in the future.")
    if records.doses and when < records.doses[0].given_at:
        raise UserError("The time the participant would have been ready cannot be before the dose.")
    out.would_have_been_ready_at = when
    account = acting_account(session)
    _stamp(out, checklist.READY_TIME, True, now, account.id if account else None)
    return _done(session, records, rules, now)


def discharge_participant(session: Session, session_id: int, participant_id: int, clock: Clock, *,
                          override_reason: str = "", at: datetime | None = None) -> DischargeState:
    """Discharge a participant: refused when not ready, unless a clinician gives a written reason.

    Raises:
        NotReadyForDischarge: with one sentence per open item, when not ready and no reason is given.
    """
    row, rules, records, out = _open(session, session_id, participant_id)
    when = event_time(row, at, clock.now(), "discharge time")
    state = discharge_state(records, rules, when)
    reason = clean_text(override_reason, 1000, "override reason")
    if not state.ready and not reason:
        raise NotReadyForDischarge(state.reasons)
    account = require_clinician(session, "discharge a participant who is not ready") if not state.ready \
        else acting_account(session)
    by = account.id if account else None
    for item in state.items:
        if not item.ticked and item.key not in (out.checklist or {}):
            # Keep the worked-out items as they stood, for the record: when each came to hold.
            _stamp(out, item.key, item.holds, item.at if item.holds and item.at else when, by)
    out.discharged_at, out.discharged_by_id = when, by
    out.override_reason = "" if state.ready else reason
    out.ready_at = state.ready_since
    first = records.doses[0].given_at if records.doses else None
    out.monitoring_minutes = None if first is None else int((when - first) / timedelta(minutes=1))
    result = _done(session, records, rules, when)
    if not state.ready:
        actors.record(session, "override", entity_type="discharge", entity_id=out.id,
                      detail="discharged before every item held")
    return result
