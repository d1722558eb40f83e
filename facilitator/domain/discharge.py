"""Discharge readiness (CLINICAL.md): ready only when every item holds, and otherwise exactly why not.

Three items are worked out from the records — the minimum observation since the last dose, the last
vitals, and whether "would have been ready at" is recorded; the other four are ticked by staff, each
tick keeping who and when. A tick is taken back by the records when they contradict it later: nausea
or vomiting recorded after "no active nausea" was ticked, or sedation after "alert and oriented".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from facilitator.domain.protocol import Thresholds
from facilitator.domain.vitals import Reading, classify, within_discharge_limits

MIN_OBSERVATION = "min_observation"
VITALS = "vitals_within_limits"
ALERT_ORIENTED = "alert_oriented"
NO_NAUSEA = "no_active_nausea"
ESCORT = "escort_present"
NO_DRIVING = "no_driving_acknowledged"
READY_TIME = "ready_time_recorded"

ITEMS = (MIN_OBSERVATION, VITALS, ALERT_ORIENTED, NO_NAUSEA, ESCORT, NO_DRIVING, READY_TIME)
TICKED = (ALERT_ORIENTED, NO_NAUSEA, ESCORT, NO_DRIVING)  # the items staff tick; the rest are derived
LABELS = {
    MIN_OBSERVATION: "Minimum observation elapsed",
    VITALS: "Last vitals within limits",
    ALERT_ORIENTED: "Alert and oriented",
    NO_NAUSEA: "No active nausea or vomiting",
    ESCORT: "Escort present",
    NO_DRIVING: "No driving until tomorrow acknowledged",
    READY_TIME: '"Would have been ready at" recorded',
}
_NOT_TICKED = {
    ALERT_ORIENTED: "Confirm the participant is alert and oriented.",
    NO_NAUSEA: "Confirm there is no active nausea or vomiting.",
    ESCORT: "Confirm the escort is present.",
    NO_DRIVING: "Confirm the participant acknowledged no driving until tomorrow after restful sleep.",
}


@dataclass(frozen=True)
class Tick:
    """A checklist item as staff recorded it."""

    ok: bool
    at: datetime
    by_id: int | None = None


@dataclass(frozen=True)
class DischargeFacts:
    """Everything readiness depends on, taken from one participant's records in one session.

    Attributes:
        last_reading: the latest vitals and when they were taken.
        before_discharge_needed: the protocol asks for a reading before discharge and none is recorded yet.
        upsets: times nausea or vomiting were recorded; ``sedations``: times sedation (MOAA/S below 5) was.
        would_have_been_ready_at: the REMS answer as recorded (None until it is).
    """

    dose_times: tuple[datetime, ...]
    min_observation_minutes: int
    thresholds: Thresholds
    last_reading: tuple[Reading, datetime] | None
    before_discharge_needed: bool
    ticks: Mapping[str, Tick]
    escort_name: str
    would_have_been_ready_at: datetime | None
    upsets: tuple[datetime, ...] = ()
    sedations: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class ItemState:
    key: str
    label: str
    holds: bool
    reason: str  # why it does not hold; empty when it does
    at: datetime | None  # when it came to hold (a tick's time, a reading's, the end of observation)
    by_id: int | None
    ticked: bool  # staff tick it (False: worked out from the records)


@dataclass(frozen=True)
class Readiness:
    items: tuple[ItemState, ...]
    observation_ends_at: datetime | None  # None when no dose was given
    ready_since: datetime | None  # when the last item came to hold, if all hold
    suggested_ready_at: datetime | None  # a suggestion for "would have been ready at"

    @property
    def ready(self) -> bool:
        return all(item.holds for item in self.items)

    @property
    def reasons(self) -> tuple[str, ...]:
        """One sentence per item that does not hold, in checklist order."""
        return tuple(item.reason for item in self.items if not item.holds)


def assess(facts: DischargeFacts, now: datetime) -> Readiness:
    """Discharge readiness at ``now``."""
    states = {
        MIN_OBSERVATION: _observation(facts, now),
        VITALS: _vitals(facts),
        ALERT_ORIENTED: _ticked(facts, ALERT_ORIENTED, facts.sedations,
                                "Sedation was recorded after alert and oriented was ticked; check again."),
        NO_NAUSEA: _ticked(facts, NO_NAUSEA, facts.upsets,
                           "Nausea or vomiting was recorded after it was ticked as settled; check again."),
        ESCORT: _escort(facts),
        NO_DRIVING: _ticked(facts, NO_DRIVING, (), ""),
        READY_TIME: _ready_time(facts),
    }
    items = tuple(states[key] for key in ITEMS)
    ends = _observation_end(facts)
    ready_since = max((i.at for i in items if i.at is not None), default=None) if all(i.holds for i in items) else None
    return Readiness(items, ends, ready_since, suggest_ready_at(items, facts))


def suggest_ready_at(items: tuple[ItemState, ...], facts: DischargeFacts) -> datetime | None:
    """When the participant was clinically ready to leave, but for the minimum observation.

    The clinical items count (vitals within limits, alert and oriented, no active nausea); the escort and
    the no-driving talk are logistics and would otherwise make the answer "when the ride came".
    """
    clinical = [item for item in items if item.key in (VITALS, ALERT_ORIENTED, NO_NAUSEA)]
    if not all(item.holds and item.at is not None for item in clinical):
        return None
    moment = max(item.at for item in clinical if item.at is not None)
    return max(moment, facts.dose_times[-1]) if facts.dose_times else moment


def _observation_end(facts: DischargeFacts) -> datetime | None:
    if not facts.dose_times:
        return None
    return max(facts.dose_times) + timedelta(minutes=facts.min_observation_minutes)


def _state(key: str, holds: bool, reason: str, at: datetime | None, by_id: int | None = None) -> ItemState:
    return ItemState(key, LABELS[key], holds, "" if holds else reason, at, by_id, key in TICKED)


def _observation(facts: DischargeFacts, now: datetime) -> ItemState:
    ends = _observation_end(facts)
    if ends is None:
        return _state(MIN_OBSERVATION, True, "", None)
    left = math.ceil((ends - now).total_seconds() / 60)
    reason = (f"The {facts.min_observation_minutes}-minute minimum observation after the last dose has "
              f"{left} minute{'s' if left != 1 else ''} left.")
    return _state(MIN_OBSERVATION, now >= ends, reason, ends)


def _vitals(facts: DischargeFacts) -> ItemState:
    last = facts.last_reading
    dosed_at = max(facts.dose_times) if facts.dose_times else None
    if last is None:
        return _state(VITALS, False, "No vitals have been recorded for this participant.", None)
    reading, taken_at = last
    if dosed_at is not None and taken_at <= dosed_at:
        return _state(VITALS, False, "No vitals have been taken since the last dose.", None)
    if not within_discharge_limits(reading, facts.thresholds):
        minutes = None if dosed_at is None else int((taken_at - dosed_at).total_seconds() // 60)
        verdict = classify(reading, facts.thresholds, minutes)
        detail = verdict.reasons[0] if verdict.reasons else f"BP {reading.bp} is not within the protocol's limits."
        return _state(VITALS, False, f"The last vitals are not within limits. {detail}", None)
    if facts.before_discharge_needed:
        return _state(VITALS, False, "Take the vitals before discharge.", None)
    return _state(VITALS, True, "", taken_at)


def _ticked(facts: DischargeFacts, key: str, contradicted_by: tuple[datetime, ...], undone: str) -> ItemState:
    tick = facts.ticks.get(key)
    if tick is None or not tick.ok:
        return _state(key, False, _NOT_TICKED[key], None)
    if any(moment > tick.at for moment in contradicted_by):
        return _state(key, False, undone, None)
    return _state(key, True, "", tick.at, tick.by_id)


def _escort(facts: DischargeFacts) -> ItemState:
    if not facts.escort_name.strip():
        return _state(ESCORT, False, "Record the escort's name.", None)
    return _ticked(facts, ESCORT, (), "")


def _ready_time(facts: DischargeFacts) -> ItemState:
    if facts.would_have_been_ready_at is None:
        return _state(READY_TIME, False,
                      'Record when the participant would have been ready to leave without the minimum observation.',
                      None)
    tick = facts.ticks.get(READY_TIME)
    return _state(READY_TIME, True, "", tick.at if tick else None, tick.by_id if tick else None)
