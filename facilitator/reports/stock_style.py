"""Styles and wording shared by the printed stock records (dispensing log, reconciliation sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from facilitator.domain.ledger import describe
from facilitator.reports.fonts import register_fonts

RULE = colors.Color(0.55, 0.55, 0.55)
STRIPE = colors.Color(0.95, 0.95, 0.95)
HEAD = colors.Color(0.86, 0.86, 0.86)
FLAG = colors.Color(0.55, 0.0, 0.0)  # dark enough to stay legible on a black-and-white printer

KINDS = {"receive": "Received", "dispense": "Dispensed", "waste": "Wasted", "count": "Count",
         "correction": "Correction"}


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle


def styles() -> Styles:
    regular, bold = register_fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9.2)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    return Styles(
        title=ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=2),
        heading=ParagraphStyle("heading", fontName=bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=colors.Color(0.3, 0.3, 0.3)),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=bold),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        head=head,
        head_right=ParagraphStyle("head_right", parent=head, alignment=TA_RIGHT),
    )


def text(value: str) -> str:
    """Escape user text for a Paragraph (names and reasons may contain & or <)."""
    return escape(value)


def when(value: datetime) -> str:
    """A local date and time as printed: "2026-03-12 09:41"."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def day(value: date) -> str:
    return value.isoformat()


def number(value: Decimal) -> str:
    """A quantity without trailing zeros: 2, 1.5, 0.25."""
    return "0" if value == 0 else format(value.normalize(), "f")


def signed(value: Decimal, unit: str | None = None) -> str:
    """A change with its sign (a true minus sign), with the unit when given."""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return sign + (describe(abs(value), unit) if unit else number(abs(value)))


def mg(value: Decimal) -> str:
    return f"{number(value)} mg"


def grid(rows: list[list[object]], widths: list[float], *, header_rows: int = 1, zebra: bool = True,
         extra: list[tuple[object, ...]] | None = None) -> Table:
    """A ruled table whose header repeats on every page it runs onto."""
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, r), (-1, r), STRIPE) for r in range(header_rows + 1, len(rows), 2)]
    return plain_table(rows, widths, commands + (extra or []), header_rows=header_rows)


def plain_table(rows: list[list[object]], widths: list[float], commands: list[tuple[object, ...]], *,
                header_rows: int = 0) -> Table:
    """A table whose plain-text cells use the embedded font too (ReportLab's default is an unembedded Helvetica)."""
    regular, _ = register_fonts()
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), regular), *commands]))
    return table


def paragraphs(cells: list[str], style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(c, style) for c in cells]
