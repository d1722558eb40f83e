"""Colours, type and table styles: calm ink-and-teal for the record, warmer and larger for handouts."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import TableStyle

from facilitator.reports import fonts

PAGE = LETTER  # a US clinic prints on Letter

INK = colors.HexColor("#1f2a30")
MUTED = colors.HexColor("#5f6b72")
RULE = colors.HexColor("#cbd5d8")
ACCENT = colors.HexColor("#2f5d62")
ACCENT_SOFT = colors.HexColor("#e8f0ef")
HEADER_BG = colors.HexColor("#edf2f1")
ZEBRA = colors.HexColor("#f7f9f9")
CAUTION_BG = colors.HexColor("#fbf1dc")
CAUTION_INK = colors.HexColor("#7a5200")
ALERT_BG = colors.HexColor("#f9e4e1")
ALERT_INK = colors.HexColor("#9a2b22")
OK_INK = colors.HexColor("#2f6b4f")
WARM = colors.HexColor("#8a5a3c")
WARM_SOFT = colors.HexColor("#f8f1ea")


def _style(name: str, size: float, leading: float, *, font: str = fonts.REGULAR, colour: colors.Color = INK,
           before: float = 0, after: float = 0, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=colour,
                          spaceBefore=before, spaceAfter=after, **extra)


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one kind of document."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    bullet: ParagraphStyle
    label: ParagraphStyle


def clinical() -> Styles:
    """The session summary and the progress report: dense, quiet, legible at arm's length."""
    fonts.register()
    return Styles(
        title=_style("Title", 19, 23, font=fonts.BOLD, colour=ACCENT, after=2),
        subtitle=_style("Subtitle", 11, 15, colour=MUTED, after=10),
        h2=_style("H2", 13, 17, font=fonts.BOLD, colour=ACCENT, before=14, after=6),
        h3=_style("H3", 11, 14, font=fonts.BOLD, colour=INK, before=10, after=4),
        body=_style("Body", 9.5, 13.5, after=4),
        small=_style("Small", 8.5, 11.5),
        muted=_style("Muted", 8.5, 11.5, colour=MUTED),
        cell=_style("Cell", 8.5, 11),
        cell_head=_style("CellHead", 8, 10, font=fonts.BOLD, colour=ACCENT),
        cell_right=_style("CellRight", 8.5, 11, alignment=TA_RIGHT),
        bullet=_style("Bullet", 9.5, 13.5, after=1),
        label=_style("Label", 8, 11, font=fonts.BOLD, colour=MUTED, alignment=TA_LEFT),
    )


def handout() -> Styles:
    """Handouts and the room's plan: larger type, generous leading, warm headings."""
    fonts.register()
    return Styles(
        title=_style("HTitle", 24, 29, font=fonts.BOLD, colour=ACCENT, after=4),
        subtitle=_style("HSubtitle", 12.5, 17, colour=MUTED, after=12),
        h2=_style("HH2", 15, 20, font=fonts.BOLD, colour=ACCENT, before=14, after=5),
        h3=_style("HH3", 13, 17, font=fonts.BOLD, colour=WARM, before=9, after=2),
        body=_style("HBody", 12, 17, after=5),
        small=_style("HSmall", 10.5, 14.5),
        muted=_style("HMuted", 10.5, 14.5, colour=MUTED),
        cell=_style("HCell", 14, 19),
        cell_head=_style("HCellHead", 11, 14, font=fonts.BOLD, colour=ACCENT),
        cell_right=_style("HCellRight", 14, 19, alignment=TA_RIGHT),
        bullet=_style("HBullet", 12, 17, after=2),
        label=_style("HLabel", 10.5, 14, font=fonts.BOLD, colour=MUTED),
    )


MARGIN = 0.75 * inch
HANDOUT_MARGIN = 0.9 * inch


def table_style(*, header: bool = True, zebra: bool = False) -> TableStyle:
    """A quiet grid: tinted header row and hairline rules (zebra stripes on request).

    Fonts, colours and paddings are no commands here: :func:`facilitator.reports.layout.styled_table`
    gives each cell its defaults directly, as a command touches every cell of its range on every build.
    """
    commands: list[tuple[object, ...]] = [("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(commands)
