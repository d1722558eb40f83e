"""GAD-7 and PHQ-9 responses: scored by the domain's scales and kept with the session they were taken at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, GroupSession, MeasureResponse, Participant
from facilitator.domain.scales import safety_flag, score
from facilitator.errors import UserError


@dataclass(frozen=True)
class SavedMeasure:
    """A scored response as stored.

    Attributes:
        safety_flag: PHQ-9 item 9 above 0 — show it prominently, never only inside a total.
    """

    id: int
    participant_id: int
    session_id: int | None
    instrument: str
    items: tuple[int, ...]
    total: int
    severity: str
    safety_flag: bool
    taken_on: date


def _saved(row: MeasureResponse, safety: bool) -> SavedMeasure:
    return SavedMeasure(id=row.id, participant_id=row.participant_id, session_id=row.session_id,
                        instrument=row.instrument, items=tuple(row.items), total=row.total, severity=row.severity,
                        safety_flag=safety, taken_on=row.taken_on)


def record_measure(session: Session, *, participant_id: int, instrument: str, items: Sequence[int], taken_on: date,
                   session_id: int | None = None) -> SavedMeasure:
    """Score and save a complete GAD-7 or PHQ-9.

    A second entry of the same instrument for the same person at the same session replaces the first
    (a correction at check-in); the audit trail keeps that it changed.

    Args:
        session_id: the session it was taken at (the person must be on that session's list).

    Raises:
        UserError: for an unknown person or session, a person not on the session's list, or answers
            that do not fit the instrument.
    """
    try:
        result = score(instrument, items)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if session.get(Participant, participant_id) is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    existing = None
    if session_id is not None:
        if session.get(GroupSession, session_id) is None:
            raise UserError(f"There is no session with id {session_id}.")
        listed = session.scalar(select(Attendance.id).where(
            Attendance.session_id == session_id, Attendance.participant_id == participant_id))
        if listed is None:
            raise UserError("This person is not on the session's list; add them at check-in first.")
        existing = session.scalar(select(MeasureResponse).where(
            MeasureResponse.session_id == session_id, MeasureResponse.participant_id == participant_id,
            MeasureResponse.instrument == result.instrument.value).order_by(MeasureResponse.id.desc()).limit(1))
    row = existing or MeasureResponse(participant_id=participant_id, session_id=session_id,
                                      instrument=result.instrument.value)
    row.items, row.total, row.severity, row.taken_on = list(result.items), result.total, result.severity, taken_on
    if existing is None:
        session.add(row)
    session.flush()
    return _saved(row, result.safety_flag)


def session_measures(session: Session, session_id: int) -> dict[int, dict[str, SavedMeasure]]:
    """Participant id -> instrument -> the response taken at this session (one query)."""
    found: dict[int, dict[str, SavedMeasure]] = {}
    query = select(MeasureResponse).where(MeasureResponse.session_id == session_id).order_by(MeasureResponse.id)
    for row in session.scalars(query):
        saved = _saved(row, safety_flag(row.instrument, row.items))
        found.setdefault(row.participant_id, {})[row.instrument] = saved
    return found
