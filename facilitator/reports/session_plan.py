"""The session plan for the room: each phase with its planned clock time, large enough to read from a mat.

It names no participant; it is printed or shown where everyone can see it.
"""

from __future__ import annotations

import io
from datetime import tzinfo

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from facilitator.reports import fonts, style
from facilitator.reports.handout import LANGS, WIDTH
from facilitator.reports.layout import HandoutTemplate, heading
from facilitator.reports.markup import text
from facilitator.reports.tables import CellDefaults, fits, styled_table
from facilitator.reports.texts import load
from facilitator.reports.timeline import phase_colour, tint
from facilitator.services.documents import SessionPlanData


class PlanCell(CellDefaults):
    fontsize = 15
    leading = 18
    valign = "MIDDLE"
    leftPadding = rightPadding = 6


class PlanHeader(PlanCell):
    fontname = fonts.BOLD
    fontsize = 11
    leading = 13
    color = style.ACCENT


def render_session_plan(data: SessionPlanData, *, zone: tzinfo | None = None) -> bytes:
    """The room's plan of a session as PDF bytes, in ``data.language``."""
    t = load(data.language)
    s = style.handout()
    buffer = io.BytesIO()
    doc = HandoutTemplate(buffer, title=f"{t.get('plan', 'document_title')} — {data.group_name}",
                          subject=t.get("plan", "subject"), author=data.clinic.name or "Facilitator",
                          header=data.clinic.name, footer=t.get("handout", "footer"),
                          lang=LANGS.get(t.language, "en-US"))
    subtitle = " · ".join(part for part in (data.group_name, t.long_date(data.starts_at, zone), data.location)
                          if part)
    story: list[Flowable] = [
        heading(text(t.get("plan", "heading")), s.title, t.get("plan", "heading"), 0),
        Paragraph(text(subtitle), s.subtitle),
    ]
    rows: list[list[Flowable | str]] = [["", t.get("plan", "column_time"), t.get("plan", "column_phase"),
                                         t.get("plan", "column_minutes")]]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, 11), ("TEXTCOLOR", (0, 0), (-1, 0), style.ACCENT),
        ("FONT", (1, 1), (-1, -1), fonts.REGULAR, 15), ("FONT", (1, 1), (1, -1), fonts.BOLD, 15),
        ("TEXTCOLOR", (0, 1), (-1, -1), style.INK), ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 1), (-1, -1), 10), ("BOTTOMPADDING", (0, 1), (-1, -1), 10),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, style.ACCENT), ("LINEBELOW", (1, 1), (-1, -1), 0.5, style.RULE),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 0),
    ]
    phase_style = s.cell
    name_width = WIDTH - 7 - 118 - 80
    for i, phase in enumerate(data.phases, start=1):
        phase_name = t.phase(phase.name)
        name: Flowable | str = phase_name if fits(phase_name, name_width, size=15) else Paragraph(
            text(phase_name), phase_style)
        rows.append(["", t.clock(phase.starts_at, zone), name, t.get("plan", "minutes", n=phase.minutes)])
        colour = phase_colour(phase.colour)
        commands += [("BACKGROUND", (0, i), (0, i), colour),
                     ("BACKGROUND", (1, i), (-1, i), tint(colour, 0.88) if i % 2 else colors.white)]
    table = styled_table(rows, [7, 118, name_width, 80], cell=PlanCell, header=PlanHeader, repeatRows=1)
    table.setStyle(TableStyle(commands))
    story += [table, Spacer(0, 14)]
    if data.phases:
        story.append(Paragraph(text(t.get("plan", "finish", time=t.clock(data.phases[-1].ends_at, zone))), s.body))
    story.append(Paragraph(text(t.get("plan", "times_note")), s.muted))
    if data.facilitators:
        story += [Spacer(0, 10), Paragraph(text(t.get("plan", "facilitators", names=" · ".join(data.facilitators))),
                                           s.body)]
    return doc.render(story)
