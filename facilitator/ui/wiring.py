"""Wiring the live screens repeat: window-wide key shortcuts and repeating timers (UI thread)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def window_shortcuts(owner: QWidget, keys: Iterable[tuple[str, str]]) -> list[QShortcut]:
    """A shortcut per (key, method name) of ``owner``, live anywhere in its window while it is visible."""
    made = []
    for key, slot in keys:
        shortcut = QShortcut(QKeySequence(key), owner)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(getattr(owner, slot))
        made.append(shortcut)
    return made


def repeating_timer(parent: QObject, interval_ms: int, slot: Callable[[], Any]) -> QTimer:
    """A timer calling ``slot`` every ``interval_ms`` once started."""
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
