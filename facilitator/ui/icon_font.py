"""Phosphor icons drawn straight from the icon font with QPainter.

The font ships inside the qtawesome package, but importing qtawesome costs about a third of a second
at start-up (it imports qtpy, which loads QtOpenGL and more) — more than the whole sign-in window.
The app needs one font and a few dozen glyphs drawn as text, which is what qtawesome does by
default, so the font file is read from its folder without importing the package.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

FONT_FILE = "phosphor-1.3.0.ttf"
CHARMAP_FILE = "phosphor-charmap-1.3.0.json"
# A 16-px icon gets a 14-px glyph: the font's side bearings need the margin (qtawesome's ratio).
GLYPH_RATIO = 0.875


def fonts_dir() -> Path:
    """qtawesome's font folder, found without running the package (also inside the desktop bundle)."""
    spec = importlib.util.find_spec("qtawesome")
    places = [Path(p) / "fonts" for p in spec.submodule_search_locations or []] if spec else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "qtawesome" / "fonts")
    for place in places:
        if (place / FONT_FILE).is_file():
            return place
    raise FileNotFoundError(f"the icon font {FONT_FILE} is not installed")


@lru_cache(maxsize=1)
def _family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise RuntimeError(f"the icon font {FONT_FILE} could not be loaded")
    return str(families[0])


@lru_cache(maxsize=1)
def _charmap() -> dict[str, str]:
    raw: dict[str, str] = json.loads((fonts_dir() / CHARMAP_FILE).read_text(encoding="utf-8"))
    return raw


def glyph_char(name: str) -> str:
    """The character of a glyph named like qtawesome's ``ph.arrow-right``."""
    prefix, _, glyph = name.partition(".")
    if prefix != "ph":
        raise KeyError(f"only Phosphor glyphs ('ph.…') are available, not {name!r}")
    return chr(int(_charmap()[glyph], 16))


class GlyphEngine(QIconEngine):
    """One glyph in one colour, and another colour for a checked ("on") button."""

    def __init__(self, char: str, colour: str, on_colour: str) -> None:
        super().__init__()
        self.char, self.colour, self.on_colour = char, colour, on_colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setPen(QColor(self.on_colour if state == QIcon.State.On else self.colour))
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.45)
        font = QFont(_family())
        font.setPixelSize(max(1, round(GLYPH_RATIO * rect.height())))
        painter.setFont(font)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.char, self.colour, self.on_colour)


def glyph_icon(name: str, colour: str, on_colour: str) -> QIcon:
    return QIcon(GlyphEngine(glyph_char(name), colour, on_colour))
