"""An on/off switch: a larger, clearer target than a 13 px check box for one-handed use."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from facilitator.ui import theme as theming


class Toggle(QAbstractButton):
    """A checkable switch painted from the theme's colours (no animation: nothing should move).

    Behaves as a check box for the keyboard (Space toggles) and for assistive technology.
    """

    def __init__(self, accessible_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if accessible_name:
            self.setAccessibleName(accessible_name)

    def sizeHint(self) -> QSize:
        height = max(24, self.fontMetrics().height() + 6)
        return QSize(int(height * 1.9), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        t = theming.current_theme()
        size = self.sizeHint()
        track = QRectF(1, (self.height() - size.height()) / 2 + 1, size.width() - 2, size.height() - 2)
        radius = track.height() / 2
        on = self.isChecked()
        enabled = self.isEnabled()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.hasFocus():
            painter.setPen(QColor(t.accent))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(track.adjusted(-1, -1, 1, 1), radius + 1, radius + 1)
        painter.setPen(Qt.PenStyle.NoPen)
        fill = t.accent_strong if on else t.control_off
        painter.setBrush(QColor(fill if enabled else t.surface_alt))
        painter.drawRoundedRect(track, radius, radius)
        knob = track.height() - 6
        x = track.right() - knob - 3 if on else track.left() + 3
        painter.setBrush(QColor(t.surface if not on else t.on_accent))
        painter.drawEllipse(QRectF(x, track.top() + 3, knob, knob))
        painter.end()
