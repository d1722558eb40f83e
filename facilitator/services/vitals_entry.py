"""Recording vital signs from the card's one-line entry or the vitals dialog, classified as they are saved.

When the caller does not say what a reading is for, its context is worked out from the participant's
schedule: before any dose it is pre-dose; right after a flagged reading it is a recheck; otherwise it
is the scheduled reading (or the one before discharge) whose window it falls in, and a recheck when
that item already has its reading or the reading falls in no window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from facilitator.db.models import VitalSign
from facilitator.domain.clock import Clock
from facilitator.domain.enums import VitalsContext
from facilitator.domain.vitals import Classification, Reading, VitalsError, VitalsLevel, check_reading, parse_line
from facilitator.domain.vitals_schedule import ItemKind, MonitoringRules
from facilitator.errors import UserError
from facilitator.services.monitoring_records import (
    ParticipantRecords,
    classify_vital,
    event_time,
    is_dosing,
    minutes_after_dose,
    not_discharged,
    participant_records,
    recordable_session,
    rules_of,
    schedule_of,
)


@dataclass(frozen=True)
class VitalsResult:
    """A saved reading with its classification (the card shows the reason at once)."""

    vital_id: int
    taken_at: datetime
    reading: Reading
    context: VitalsContext
    classification: Classification


def _reading(line: str | None, systolic: int | None, diastolic: int | None, heart_rate: int | None,
             spo2: int | None) -> Reading:
    try:
        if line is not None:
            if any(v is not None for v in (systolic, diastolic, heart_rate, spo2)):
                raise UserError("Give the vitals either as one line or as separate fields, not both.")
            return parse_line(line)
        return check_reading(systolic, diastolic, heart_rate, spo2)
    except VitalsError as exc:
        raise UserError(str(exc)) from None


def choose_context(records: ParticipantRecords, rules: MonitoringRules, taken_at: datetime) -> VitalsContext:
    """What a reading taken at ``taken_at`` is for, from the participant's own schedule."""
    doses = records.dose_times
    earlier = [v for v in records.vitals if v.taken_at <= taken_at]
    if minutes_after_dose(doses, taken_at) is None:
        flagged = bool(earlier) and classify_vital(earlier[-1], doses, rules).level >= VitalsLevel.CAUTION
        return VitalsContext.RECHECK if flagged else VitalsContext.PRE_DOSE
    since = max(d for d in doses if d < taken_at)
    after = [v for v in earlier if v.taken_at > since]
    if after and classify_vital(after[-1], doses, rules).level >= VitalsLevel.CAUTION:
        return VitalsContext.RECHECK
    for item in schedule_of(records, rules).items:
        if item.kind is ItemKind.PRE_DOSE or item.window_start is None or taken_at < item.window_start:
            continue
        if item.window_end is not None and taken_at >= item.window_end:
            continue
        if item.done_at is not None and item.done_at <= taken_at:
            return VitalsContext.RECHECK
        return VitalsContext.PRE_DISCHARGE if item.kind is ItemKind.BEFORE_DISCHARGE else VitalsContext.SCHEDULED
    return VitalsContext.RECHECK


def record_vitals(
    session: Session, session_id: int, participant_id: int, clock: Clock, *, line: str | None = None,
    systolic: int | None = None, diastolic: int | None = None, heart_rate: int | None = None,
    spo2: int | None = None, taken_at: datetime | None = None, context: str | VitalsContext | None = None,
) -> VitalsResult:
    """Record a reading typed as one line (``142/88 76 98``) or as fields, and classify it.

    Args:
        taken_at: when it was taken; None is now.
        context: what it was for; None works it out from the participant's schedule.

    Raises:
        UserError: an implausible reading or a line not in the expected form (one sentence), or a
            reading that cannot be recorded now.
    """
    reading = _reading(line, systolic, diastolic, heart_rate, spo2)
    row = recordable_session(session, session_id)
    rules = rules_of(row)
    records = participant_records(session, row, participant_id)
    when = event_time(row, taken_at, clock.now(), "time of the reading")
    not_discharged(records, when, "reading")
    if context is None:
        chosen = choose_context(records, rules, when) if is_dosing(row) else VitalsContext.OTHER
    else:
        try:
            chosen = VitalsContext(context)
        except ValueError:
            allowed = ", ".join(c.value for c in VitalsContext)
            raise UserError(f"The reading's context must be one of {allowed}.") from None
    vital = VitalSign(session_id=row.id, participant_id=participant_id, taken_at=when, systolic=reading.systolic,
                      diastolic=reading.diastolic, heart_rate=reading.heart_rate, spo2=reading.spo2,
                      context=chosen.value)
    session.add(vital)
    session.flush()
    return VitalsResult(vital.id, when, reading, chosen, classify_vital(vital, records.dose_times, rules))
