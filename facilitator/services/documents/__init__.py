"""What each printed document shows, read from the database as frozen values (reports never query).

The UI and the command line call a ``get_*_data`` function inside one unit of work, then hand the
value to :mod:`facilitator.reports`. Each call appends a "report" audit event (ids only).
"""

from facilitator.services.documents.handout import (
    HandoutData,
    NextSession,
    PlanPhase,
    SessionPlanData,
    get_handout_data,
    get_session_handouts,
    get_session_plan_data,
)
from facilitator.services.documents.progress import AttendedSession, MeasurePoint, ProgressData, get_progress_data
from facilitator.services.documents.records import AddendumRecord, ClinicInfo, NoteRecord
from facilitator.services.documents.summary import (
    AttendanceRow,
    ChecklistItem,
    CircleRecord,
    DischargeRecord,
    DoseRow,
    ObservationRow,
    ParticipantRecord,
    PhaseRow,
    QuickNoteLine,
    ShareRow,
    SummaryData,
    VitalRow,
    get_circle_records,
    get_summary_data,
)

__all__ = [
    "AddendumRecord", "AttendanceRow", "AttendedSession", "ChecklistItem", "CircleRecord", "ClinicInfo",
    "DischargeRecord", "DoseRow", "HandoutData", "MeasurePoint", "NextSession", "NoteRecord", "ObservationRow",
    "ParticipantRecord", "PhaseRow", "PlanPhase", "ProgressData", "QuickNoteLine", "SessionPlanData", "ShareRow",
    "SummaryData", "VitalRow", "get_handout_data", "get_progress_data", "get_session_handouts",
    "get_circle_records", "get_session_plan_data", "get_summary_data",
]
