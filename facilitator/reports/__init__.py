"""ReportLab documents: session summary, participant handouts, progress report, the room's session plan.

No Qt and no database here: each ``render_*`` takes the frozen value that
:mod:`facilitator.services.documents` loads and returns PDF bytes (callable on any thread; the
fonts register once, under a lock). :func:`write_atomic` puts bytes on disk safely.
"""

from facilitator.reports.handout import render_handout, render_handouts
from facilitator.reports.output import (
    COMBINED_HANDOUTS,
    check_folder,
    ensure_folder,
    handout_filename,
    write_atomic,
    write_handouts,
)
from facilitator.reports.progress import render_progress
from facilitator.reports.session_plan import render_session_plan
from facilitator.reports.summary import render_summary

__all__ = [
    "COMBINED_HANDOUTS", "check_folder", "ensure_folder", "handout_filename", "render_handout", "render_handouts",
    "render_progress", "render_session_plan", "render_summary", "write_atomic", "write_handouts",
]
