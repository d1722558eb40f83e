"""A small drawing of a session's phases: the plan from the scheduled start above, what happened below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from facilitator.reports import fonts, style
from facilitator.reports.when import When
from facilitator.services.documents import PhaseRow

LABEL_WIDTH = 50.0
LANE = 17.0
_STEPS = (5, 10, 15, 30, 60, 120, 240, 480, 720, 1440)
# A phase left open (a session never finished) is drawn up to this long, so the plan stays readable.
OPEN_PHASE_LIMIT = timedelta(hours=12)


def tint(colour: colors.Color, amount: float) -> colors.Color:
    """``colour`` mixed with white (``amount`` 0: unchanged, 1: white)."""
    return colors.Color(*(c + (1 - c) * amount for c in (colour.red, colour.green, colour.blue)))


def phase_colour(hex_value: str) -> colors.Color:
    try:
        return colors.HexColor(hex_value)
    except ValueError:
        return colors.HexColor("#6b8f9c")


def _bounds(phases: Sequence[PhaseRow], now: datetime) -> tuple[datetime, datetime]:
    instants = [p.planned_start for p in phases]
    instants += [p.planned_start + timedelta(minutes=p.planned_minutes) for p in phases]
    instants += [t for p in phases for t in (p.started_at, p.ended_at) if t is not None]
    instants += [_open_end(p, now) for p in phases if p.started_at is not None and p.ended_at is None]
    return min(instants), max(instants)


def _open_end(phase: PhaseRow, now: datetime) -> datetime:
    assert phase.started_at is not None
    return min(max(now, phase.started_at), phase.started_at + OPEN_PHASE_LIMIT)


def timeline_drawing(phases: Sequence[PhaseRow], width: float, when: When, now: datetime) -> Drawing:
    """Planned and actual lanes on one clock axis; segments numbered like the phase table."""
    height = 2 * LANE + 34
    drawing = fonts.drawing(width, height)
    if not phases:
        return drawing
    start, end = _bounds(phases, now)
    span = max((end - start).total_seconds(), 60.0)
    left, right = LABEL_WIDTH, width - 6

    def x(at: datetime) -> float:
        return left + (at - start).total_seconds() / span * (right - left)

    planned_y, actual_y = height - LANE - 2, height - 2 * LANE - 8
    for label, y in (("Planned", planned_y), ("Actual", actual_y)):
        drawing.add(String(0, y + 5, label, fontName=fonts.BOLD, fontSize=7.5, fillColor=style.MUTED))
    drawing.add(Rect(left, actual_y, right - left, LANE, fillColor=style.ZEBRA, strokeColor=None))
    for number, phase in enumerate(phases, start=1):
        colour = phase_colour(phase.colour)
        begin = phase.planned_start
        _segment(drawing, x(begin), x(begin + timedelta(minutes=phase.planned_minutes)), planned_y,
                 tint(colour, 0.55), style.INK, number)
        if phase.started_at is not None:
            stop = phase.ended_at or _open_end(phase, now)
            fill = tint(colour, 0.7) if phase.status == "skipped" else colour
            _segment(drawing, x(phase.started_at), x(stop), actual_y, fill, colors.white, number)
    if not any(p.started_at for p in phases):
        drawing.add(String(left + 6, actual_y + 5, "Not run yet", fontName=fonts.ITALIC, fontSize=7.5,
                           fillColor=style.MUTED))
    _axis(drawing, start, end, x, when, actual_y - 5, left, right)
    return drawing


def _segment(drawing: Drawing, x0: float, x1: float, y: float, fill: colors.Color, ink: colors.Color,
             number: int) -> None:
    drawing.add(Rect(x0, y, max(x1 - x0, 0.8), LANE, fillColor=fill, strokeColor=colors.white, strokeWidth=0.8))
    if x1 - x0 >= 10:
        drawing.add(String((x0 + x1) / 2, y + 5.2, str(number), fontName=fonts.BOLD, fontSize=7, fillColor=ink,
                           textAnchor="middle"))


def _axis(drawing: Drawing, start: datetime, end: datetime, place: Callable[[datetime], float], when: When,
          y: float, left: float, right: float) -> None:
    minutes_total = (end - start).total_seconds() / 60
    step = next((s for s in _STEPS if minutes_total / s <= 9), 1440 * (int(minutes_total // (1440 * 9)) + 1))
    drawing.add(Line(left, y, right, y, strokeColor=style.RULE, strokeWidth=0.6))
    local = when.local(start)
    first = local.replace(second=0, microsecond=0)
    first += timedelta(minutes=(-first.minute) % step)
    tick = first
    while tick <= when.local(end):
        tx = place(tick)
        drawing.add(Line(tx, y, tx, y - 3, strokeColor=style.MUTED, strokeWidth=0.5))
        drawing.add(String(tx, y - 11, when.time(tick), fontName=fonts.REGULAR, fontSize=6.5, fillColor=style.MUTED,
                           textAnchor="middle"))
        tick += timedelta(minutes=step)
