"""Parts the clinical documents share: a facts grid, a note with its addenda, flag colours."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from facilitator.domain.vitals import VitalsLevel
from facilitator.reports import fonts, style
from facilitator.reports.layout import heading
from facilitator.reports.lines import line, runs_line
from facilitator.reports.markup import note_flowables, text
from facilitator.reports.tables import CellDefaults, fits, styled_table, wrapped
from facilitator.reports.when import When, humanize
from facilitator.services.documents import NoteRecord

LEVEL_COLOURS: dict[VitalsLevel, tuple[colors.Color, colors.Color]] = {
    VitalsLevel.CAUTION: (style.CAUTION_BG, style.CAUTION_INK),
    VitalsLevel.HOLD: (style.ALERT_BG, style.ALERT_INK),
    VitalsLevel.ALERT: (style.ALERT_BG, style.ALERT_INK),
}


def hexcode(colour: colors.Color) -> str:
    """"#2f6b4f", for colour in paragraph markup."""
    return "#" + str(colour.hexval())[2:]


class FactValue(CellDefaults):
    leftPadding = 0
    rightPadding = 8
    topPadding = bottomPadding = 2.5


class FactLabel(FactValue):
    fontname = fonts.BOLD
    fontsize = 8
    leading = 9.6
    color = style.MUTED


def facts_grid(pairs: Sequence[tuple[str, str]], width: float, styles: style.Styles, *,
               wide: Sequence[tuple[str, str]] = (), label_width: float = 78.0) -> Table:
    """Label/value pairs two to a row, then full-width pairs (long values); values are plain text."""
    label_w = label_width
    value_w = (width - 2 * label_w) / 2

    # Plain table strings where they fit (drawn literally: nothing to escape); wrapping paragraphs otherwise.
    def label(value: str) -> str:
        return value if fits(value, label_w, fonts.BOLD, 8, padding=8) else wrapped(value, label_w, fonts.BOLD, 8,
                                                                                      padding=8)

    def value(content: str, room: float) -> str:
        content = content.strip() or "–"
        return content if fits(content, room, padding=8) else wrapped(content, room, padding=8)

    rows: list[list[Flowable | str]] = []
    for i in range(0, len(pairs), 2):
        row: list[Flowable | str] = []
        for name, content in pairs[i:i + 2]:
            row += [label(name), value(content, value_w)]
        rows.append(row + [""] * (4 - len(row)))
    spans = []
    for name, content in wide:
        spans.append(len(rows))
        rows.append([label(name), value(content, width - label_w), "", ""])
    table = styled_table(rows, [label_w, value_w, label_w, value_w], header=None,
                         columns=[FactLabel, FactValue, FactLabel, FactValue])
    commands: list[tuple[object, ...]] = [
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, style.ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, style.RULE),
    ]
    commands += [("SPAN", (1, r), (3, r)) for r in spans]
    table.setStyle(TableStyle(commands))
    return table


def signed_line(note: NoteRecord, when: When, styles: style.Styles, *, session_line: bool = True) -> Flowable:
    """"DAP note · written by … · signed by … on …", or a clear "unsigned draft"."""
    parts = [f"{humanize(note.template).upper() if note.template == 'dap' else humanize(note.template)} note"]
    if session_line and note.session_start is not None:
        parts.append(f"session of {when.short_day(note.session_start)}")
    if note.author:
        parts.append(f"written by {note.author}")
    runs = [(" · ".join(parts) + " · ", fonts.REGULAR, style.MUTED)]
    if note.signed_at is not None:
        runs.append((f"signed by {note.signature or 'unknown'} on {when.stamp(note.signed_at)}", fonts.REGULAR,
                     style.OK_INK))
    else:
        runs.append(("unsigned draft", fonts.BOLD, style.CAUTION_INK))
    return runs_line(runs, styles.muted)


def note_block(note: NoteRecord, when: When, styles: style.Styles, *, outline_level: int = 1,
               title: str | None = None, session_line: bool = True) -> list[Flowable]:
    """A note: heading (a bookmark), signature line, themes, body in its own formatting, then addenda."""
    name = title or note.title
    out: list[Flowable] = [CondPageBreak(1.0 * inch), heading(text(name), styles.h3, name, outline_level),
                           signed_line(note, when, styles, session_line=session_line)]
    if note.themes:
        out.append(runs_line([("Themes: ", fonts.BOLD, style.MUTED), (", ".join(note.themes), fonts.REGULAR,
                                                                          style.MUTED)], styles.muted))
    out.append(Spacer(0, 3))
    out += note_flowables(note.body, styles.body, styles.bullet) or [Paragraph("<i>No text.</i>", styles.muted)]
    for addendum in note.addenda:
        heading_line = runs_line([("Addendum", fonts.BOLD, style.MUTED),
                                  (f" · {when.stamp(addendum.created_at)}"
                                   + (f" · {addendum.signature}" if addendum.signature else ""), fonts.REGULAR,
                                   style.MUTED)], styles.muted)
        box = styled_table([[heading_line], [Paragraph(text(addendum.body), styles.body)]],
                           [style.PAGE[0] - 2 * style.MARGIN], header=None)
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), style.ACCENT_SOFT),
            ("LINEBEFORE", (0, 0), (0, -1), 2, style.ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        out += [Spacer(0, 3), box]
    return out


def empty(message: str, styles: style.Styles) -> Flowable:
    """A section with nothing recorded says so plainly."""
    return line(message, styles.muted, font=fonts.ITALIC)
