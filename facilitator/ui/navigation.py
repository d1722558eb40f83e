"""The screens of the main window: their ids, labels, icons, modules and sidebar sections.

The order here is the sidebar's order and the order of the Ctrl+1…Ctrl+9 shortcuts: the screens
used during a session come first so the first nine keys reach everything needed in the room.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from facilitator.ui.i18n import QT_TRANSLATE_NOOP


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


# Labels, sections and summaries are marked for translation here and translated where they are shown.
SESSION, RECORDS, CLINIC = (QT_TRANSLATE_NOOP("Navigation", "In session"), QT_TRANSLATE_NOOP("Navigation", "Records"),
                             QT_TRANSLATE_NOOP("Navigation", "Clinic"))

SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("today", QT_TRANSLATE_NOOP("Navigation", "Today"), "today", "today", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "Running and upcoming sessions at a glance.")),
    ScreenEntry("session-setup", QT_TRANSLATE_NOOP("Navigation", "Session setup"),
                "session-setup", "session_setup", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "Choose the group and protocol, check "
                                  "people in and note their intentions.")),
    ScreenEntry("runner", QT_TRANSLATE_NOOP("Navigation", "Runner"), "runner", "runner", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "The phase timer, a card per participant "
                                  "and a quick note line, keyboard first.")),
    ScreenEntry("monitoring", QT_TRANSLATE_NOOP("Navigation", "Monitoring"), "monitoring", "monitoring", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "Doses, blood pressure, side effects "
                                  "and discharge readiness for each participant.")),
    ScreenEntry("circle", QT_TRANSLATE_NOOP("Navigation", "Circle mode"), "circle", "circle", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "Speaking order, a gentle share timer, "
                                  "airtime and a note for each share.")),
    ScreenEntry("notes", QT_TRANSLATE_NOOP("Navigation", "Notes"), "notes", "notes", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "The group note and a note per participant, "
                                  "saved as you type and signed when done.")),
    ScreenEntry("groups", QT_TRANSLATE_NOOP("Navigation", "Groups"), "groups", "groups", RECORDS,
                QT_TRANSLATE_NOOP("Navigation", "Cohorts, their members over time, facilitators and meeting times.")),
    ScreenEntry("participants", QT_TRANSLATE_NOOP("Navigation", "Participants"),
                "participants", "participants", RECORDS,
                QT_TRANSLATE_NOOP("Navigation", "The roster, each person's profile, "
                                  "screening, history and progress charts.")),
    ScreenEntry("history", QT_TRANSLATE_NOOP("Navigation", "History"), "history", "history", RECORDS,
                QT_TRANSLATE_NOOP("Navigation", "Every past session with its attendance, timings and notes.")),
    ScreenEntry("search", QT_TRANSLATE_NOOP("Navigation", "Search"), "search", "search", RECORDS,
                QT_TRANSLATE_NOOP("Navigation", "Find words across notes, intentions "
                                  "and quick notes from every session.")),
    ScreenEntry("documents", QT_TRANSLATE_NOOP("Navigation", "Documents"), "documents", "documents", RECORDS,
                QT_TRANSLATE_NOOP("Navigation", "Session summaries, handouts and progress "
                                  "reports to preview and print.")),
    ScreenEntry("protocols", QT_TRANSLATE_NOOP("Navigation", "Protocols"), "protocols", "protocols", CLINIC,
                QT_TRANSLATE_NOOP("Navigation", "Session templates: phases, timings, "
                                  "prompts, vitals schedule and thresholds.")),
    ScreenEntry("inventory", QT_TRANSLATE_NOOP("Navigation", "Inventory"), "inventory", "inventory", CLINIC,
                QT_TRANSLATE_NOOP("Navigation", "Controlled-substance lots, dispensing, "
                                  "witnessed waste and reconciliation.")),
    ScreenEntry("audit", QT_TRANSLATE_NOOP("Navigation", "Audit"), "audit", "audit", CLINIC,
                QT_TRANSLATE_NOOP("Navigation", "Who did what and when, with a tamper-evident chain.")),
    ScreenEntry("settings", QT_TRANSLATE_NOOP("Navigation", "Settings"), "settings", "settings", CLINIC,
                QT_TRANSLATE_NOOP("Navigation", "Appearance, sound and screen lock for this laptop.")),
)

# Screens that are not sidebar entries (a second window, a dialog-like view).
EXTRA_SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("room-display", QT_TRANSLATE_NOOP("Navigation", "Room display"),
                "room-display", "room_display", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "A calm second screen for the room: phase "
                                  "name, gentle progress and time left, no names.")),
    ScreenEntry("session-detail", QT_TRANSLATE_NOOP("Navigation", "Session record"),
                "history", "session_detail", RECORDS,
                QT_TRANSLATE_NOOP("Navigation", "A past session's timings, planned against actual "
                                  "for each phase, and its quick notes.")),
    ScreenEntry("check-in", QT_TRANSLATE_NOOP("Navigation", "Check-in"), "check-in", "check_in", SESSION,
                QT_TRANSLATE_NOOP("Navigation", "Who is here, their intentions, drop-ins, and "
                                  "the GAD-7 and PHQ-9 before the session.")),
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
