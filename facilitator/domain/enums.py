"""Closed vocabularies shared by every layer, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    CLINICIAN = "clinician"
    MONITOR = "monitor"


class ParticipantStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    DISCHARGED = "discharged"
    ARCHIVED = "archived"


class Language(StrEnum):
    EN = "en"
    ES = "es"


class GroupKind(StrEnum):
    CLOSED = "closed"
    OPEN = "open"


class GroupStatus(StrEnum):
    PLANNING = "planning"
    ACTIVE = "active"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class ProtocolKind(StrEnum):
    DOSING = "dosing"
    INTEGRATION = "integration"
    PREPARATION = "preparation"
    MONITORING = "monitoring"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    EXPECTED = "expected"
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    CANCELLED = "cancelled"
    LEFT_EARLY = "left_early"


class Route(StrEnum):
    SUBLINGUAL = "sublingual"
    INTRAMUSCULAR = "intramuscular"
    INTRAVENOUS = "intravenous"
    INTRANASAL = "intranasal"
    ORAL = "oral"


class VitalsContext(StrEnum):
    PRE_DOSE = "pre_dose"
    SCHEDULED = "scheduled"
    RECHECK = "recheck"
    PRE_DISCHARGE = "pre_discharge"
    OTHER = "other"


class ObservationKind(StrEnum):
    NAUSEA = "nausea"
    VOMITING = "vomiting"
    DISSOCIATION = "dissociation"
    ANXIETY = "anxiety"
    SEDATION = "sedation"
    HYPERTENSION = "hypertension"
    DIZZINESS = "dizziness"
    OTHER = "other"


class Severity(StrEnum):
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class NoteKind(StrEnum):
    GROUP = "group"
    PARTICIPANT = "participant"


class Instrument(StrEnum):
    GAD7 = "GAD-7"
    PHQ9 = "PHQ-9"


class LedgerKind(StrEnum):
    RECEIVE = "receive"
    DISPENSE = "dispense"
    WASTE = "waste"
    COUNT = "count"
    CORRECTION = "correction"


class ReconciliationStatus(StrEnum):
    OPEN = "open"
    SIGNED = "signed"  # counted, no discrepancy
    FLAGGED = "flagged"  # signed with a discrepancy and its written explanation
