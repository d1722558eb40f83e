"""Calm progress visuals for a phase (a rounded bar, a ring) and the soft glow a chime shows.

Nothing here animates on its own except the glow, which fades in and out once over a few seconds:
the runner and the room display must never flash.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget

from facilitator.ui import theme as theming

GLOW_MS = 4200
GLOW_ALPHA = 0.30  # at its brightest the glow is a tint, never a flash


def colour_or(value: str, fallback: str) -> QColor:
    colour = QColor(value)
    return colour if colour.isValid() else QColor(fallback)


class GlowCue(QObject):
    """One gentle rise and fall of a tint (0 → 1 → 0) that a widget paints behind its content.

    Attributes:
        count: how many cues have been shown (tests and the benchmark read it).

    Signals:
        changed(float): the level now, from 0.0 to 1.0.
    """

    changed = Signal(float)

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.level = 0.0
        self.count = 0
        self._target = target
        self.animation = QVariantAnimation(self)
        self.animation.setDuration(GLOW_MS)
        self.animation.setStartValue(0.0)
        self.animation.setKeyValueAt(0.3, 1.0)
        self.animation.setKeyValueAt(0.65, 1.0)
        self.animation.setEndValue(0.0)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutSine)
        self.animation.valueChanged.connect(self._set)

    @property
    def active(self) -> bool:
        return self.animation.state() == QVariantAnimation.State.Running

    def show(self) -> None:
        """Start a cue (a cue already showing simply starts again from its beginning)."""
        self.count += 1
        self.animation.stop()
        self.animation.start()

    def _set(self, value: object) -> None:
        self.level = float(value) if isinstance(value, int | float) else 0.0
        self._target.update()
        self.changed.emit(self.level)

    def paint(self, painter: QPainter, rect: QRectF, colour: QColor, radius: float) -> None:
        if self.level <= 0.001:
            return
        tint = QColor(colour)
        tint.setAlphaF(GLOW_ALPHA * self.level)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawRoundedRect(rect, radius, radius)


class GlowFrame(QFrame):
    """A card-like frame that can show a :class:`GlowCue` behind its children."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.glow = GlowCue(self)
        self.glow_colour = QColor(theming.current_theme().accent)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.glow.paint(painter, QRectF(self.rect()).adjusted(1, 1, -1, -1), self.glow_colour,
                        theming.current_theme().radius)
        painter.end()


class CalmBar(QWidget):
    """A thick rounded bar: the track in a quiet tone, the part done in the phase's colour."""

    def __init__(self, height: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._height = height
        self.fraction = 0.0
        self.colour = QColor(theming.current_theme().accent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)
        self.setAccessibleName("Progress through the phase")

    def sizeHint(self) -> QSize:
        return QSize(300, self._height)

    def set_progress(self, fraction: float, colour: QColor) -> None:
        """Repaints only when the visible bar would change (about one pixel in a thousand)."""
        fraction = max(0.0, min(1.0, fraction))
        if abs(fraction - self.fraction) < 0.001 and colour == self.colour:
            return
        self.fraction, self.colour = fraction, colour
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        t = theming.current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        painter.setBrush(QColor(t.surface_alt))
        painter.drawRoundedRect(rect, radius, radius)
        if self.fraction > 0:
            done = QRectF(rect.left(), rect.top(), max(rect.height(), rect.width() * self.fraction), rect.height())
            painter.setBrush(self.colour)
            painter.drawRoundedRect(done, radius, radius)
        painter.end()


class ProgressRing(QWidget):
    """A ring whose arc grows clockwise from the top as the phase goes on; children sit inside it.

    The ring is drawn as large as the widget's shorter side allows; its stroke scales with it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.track = QColor("#2a302d")
        self.colour = QColor("#86b39b")
        self.glow = GlowCue(self)
        self.setAccessibleName("Progress through the phase")

    def diameter(self) -> float:
        return max(0.0, min(self.width(), self.height()) - 8.0)

    def stroke(self) -> float:
        return max(6.0, self.diameter() * 0.035)

    def set_progress(self, fraction: float, colour: QColor, track: QColor | None = None) -> None:
        fraction = max(0.0, min(1.0, fraction))
        if abs(fraction - self.fraction) < 0.0005 and colour == self.colour and (track is None or track == self.track):
            return
        self.fraction, self.colour = fraction, colour
        if track is not None:
            self.track = track
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        size, stroke = self.diameter(), self.stroke()
        rect = QRectF((self.width() - size) / 2 + stroke / 2, (self.height() - size) / 2 + stroke / 2,
                      size - stroke, size - stroke)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.glow.level > 0.001:
            halo = QColor(self.colour)
            halo.setAlphaF(0.22 * self.glow.level)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawEllipse(rect)
        pen = QPen(self.track, stroke)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(rect)
        if self.fraction > 0:
            pen.setColor(self.colour)
            painter.setPen(pen)
            # Qt angles are in 1/16 degree, counter-clockwise from three o'clock.
            painter.drawArc(rect, 90 * 16, -round(self.fraction * 360 * 16))
        painter.end()


class Dot(QWidget):
    """A small filled circle in a phase's colour (the colour is the protocol's, so it is painted)."""

    def __init__(self, colour: str, size: int = 12, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = colour_or(colour, theming.current_theme().accent)
        self.setFixedSize(size, size)

    def set_colour(self, colour: str) -> None:
        self.colour = colour_or(colour, theming.current_theme().accent)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawEllipse(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()
