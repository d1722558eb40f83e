"""Parts the clinical documents share: a facts grid, a note with its addenda, flag colours."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from facilitator.domain.vitals import Level
from facilitator.reports import fonts, style
from facilitator.reports.layout import heading
from facilitator.reports.markup import note_flowables, text
from facilitator.reports.when import When, humanize
from facilitator.services.documents import NoteRecord

LEVEL_COLOURS: dict[Level, tuple[colors.Color, colors.Color]] = {
    Level.CAUTION: (style.CAUTION_BG, style.CAUTION_INK),
    Level.HOLD: (style.ALERT_BG, style.ALERT_INK),
    Level.ALERT: (style.ALERT_BG, style.ALERT_INK),
}


def hexcode(colour: colors.Color) -> str:
    """"#2f6b4f", for colour in paragraph markup."""
    return "#" + str(colour.hexval())[2:]


def facts_grid(pairs: Sequence[tuple[str, str]], width: float, styles: style.Styles, *,
               wide: Sequence[tuple[str, str]] = (), label_width: float = 78.0) -> Table:
    """Label/value pairs two to a row, then full-width pairs (long values); values are plain text."""
    label_w = label_width
    value_w = (width - 2 * label_w) / 2
    rows: list[list[Flowable | str]] = []
    for i in range(0, len(pairs), 2):
        row: list[Flowable | str] = []
        for label, value in pairs[i:i + 2]:
            row += [Paragraph(text(label), styles.label), Paragraph(text(value) or "–", styles.cell)]
        rows.append(row + [""] * (4 - len(row)))
    spans = []
    for label, value in wide:
        spans.append(len(rows))
        rows.append([Paragraph(text(label), styles.label), Paragraph(text(value) or "–", styles.cell), "", ""])
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, style.ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, style.RULE),
    ]
    commands += [("SPAN", (1, r), (3, r)) for r in spans]
    table.setStyle(TableStyle(commands))
    return table


def signed_line(note: NoteRecord, when: When, styles: style.Styles, *, session_line: bool = True) -> Paragraph:
    """"DAP note · written by … · signed by … on …", or a clear "unsigned draft"."""
    parts = [f"{humanize(note.template).upper() if note.template == 'dap' else humanize(note.template)} note"]
    if session_line and note.session_start is not None:
        parts.append(f"session of {when.short_day(note.session_start)}")
    if note.author:
        parts.append(f"written by {note.author}")
    line = text(" · ".join(parts))
    if note.signed_at is not None:
        line += f" · <font color='{hexcode(style.OK_INK)}'>signed by {text(note.signature or 'unknown')} " \
                f"on {text(when.stamp(note.signed_at))}</font>"
    else:
        line += f" · <font color='{hexcode(style.CAUTION_INK)}'><b>unsigned draft</b></font>"
    return Paragraph(line, styles.muted)


def note_block(note: NoteRecord, when: When, styles: style.Styles, *, outline_level: int = 1,
               title: str | None = None, session_line: bool = True) -> list[Flowable]:
    """A note: heading (a bookmark), signature line, themes, body in its own formatting, then addenda."""
    name = title or note.title
    out: list[Flowable] = [CondPageBreak(1.0 * inch), heading(text(name), styles.h3, name, outline_level),
                           signed_line(note, when, styles, session_line=session_line)]
    if note.themes:
        out.append(Paragraph(f"<b>Themes:</b> {text(', '.join(note.themes))}", styles.muted))
    out.append(Spacer(0, 3))
    out += note_flowables(note.body, styles.body, styles.bullet) or [Paragraph("<i>No text.</i>", styles.muted)]
    for addendum in note.addenda:
        box = Table([[Paragraph(f"<b>Addendum</b> · {text(when.stamp(addendum.created_at))}"
                                f"{' · ' + text(addendum.signature) if addendum.signature else ''}", styles.muted)],
                     [Paragraph(text(addendum.body), styles.body)]], colWidths=["100%"], hAlign="LEFT")
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), style.ACCENT_SOFT),
            ("LINEBEFORE", (0, 0), (0, -1), 2, style.ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        out += [Spacer(0, 3), box]
    return out


def empty(message: str, styles: style.Styles) -> Paragraph:
    """A section with nothing recorded says so plainly."""
    return Paragraph(f"<i>{text(message)}</i>", styles.muted)
