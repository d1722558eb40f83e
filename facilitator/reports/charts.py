"""GAD-7 and PHQ-9 over time: a line over shaded severity bands, PHQ-9 item 9 answers marked in red."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

from facilitator.reports import fonts, style
from facilitator.reports.when import When
from facilitator.services.documents import MeasurePoint


@dataclass(frozen=True)
class Band:
    low: int
    label: str
    colour: colors.Color


_GREEN, _YELLOW = colors.HexColor("#e9f3ec"), colors.HexColor("#f5f3e2")
_ORANGE, _CORAL, _RED = colors.HexColor("#fbeedd"), colors.HexColor("#fae4da"), colors.HexColor("#f6dad7")
SCALES: dict[str, tuple[int, tuple[Band, ...]]] = {
    "GAD-7": (21, (Band(0, "minimal", _GREEN), Band(5, "mild", _YELLOW), Band(10, "moderate", _ORANGE),
                   Band(15, "severe", _RED))),
    "PHQ-9": (27, (Band(0, "minimal", _GREEN), Band(5, "mild", _YELLOW), Band(10, "moderate", _ORANGE),
                   Band(15, "moderately severe", _CORAL), Band(20, "severe", _RED))),
}
LEFT, RIGHT_LABELS, BOTTOM, TOP = 26.0, 96.0, 24.0, 8.0


def measure_chart(instrument: str, points: Sequence[MeasurePoint], width: float, when: When,
                  height: float = 150) -> Drawing:
    """One instrument's totals over time on its severity bands (0 to the scale's maximum)."""
    maximum, bands = SCALES[instrument]
    drawing = fonts.drawing(width, height)
    x0, x1 = LEFT, width - RIGHT_LABELS
    y0, y1 = BOTTOM, height - TOP

    def y(score: float) -> float:
        return y0 + score / maximum * (y1 - y0)

    for i, band in enumerate(bands):
        top = bands[i + 1].low if i + 1 < len(bands) else maximum
        drawing.add(Rect(x0, y(band.low), x1 - x0, y(top) - y(band.low), fillColor=band.colour, strokeColor=None))
        drawing.add(String(x1 + 6, (y(band.low) + y(top)) / 2 - 3, band.label, fontName=fonts.REGULAR, fontSize=7,
                           fillColor=style.MUTED))
        drawing.add(String(x0 - 4, y(band.low) - 2.5, str(band.low), fontName=fonts.REGULAR, fontSize=7,
                           fillColor=style.MUTED, textAnchor="end"))
    drawing.add(String(x0 - 4, y(maximum) - 2.5, str(maximum), fontName=fonts.REGULAR, fontSize=7,
                       fillColor=style.MUTED, textAnchor="end"))
    drawing.add(Line(x0, y0, x1, y0, strokeColor=style.RULE, strokeWidth=0.6))
    if not points:
        drawing.add(String((x0 + x1) / 2, (y0 + y1) / 2, f"No {instrument} recorded", fontName=fonts.ITALIC,
                           fontSize=9, fillColor=style.MUTED, textAnchor="middle"))
        return drawing
    first, last = points[0].taken_on, points[-1].taken_on
    span = max((last - first).days, 1)
    pad = 8.0

    def x(day: date) -> float:
        if first == last:
            return (x0 + x1) / 2
        return x0 + pad + (day - first).days / span * (x1 - x0 - 2 * pad)

    _date_ticks(drawing, [p.taken_on for p in points], x, when, y0)
    coords = [(x(p.taken_on), y(p.total)) for p in points]
    if len(coords) > 1:
        drawing.add(PolyLine([v for xy in coords for v in xy], strokeColor=style.ACCENT, strokeWidth=1.4))
    for p, (px, py) in zip(points, coords, strict=True):
        flagged = p.item9 is not None and p.item9 > 0
        drawing.add(Circle(px, py, 3.2 if flagged else 2.4, fillColor=style.ALERT_INK if flagged else colors.white,
                           strokeColor=style.ALERT_INK if flagged else style.ACCENT, strokeWidth=1.1))
    lx, ly = coords[-1]
    drawing.add(String(lx, ly + 6, str(points[-1].total), fontName=fonts.BOLD, fontSize=8, fillColor=style.ACCENT,
                       textAnchor="middle"))
    return drawing


def _date_ticks(drawing: Drawing, days: Sequence[date], place: Callable[[date], float], when: When,
                y0: float) -> None:
    """At most six date labels, spread over the measured days (first and last always)."""
    unique = sorted(set(days))
    count = min(6, len(unique))
    picks = {unique[round(i * (len(unique) - 1) / max(count - 1, 1))] for i in range(count)}
    for day in sorted(picks):
        tx = place(day)
        drawing.add(Line(tx, y0, tx, y0 - 3, strokeColor=style.MUTED, strokeWidth=0.5))
        drawing.add(String(tx, y0 - 12, when.short_day(day), fontName=fonts.REGULAR, fontSize=6.5,
                           fillColor=style.MUTED, textAnchor="middle"))
