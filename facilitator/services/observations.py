"""Recording what staff see during a session: side effects with severity, MOAA/S, and the action taken."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from facilitator.db.models import Observation
from facilitator.domain.clock import Clock
from facilitator.domain.enums import ObservationKind, Severity
from facilitator.errors import UserError
from facilitator.services.monitoring_records import (
    clean_text,
    event_time,
    not_discharged,
    participant_records,
    recordable_session,
)

MAX_TEXT = 1000
KIND_LABELS: dict[str, str] = {
    ObservationKind.NAUSEA: "Nausea", ObservationKind.VOMITING: "Vomiting",
    ObservationKind.DISSOCIATION: "Dissociation", ObservationKind.ANXIETY: "Anxiety/distress",
    ObservationKind.SEDATION: "Sedation", ObservationKind.HYPERTENSION: "Hypertension",
    ObservationKind.DIZZINESS: "Dizziness", ObservationKind.OTHER: "Other",
}


@dataclass(frozen=True)
class ObservationRow:
    id: int
    observed_at: datetime
    kind: str
    severity: str
    moaas: int | None
    detail: str
    action: str
    author_id: int | None

    @property
    def label(self) -> str:
        """E.g. "Sedation (moderate, MOAA/S 3)"."""
        name = KIND_LABELS.get(self.kind, self.kind)
        extra = f", MOAA/S {self.moaas}" if self.moaas is not None else ""
        return f"{name} ({self.severity}{extra})"


def observation_row(seen: Observation) -> ObservationRow:
    return ObservationRow(seen.id, seen.observed_at, seen.kind, seen.severity, seen.moaas, seen.detail, seen.action,
                          seen.created_by_id)


def _choice(value: str, kind: type[ObservationKind] | type[Severity], what: str) -> str:
    try:
        return kind(value).value
    except ValueError:
        allowed = ", ".join(k.value for k in kind)
        raise UserError(f"The {what} must be one of {allowed}.") from None


def record_observation(
    session: Session, session_id: int, participant_id: int, clock: Clock, *, kind: str | ObservationKind,
    severity: str | Severity = Severity.MILD, moaas: int | None = None, detail: str = "", action: str = "",
    observed_at: datetime | None = None,
) -> ObservationRow:
    """Record a side effect or event.

    Args:
        moaas: the MOAA/S score (0 unresponsive to 5 responds readily to name); required for sedation,
            and only for sedation.
        detail: what was seen; ``action``: what was done about it (both optional).
        observed_at: when; None is now.
    """
    kind_value = _choice(kind, ObservationKind, "kind of observation")
    severity_value = _choice(severity, Severity, "severity")
    if kind_value == ObservationKind.SEDATION:
        if moaas is None or isinstance(moaas, bool) or not isinstance(moaas, int) or not 0 <= moaas <= 5:
            raise UserError("Sedation needs a MOAA/S score from 0 (no response) to 5 (responds readily to name).")
    elif moaas is not None:
        raise UserError("A MOAA/S score belongs to a sedation observation only.")
    detail, action = clean_text(detail, MAX_TEXT, "description"), clean_text(action, MAX_TEXT, "action taken")
    if kind_value == ObservationKind.OTHER and not detail:
        raise UserError("Describe what was observed.")
    row = recordable_session(session, session_id)
    records = participant_records(session, row, participant_id)
    when = event_time(row, observed_at, clock.now(), "time of the observation")
    not_discharged(records, when, "observation")
    seen = Observation(session_id=row.id, participant_id=participant_id, observed_at=when, kind=kind_value,
                       severity=severity_value, moaas=moaas, detail=detail, action=action)
    session.add(seen)
    session.flush()
    return observation_row(seen)
