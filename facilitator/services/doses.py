"""Giving a dose: checked against the pre-dose vitals and the protocol's limits, and attributed.

A dose needs vitals taken before it in this session (when the protocol asks for pre-dose vitals).
The last reading before the dose is judged by the pre-dose limits: at the caution limit the dose is
given with a warning (confirm with the clinician); at the hold limit — or with any alert — it is
refused unless a clinician or an administrator overrides it with a written reason, which is kept on
the dose with who gave it. A booster is judged the same way by the last reading before it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from facilitator.db.models import Account, Dose
from facilitator.domain.clock import Clock
from facilitator.domain.enums import Route
from facilitator.domain.vitals import Classification
from facilitator.domain.vitals_schedule import MonitoringRules
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.monitoring_records import (
    ParticipantRecords,
    acting_account,
    classify_vital,
    clean_text,
    event_time,
    is_dosing,
    not_discharged,
    participant_records,
    recordable_session,
    require_clinician,
    rules_of,
)

MAX_MG = 1000


class DoseOnHold(UserError):
    """A dose refused at the hold limit; ``reasons`` are the sentences the override dialog shows."""

    def __init__(self, verdict: Classification) -> None:
        self.reasons = verdict.reasons
        super().__init__(verdict.reasons[0])


@dataclass(frozen=True)
class DoseResult:
    """A recorded dose and any caution the pre-dose reading raised (the UI shows them after saving)."""

    dose_id: int
    given_at: datetime
    warnings: tuple[str, ...]
    held: bool  # given over a hold, with a clinician's override


def _amount(amount_mg: float) -> float:
    if isinstance(amount_mg, bool) or not isinstance(amount_mg, int | float) or not math.isfinite(amount_mg):
        raise UserError("The dose must be a number of milligrams.")
    if amount_mg <= 0 or amount_mg > MAX_MG:
        raise UserError(f"The dose must be more than 0 and at most {MAX_MG} mg; check for a typo.")
    return round(float(amount_mg), 2)


def _route(route: str | Route) -> str:
    try:
        return Route(route).value
    except ValueError:
        allowed = ", ".join(r.value for r in Route)
        raise UserError(f"The route must be one of {allowed}.") from None


def _given_by(session: Session, given_by_id: int | None) -> int | None:
    if given_by_id is None:
        account = acting_account(session)
        return account.id if account is not None else None
    chosen = session.get(Account, given_by_id)
    if chosen is None or not chosen.active:
        raise UserError(f"There is no active staff account with id {given_by_id}.")
    return chosen.id


def _check_order(records: ParticipantRecords, given_at: datetime, booster: bool, dose: Dose | None = None) -> None:
    others = [d for d in records.doses if d is not dose]
    if not booster and others:
        raise UserError("A dose is already recorded for this participant in this session; mark this one as a booster.")
    if booster:
        firsts = [d.given_at for d in others if not d.booster] or [d.given_at for d in others]
        if not firsts:
            raise UserError("A booster needs a first dose recorded before it.")
        if given_at <= min(firsts):
            raise UserError("A booster must be given after the first dose.")
    elif any(d.booster and d.given_at <= given_at for d in others):
        raise UserError("The first dose must be given before any booster.")


def _gate(records: ParticipantRecords, given_at: datetime, rules: MonitoringRules) -> Classification | None:
    before = [v for v in records.vitals if v.taken_at <= given_at]
    if not before:
        if rules.pre_dose_vitals:
            raise UserError("Record pre-dose vitals for this participant before the dose.")
        return None
    # Judged by the pre-dose limits whatever came before: any dose, first or booster, is held at them.
    return classify_vital(before[-1], (), rules)


def record_dose(
    session: Session, session_id: int, participant_id: int, clock: Clock, *, amount_mg: float,
    route: str | Route = Route.SUBLINGUAL, medication: str = "ketamine", given_at: datetime | None = None,
    lot_number: str = "", given_by_id: int | None = None, booster: bool = False, override_reason: str = "",
) -> DoseResult:
    """Record a dose given to a participant.

    Args:
        given_at: when it was given; None is now (the dialog shows now and lets it be edited).
        given_by_id: who gave it; None is the signed-in person.
        override_reason: a clinician's written reason to dose over a hold (ignored when nothing holds).

    Raises:
        DoseOnHold: the last reading before the dose is at the hold limit and no override was given.
        UserError: anything else that cannot be recorded, in one sentence.
    """
    row = recordable_session(session, session_id)
    if not is_dosing(row):
        raise UserError("Doses can be recorded only in dosing sessions.")
    rules = rules_of(row)
    records = participant_records(session, row, participant_id)
    when = event_time(row, given_at, clock.now(), "dose time")
    not_discharged(records, when, "dose")
    mg, route_value = _amount(amount_mg), _route(route)
    medication = clean_text(medication, 80, "medication name")
    if not medication:
        raise UserError("Name the medication given.")
    lot = clean_text(lot_number, 60, "lot number")
    _check_order(records, when, booster)
    verdict = _gate(records, when, rules)
    override = override_reason.strip()
    held = verdict is not None and verdict.holds_dose
    if held and verdict is not None and not override:
        raise DoseOnHold(verdict)
    overrider = require_clinician(session, "override a dose hold") if held else None
    dose = Dose(session_id=row.id, participant_id=participant_id, medication=medication, route=route_value,
                amount_mg=mg, given_at=when, lot_number=lot, given_by_id=_given_by(session, given_by_id),
                booster=booster, hold_override_reason=override if held else "",
                hold_override_by_id=overrider.id if overrider is not None else None)
    session.add(dose)
    session.flush()
    if held:
        actors.record(session, "override", entity_type="dose", entity_id=dose.id, detail="dose given over a BP hold")
    warnings = verdict.reasons if verdict is not None and not held else ()
    return DoseResult(dose.id, when, warnings, held)


def edit_dose(
    session: Session, dose_id: int, clock: Clock, *, given_at: datetime | None = None,
    amount_mg: float | None = None, lot_number: str | None = None,
) -> DoseResult:
    """Correct a dose after the fact (None leaves a field as it is); the change is audited with its fields."""
    dose = session.get(Dose, dose_id)
    if dose is None:
        raise UserError(f"There is no dose with id {dose_id}.")
    row = recordable_session(session, dose.session_id)
    rules = rules_of(row)
    records = participant_records(session, row, dose.participant_id)
    if given_at is not None:
        when = event_time(row, given_at, clock.now(), "dose time")
        not_discharged(records, when, "dose")
        _check_order(records, when, dose.booster, dose)
        if rules.pre_dose_vitals and not any(v.taken_at <= when for v in records.vitals):
            raise UserError("That time is before the participant's pre-dose vitals; check the time.")
        dose.given_at = when
    if amount_mg is not None:
        dose.amount_mg = _amount(amount_mg)
    if lot_number is not None:
        dose.lot_number = clean_text(lot_number, 60, "lot number")
    session.flush()
    return DoseResult(dose.id, dose.given_at, (), bool(dose.hold_override_reason))
