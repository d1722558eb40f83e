"""Every member's GAD-7 and PHQ-9 trend at a glance: a small line per instrument, first → latest score."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from facilitator.services.progress import GroupProgress, ProgressSeries
from facilitator.ui.theme import current_theme
from facilitator.ui.widgets.page import label


class Sparkline(QWidget):
    """The totals of one series as a small line on the instrument's full scale (0 at the bottom)."""

    def __init__(self, series: ProgressSeries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series
        self.setFixedSize(QSize(120, 30))
        self.setAccessibleName(f"{series.instrument} trend")

    def paintEvent(self, event: QPaintEvent) -> None:
        points = self.series.points
        if not points:
            return
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width() - 6, self.height() - 6
        step = w / max(1, len(points) - 1)
        top = max(1, self.series.max_total)
        coords = [QPointF(3 + i * step, 3 + h - h * p.total / top) for i, p in enumerate(points)]
        painter.setPen(QPen(QColor(theme.muted), 1.5))
        for a, b in zip(coords, coords[1:], strict=False):
            painter.drawLine(a, b)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.danger if points[-1].safety_flag else theme.accent))
        painter.drawEllipse(coords[-1], 3, 3)
        painter.end()


def change_text(series: ProgressSeries) -> str:
    """"14 → 8 (−6)", "9" for a single score, "—" for none (the severity band goes in the tooltip)."""
    if not series.points:
        return "—"
    first, last = series.points[0].total, series.points[-1].total
    if len(series.points) == 1:
        return str(last)
    delta = last - first
    sign = "−" if delta < 0 else "+" if delta > 0 else "±"
    return f"{first} → {last} ({sign}{abs(delta)})"


def band_text(series: ProgressSeries) -> str:
    return f"{series.instrument} now {series.points[-1].severity}" if series.points else ""


class GroupTrends(QWidget):
    """A grid: member, GAD-7 line and change, PHQ-9 line and change, and the item-9 flag when raised."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(8)
        self.rows = 0

    def set_progress(self, progress: GroupProgress | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        members = [m for m in (progress.members if progress else ()) if m.gad7.points or m.phq9.points]
        self.rows = len(members)
        if not members:
            self.grid.addWidget(label("No GAD-7 or PHQ-9 scores were taken at this group's sessions yet.", "muted"),
                                0, 0)
            return
        for column, text in enumerate(("", "GAD-7", "", "PHQ-9", "")):
            if text:
                self.grid.addWidget(label(text, "small"), 0, column)
        for row, member in enumerate(members, start=1):
            self.grid.addWidget(label(member.name), row, 0)
            self.grid.addWidget(Sparkline(member.gad7), row, 1)
            gad = label(change_text(member.gad7), "muted")
            gad.setToolTip(band_text(member.gad7))
            self.grid.addWidget(gad, row, 2)
            self.grid.addWidget(Sparkline(member.phq9), row, 3)
            phq = QLabel(change_text(member.phq9))
            phq.setProperty("role", "muted")
            phq.setToolTip(band_text(member.phq9))
            if any(p.safety_flag for p in member.phq9.points[-1:]):
                phq.setText(phq.text() + " · item 9 above 0")
                phq.setProperty("role", "error")
            self.grid.addWidget(phq, row, 4)
        self.grid.setColumnStretch(4, 1)
