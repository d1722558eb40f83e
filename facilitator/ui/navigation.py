"""The screens of the main window: their ids, labels, icons, modules and sidebar sections.

The order here is the sidebar's order and the order of the Ctrl+1…Ctrl+9 shortcuts: the screens
used during a session come first so the first nine keys reach everything needed in the room.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class ScreenEntry:
    """One screen.

    Attributes:
        id: stable name, used in screenshots' file names and by tests (``session-setup``).
        label: what the sidebar shows.
        icon: a name from :data:`facilitator.ui.icons.GLYPHS`.
        module: the module under ``facilitator.ui.screens`` that builds it (``create(ctx)``).
        section: the sidebar group it sits in.
        summary: one sentence of what the screen is for (tooltips, empty states).
    """

    id: str
    label: str
    icon: str
    module: str
    section: str
    summary: str

    def load(self) -> ModuleType:
        """Import the screen's module (screens are imported when first shown, to start fast)."""
        return importlib.import_module(f"facilitator.ui.screens.{self.module}")


SESSION, RECORDS, CLINIC = "In session", "Records", "Clinic"

SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("today", "Today", "today", "today", SESSION,
                "Running and upcoming sessions at a glance."),
    ScreenEntry("session-setup", "Session setup", "session-setup", "session_setup", SESSION,
                "Choose the group and protocol, check people in and note their intentions."),
    ScreenEntry("runner", "Runner", "runner", "runner", SESSION,
                "The phase timer, a card per participant and a quick note line, keyboard first."),
    ScreenEntry("monitoring", "Monitoring", "monitoring", "monitoring", SESSION,
                "Doses, blood pressure, side effects and discharge readiness for each participant."),
    ScreenEntry("circle", "Circle mode", "circle", "circle", SESSION,
                "Speaking order, a gentle share timer, airtime and a note for each share."),
    ScreenEntry("notes", "Notes", "notes", "notes", SESSION,
                "The group note and a note per participant, saved as you type and signed when done."),
    ScreenEntry("groups", "Groups", "groups", "groups", RECORDS,
                "Cohorts, their members over time, facilitators and meeting times."),
    ScreenEntry("participants", "Participants", "participants", "participants", RECORDS,
                "The roster, each person's profile, screening, history and progress charts."),
    ScreenEntry("history", "History", "history", "history", RECORDS,
                "Every past session with its attendance, timings and notes."),
    ScreenEntry("search", "Search", "search", "search", RECORDS,
                "Find words across notes, intentions and quick notes from every session."),
    ScreenEntry("documents", "Documents", "documents", "documents", RECORDS,
                "Session summaries, handouts and progress reports to preview and print."),
    ScreenEntry("protocols", "Protocols", "protocols", "protocols", CLINIC,
                "Session templates: phases, timings, prompts, vitals schedule and thresholds."),
    ScreenEntry("inventory", "Inventory", "inventory", "inventory", CLINIC,
                "Controlled-substance lots, dispensing, witnessed waste and reconciliation."),
    ScreenEntry("audit", "Audit", "audit", "audit", CLINIC,
                "Who did what and when, with a tamper-evident chain."),
    ScreenEntry("settings", "Settings", "settings", "settings", CLINIC,
                "Appearance, sound and screen lock for this laptop."),
)

# Screens that are not sidebar entries (a second window, a dialog-like view).
EXTRA_SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("room-display", "Room display", "room-display", "room_display", SESSION,
                "A calm second screen for the room: phase name, gentle progress and time left, no names."),
    ScreenEntry("session-detail", "Session record", "history", "session_detail", RECORDS,
                "A past session's timings, planned against actual for each phase, and its quick notes."),
    ScreenEntry("check-in", "Check-in", "check-in", "check_in", SESSION,
                "Who is here, their intentions, drop-ins, and the GAD-7 and PHQ-9 before the session."),
)

DEFAULT_SCREEN = "today"
# The sidebar entry lit while a screen without its own entry is shown.
NAV_PARENT = {"check-in": "session-setup"}


def entry(screen_id: str) -> ScreenEntry:
    """The entry for ``screen_id``.

    Raises:
        KeyError: for an unknown id.
    """
    for screen in SCREENS + EXTRA_SCREENS:
        if screen.id == screen_id:
            return screen
    raise KeyError(screen_id)


def screen_ids() -> list[str]:
    return [s.id for s in SCREENS]
