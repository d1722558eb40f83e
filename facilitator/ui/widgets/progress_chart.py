"""A participant's GAD-7 and PHQ-9 over time: severity bands shaded, sessions marked, changes and flags shown.

Drawn with QPainter in two panels sharing one time axis. Meaningful changes from baseline get a ring
(filled for improvement, hollow for worsening); a PHQ-9 with item 9 above 0 gets a red marker and a
line of text above the panel so it cannot be missed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.services.progress import ParticipantProgress, ProgressSeries

# Calm tints, light enough to read text over in both themes (drawn with transparency).
BAND_COLOURS = ("#4caf7d", "#d9c24a", "#e39a3b", "#d9663b", "#c0392b")
LINE = QColor("#3b7dd8")
FLAG = QColor("#d62d20")
PANEL_HEIGHT = 170
LEFT, RIGHT, TOP_GAP = 56, 130, 36  # the right margin holds the band names


class ProgressChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress: ParticipantProgress | None = None
        self.setObjectName("progressChart")
        self.setAccessibleName("GAD-7 and PHQ-9 over time")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.painted = 0  # how many paints ran (tests)

    def sizeHint(self) -> QSize:
        return QSize(900, 2 * (PANEL_HEIGHT + TOP_GAP) + 40)

    def minimumSizeHint(self) -> QSize:
        return QSize(400, self.sizeHint().height())

    def set_progress(self, progress: ParticipantProgress | None) -> None:
        self.progress = progress
        self.update()

    def _span(self) -> tuple[date, date] | None:
        assert self.progress is not None
        days = [p.taken_on for s in (self.progress.gad7, self.progress.phq9) for p in s.points]
        days += [m.scheduled_start.date() for m in self.progress.sessions]
        if not days:
            return None
        first, last = min(days), max(days)
        return (first, last) if last > first else (first, date.fromordinal(first.toordinal() + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted += 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(140)
        span = self._span() if self.progress is not None else None
        if self.progress is None or span is None:
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No GAD-7 or PHQ-9 scores yet.")
            painter.end()
            return
        top = 0.0
        for series, name in ((self.progress.gad7, "GAD-7"), (self.progress.phq9, "PHQ-9")):
            area = QRectF(LEFT, top + TOP_GAP, self.width() - LEFT - RIGHT, PANEL_HEIGHT)
            self._panel(painter, series, name, area, span, text, muted)
            top = area.bottom() + 20
        painter.end()

    def _x(self, day: date, area: QRectF, span: tuple[date, date]) -> float:
        first, last = span
        return area.left() + area.width() * (day - first).days / max(1, (last - first).days)

    def _panel(self, painter: QPainter, series: ProgressSeries, name: str, area: QRectF,
               span: tuple[date, date], text: QColor, muted: QColor) -> None:
        def y(value: float) -> float:
            return area.bottom() - area.height() * value / max(1, series.max_total)

        for band, colour in zip(series.bands, BAND_COLOURS, strict=False):
            tint = QColor(colour)
            tint.setAlpha(46)
            painter.fillRect(QRectF(area.left(), y(band.high + 1 if band.high < series.max_total else band.high),
                                    area.width(), y(band.low) - y(band.high + 1 if band.high < series.max_total
                                                                  else band.high)), tint)
            painter.setPen(muted)
            small = QFont(self.font())
            small.setPointSizeF(max(8.0, small.pointSizeF() - 1))
            painter.setFont(small)
            middle = (y(band.low) + y(min(band.high + 1, series.max_total))) / 2
            painter.drawText(QRectF(area.right() + 10, middle - 9, RIGHT - 12, 18),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, band.name)
        painter.setFont(self.font())
        painter.setPen(text)
        latest = series.latest
        title = f"{name}" + (f"   latest {latest.total} ({latest.severity})" if latest else "   no scores yet")
        painter.drawText(QRectF(LEFT, area.top() - TOP_GAP + 6, area.width(), 22), title)
        painter.setPen(muted)
        for value in (0, series.max_total):
            painter.drawText(QRectF(0, y(value) - 9, LEFT - 10, 18), Qt.AlignmentFlag.AlignRight, str(value))
        # Sessions: short ticks on the time axis (darker for dosing sessions).
        for mark in self.progress.sessions if self.progress else ():
            x = self._x(mark.scheduled_start.date(), area, span)
            tick = QColor(text)
            tick.setAlpha(170 if mark.protocol_kind == "dosing" else 70)
            painter.setPen(QPen(tick, 2))
            painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 7))
        points = [QPointF(self._x(p.taken_on, area, span), y(p.total)) for p in series.points]
        if len(points) > 1:
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.setPen(QPen(LINE, 2.5))
            painter.drawPath(path)
        flags = 0
        for point, score in zip(points, series.points, strict=True):
            painter.setPen(QPen(LINE, 2))
            painter.setBrush(LINE)
            painter.drawEllipse(point, 4, 4)
            if score.change.meaningful:
                painter.setBrush(QColor(LINE.red(), LINE.green(), LINE.blue(), 60)
                                 if score.change.meaningful == "improved" else Qt.BrushStyle.NoBrush)
                painter.drawEllipse(point, 9, 9)
            if score.safety_flag:
                flags += 1
                painter.setPen(QPen(FLAG, 2))
                painter.setBrush(FLAG)
                diamond = QPainterPath()
                diamond.moveTo(point.x(), point.y() - 16)
                for dx, dy in ((7, -9), (0, -2), (-7, -9)):
                    diamond.lineTo(point.x() + dx, point.y() + dy)
                diamond.closeSubpath()
                painter.drawPath(diamond)
        if flags:
            painter.setPen(FLAG)
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            banner = QRectF(area.left(), area.top() - TOP_GAP + 6, area.width(), 22)
            painter.drawText(banner, Qt.AlignmentFlag.AlignRight,
                             f"Item 9 (self-harm thoughts) above 0 on {flags} PHQ-9" + ("s" if flags > 1 else ""))
            painter.setFont(self.font())
