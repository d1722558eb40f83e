"""History: past sessions with attendance, timings and notes.

Not built yet: until its issue lands the screen shows a calm empty state saying what it will do.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator.ui.context import AppContext
from facilitator.ui.widgets.empty_state import coming_soon


def create(ctx: AppContext) -> QWidget:
    return coming_soon("history")
