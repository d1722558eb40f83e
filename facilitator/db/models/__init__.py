"""Every model, imported once so the metadata is complete (Alembic and create_all rely on it)."""

from facilitator.db.models.accounts import Account
from facilitator.db.models.audit import AuditEvent
from facilitator.db.models.circle import Share
from facilitator.db.models.clinic import ClinicSetting
from facilitator.db.models.groups import Group, Membership, group_facilitator
from facilitator.db.models.inventory import LedgerEntry, Reconciliation, StockLot
from facilitator.db.models.monitoring import Discharge, Dose, Observation, VitalSign
from facilitator.db.models.notes import Addendum, MeasureResponse, Note
from facilitator.db.models.people import Participant
from facilitator.db.models.protocols import Protocol, ProtocolPhase
from facilitator.db.models.sessions import (
    Attendance,
    GroupSession,
    PhaseExtension,
    PhasePause,
    PhaseRun,
    QuickNote,
    session_facilitator,
)

__all__ = [
    "Account", "Addendum", "Attendance", "AuditEvent", "ClinicSetting", "Discharge", "Dose", "Group",
    "GroupSession", "LedgerEntry", "MeasureResponse", "Membership", "Note", "Observation", "Participant",
    "PhaseExtension", "PhasePause", "PhaseRun", "Protocol", "ProtocolPhase", "QuickNote", "Reconciliation",
    "Share", "StockLot", "VitalSign", "group_facilitator", "session_facilitator",
]
