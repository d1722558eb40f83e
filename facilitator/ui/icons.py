"""The app's icons: one calm outline set (Phosphor), coloured from the theme.

Widgets name icons by meaning ("today", "running"), never by glyph, so the set can change in one
place. Icons set through :func:`set_icon` and :class:`IconLabel` are remembered (weakly) and
recoloured whenever the theme changes, which keeps the sidebar legible after switching to dark.
"""

from __future__ import annotations

import weakref
from functools import lru_cache

import shiboken6
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from facilitator.ui import theme as theming
from facilitator.ui.icon_font import glyph_icon

# Meaning -> Phosphor glyph. The regular weight reads well at 20 px; "-light" is too faint at arm's length.
GLYPHS: dict[str, str] = {
    "today": "ph.sun-horizon",
    "groups": "ph.users-three",
    "participants": "ph.user-list",
    "participant": "ph.user-circle",
    "session-setup": "ph.clipboard-text",
    "runner": "ph.timer",
    "room-display": "ph.monitor-play",
    "monitoring": "ph.heartbeat",
    "circle": "ph.circles-three",
    "notes": "ph.note-pencil",
    "history": "ph.clock-counter-clockwise",
    "search": "ph.magnifying-glass",
    "protocols": "ph.list-numbers",
    "documents": "ph.file-text",
    "inventory": "ph.package",
    "audit": "ph.shield-check",
    "settings": "ph.gear-six",
    "database": "ph.database",
    "clock": "ph.clock",
    "calendar": "ph.calendar-blank",
    "running": "ph.play-circle",
    "finished": "ph.check-circle",
    "location": "ph.map-pin",
    "people": "ph.users",
    "demo": "ph.flower-lotus",
    "start-empty": "ph.leaf",
    "app": "ph.flower-lotus",
    "arrow-right": "ph.arrow-right",
    "appearance": "ph.circle-half",
    "sound": "ph.speaker-high",
    "lock": "ph.lock-simple",
    "info": "ph.info",
    "minus": "ph.minus",
    "plus": "ph.plus",
    "pause": "ph.pause",
    "play": "ph.play",
    "next": "ph.skip-forward",
    "back": "ph.arrow-counter-clockwise",
    "skip": "ph.fast-forward",
    "up": "ph.arrow-up",
    "down": "ph.arrow-down",
    "remove": "ph.x",
    "delete": "ph.trash",
    "duplicate": "ph.copy",
    "save": "ph.floppy-disk",
    "archive": "ph.archive",
    "edit": "ph.pencil-simple",
    "check-in": "ph.check-square",
    "search-field": "ph.magnifying-glass",
    "import": "ph.upload-simple",
    "export": "ph.download-simple",
    "add-person": "ph.user-plus",
    "warning": "ph.warning",
    "flag": "ph.flag",
    "measure": "ph.clipboard-text",
}

# Which theme colour an icon "role" uses.
_ROLE_COLOURS = {"text": "text", "muted": "muted", "accent": "accent", "on-accent": "on_accent",
                 "warning": "warning", "danger": "danger"}


@lru_cache(maxsize=256)
def _icon(glyph: str, colour: str, on_colour: str) -> QIcon:
    return glyph_icon(glyph, colour, on_colour)


def icon(name: str, role: str = "muted", on_role: str = "accent") -> QIcon:
    """The icon for ``name`` in the current theme; ``on_role`` colours a checked button's icon."""
    t = theming.current_theme()
    colour = getattr(t, _ROLE_COLOURS[role])
    return _icon(GLYPHS[name], colour, getattr(t, _ROLE_COLOURS[on_role]))


# Widgets with themed icons, held weakly: a closed window's widgets simply drop out.
_buttons: weakref.WeakKeyDictionary[QAbstractButton, tuple[str, str, str]] = weakref.WeakKeyDictionary()
_labels: weakref.WeakSet[IconLabel] = weakref.WeakSet()


def set_icon(button: QAbstractButton, name: str, role: str = "muted", on_role: str = "accent",
             size: int | None = None) -> None:
    """Give ``button`` a themed icon that follows later theme changes."""
    _buttons[button] = (name, role, on_role)
    if size is not None:
        button.setIconSize(QSize(size, size))
    button.setIcon(icon(name, role, on_role))


class IconLabel(QLabel):
    """A label showing one themed icon at a fixed size (empty states, card headers)."""

    def __init__(self, name: str, size: int = 20, role: str = "muted", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._size, self._role = name, size, role
        self.setFixedSize(size, size)
        _labels.add(self)
        self.refresh()

    def refresh(self) -> None:
        ratio = self.devicePixelRatioF() or 1.0
        pixmap = icon(self._name, self._role).pixmap(QSize(self._size, self._size), ratio)
        self.setPixmap(pixmap)


def _recolour(_theme: object) -> None:
    for label in list(_labels):
        if shiboken6.isValid(label):
            label.refresh()
    for button, (name, role, on_role) in list(_buttons.items()):
        if shiboken6.isValid(button):
            button.setIcon(icon(name, role, on_role))


def register() -> None:
    """Recolour themed icons on every theme change; safe to call more than once."""
    ctl = theming.controller()
    if not getattr(ctl, "icons_registered", False):
        ctl.changed.connect(_recolour)
        ctl.icons_registered = True  # type: ignore[attr-defined]
