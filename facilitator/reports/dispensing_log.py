"""The printed controlled-substance dispensing log: per lot, every entry of a period with the balance after it.

A clinical record, like a paper DEA-style log: a dose names the participant who received it. Witnesses
known only by name, and the reviewer, sign on the printed page.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table
from sqlalchemy.orm import Session

from facilitator.domain.clock import Clock
from facilitator.domain.ledger import describe
from facilitator.reports.paging import Bookmark, PageText, document, numbered_canvas
from facilitator.reports.stock_style import (
    FLAG,
    KINDS,
    Styles,
    day,
    grid,
    mg,
    number,
    paragraphs,
    plain_table,
    signed,
    styles,
    text,
    when,
)
from facilitator.services import actor as actors
from facilitator.services.inventory.log import DispensingLog, LogLine, LotLog, dispensing_log

TITLE = "Controlled-substance dispensing log"
# Landscape letter less half-inch margins: 10 inches.
WIDTHS = [0.42, 1.12, 0.78, 2.1, 0.9, 0.72, 0.78, 1.25, 1.93]
HEADERS = ["#", "Date and time", "Entry", "Participant · reason", "Amount", "mg", "Balance", "Recorded by",
           "Witness"]


def write_dispensing_log(session: Session, target: Path | IO[bytes], *, start: date | None = None,
                         end: date | None = None, lot_id: int | None = None, clock: Clock | None = None) -> int:
    """Print the log of one lot (or of every lot used in the period) to ``target``; audited as a report.

    Returns:
        The number of lots in the log.
    """
    log = dispensing_log(session, start=start, end=end, lot_id=lot_id, clock=clock)
    render_dispensing_log(log, target)
    actors.record(session, "report", entity_type="stock_lot", entity_id=lot_id if lot_id is not None else "",
                  detail=f"dispensing log, {len(log.lots)} lot(s), {period(log)}")
    return len(log.lots)


def period(log: DispensingLog) -> str:
    if log.start and log.end:
        return f"{day(log.start)} to {day(log.end)}"
    if log.start:
        return f"from {day(log.start)}"
    if log.end:
        return f"up to {day(log.end)}"
    return "all entries"


def render_dispensing_log(log: DispensingLog, target: Path | IO[bytes]) -> None:
    """Lay out ``log`` as a landscape PDF."""
    s = styles()
    clinic = log.clinic.get("clinic_name", "")
    doc = document(target, landscape(letter), title=f"{TITLE} ({period(log)})", subject="Controlled substances",
                   author=clinic or "Facilitator")
    page = PageText(header_left=clinic, header_right=f"{TITLE} · {period(log)}",
                    footer_left=f"Printed {when(log.printed_at)}" + (f" by {log.printed_by}" if log.printed_by else ""))
    story: list[Flowable] = [Bookmark(TITLE, "top"), *_masthead(log, s)]
    if not log.lots:
        story.append(Paragraph("No stock entries in this period.", s.body))
    for i, lot_log in enumerate(log.lots):
        if i:
            story.append(CondPageBreak(2.2 * inch))
        story += _lot_section(lot_log, s, i)
    doc.build(story, canvasmaker=numbered_canvas(page))


def _masthead(log: DispensingLog, s: Styles) -> list[Flowable]:
    c = log.clinic
    lines = [c.get("clinic_name", ""), c.get("clinic_address", ""), c.get("clinic_phone", "")]
    registration = c.get("clinic_dea_registration", "") or "_" * 22
    return [
        Paragraph(TITLE, s.title),
        Paragraph(text(" · ".join(x for x in lines if x)), s.body),
        Paragraph(f"DEA registration: {text(registration)} &nbsp;&nbsp; Schedule III &nbsp;&nbsp; "
                  f"Period: <b>{text(period(log))}</b>", s.body),
        Spacer(1, 4),
    ]


def _lot_section(lot_log: LotLog, s: Styles, index: int) -> list[Flowable]:
    lot, t = lot_log.lot, lot_log.totals
    unit = lot.unit
    strength = f"{number(lot.strength_mg)} mg per {'mL' if unit == 'mL' else 'tablet'}"
    facts = [
        ["Medication", f"{lot.medication.capitalize()}, {lot.form}, {strength}", "Lot number",
         f"<b>{text(lot.lot_number)}</b>"],
        ["Supplier", text(lot.supplier) or "—", "Expiry", day(lot.expiry) + (" (expired)" if lot.expired else "")],
        ["Received", f"{when(lot.received_at)}" + (f" by {text(lot.received_by)}" if lot.received_by else ""),
         "Counted in", f"{unit}s" if unit == "tablet" else unit],
        ["Opening balance", _units_mg(lot_log.opening, unit, lot.strength_mg), "Closing balance",
         f"<b>{_units_mg(lot_log.closing, unit, lot.strength_mg)}</b>"],
        ["In this period", f"received {describe(t.received, unit)} · dispensed {describe(t.dispensed, unit)} · "
         f"wasted {describe(t.wasted, unit)}" + (f" · adjusted {signed(t.adjusted, unit)}" if t.adjusted else ""),
         "Entries", str(len(lot_log.lines))],
    ]
    rows = [[Paragraph(f"<b>{a}</b>", s.cell), Paragraph(b, s.cell), Paragraph(f"<b>{c}</b>", s.cell),
             Paragraph(d, s.cell)] for a, b, c, d in facts]
    table = plain_table(rows, [1.25 * inch, 4.75 * inch, 1.1 * inch, 2.9 * inch],
                        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.6, "black"),
                         ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])
    heading = Paragraph(text(lot.label), s.heading)
    out: list[Flowable] = [Bookmark(f"Lot {lot.lot_number}", f"lot{index}", level=1),
                           KeepTogether([heading, table]), Spacer(1, 6)]
    if lot_log.lines:
        out.append(_entries(lot_log, s))
    else:
        out.append(Paragraph("No entries for this lot in the period.", s.body))
    start, end = _units_mg(lot_log.opening, unit, lot.strength_mg), _units_mg(lot_log.closing, unit, lot.strength_mg)
    closing = Paragraph(f"Lot {text(lot.lot_number)}: {start} at the start of the period, <b>{end}</b> at its end.",
                        s.body)
    out += [Spacer(1, 6), KeepTogether([closing, Spacer(1, 8), _review_line(s)])]
    return out


def _entries(lot_log: LotLog, s: Styles) -> Table:
    unit, strength = lot_log.lot.unit, lot_log.lot.strength_mg
    headers = [*HEADERS[:6], f"Balance ({'tablets' if unit == 'tablet' else unit})", *HEADERS[7:]]
    rows: list[list[object]] = [paragraphs(headers[:4], s.head) + paragraphs(headers[4:7], s.head_right)
                                + paragraphs(headers[7:], s.head)]
    flagged_rows = []
    for line in lot_log.lines:
        if line.difference:
            flagged_rows.append(len(rows))
        rows.append([
            Paragraph(str(line.entry_id), s.cell), Paragraph(when(line.at), s.cell),
            Paragraph(f"<b>{KINDS.get(line.kind, line.kind)}</b>", s.cell), Paragraph(_detail(line, unit), s.cell),
            Paragraph(_amount(line, unit), s.cell_right), Paragraph(_mg(line), s.cell_right),
            Paragraph(number(line.balance), s.cell_right), Paragraph(text(line.recorded_by), s.cell),
            Paragraph(_witness(line), s.cell),
        ])
    rows.append(["", "", "", Paragraph("<b>Balance at the end of the period</b>", s.cell), "", "",
                 Paragraph(f"<b>{number(lot_log.closing)}</b>", s.cell_right),
                 Paragraph(_units_mg(lot_log.closing, unit, strength), s.cell), ""])
    extra: list[tuple[object, ...]] = [("LINEABOVE", (0, -1), (-1, -1), 0.8, "black"),
                                       ("SPAN", (7, -1), (8, -1))]
    extra += [("LINEBEFORE", (0, r), (0, r), 2.5, FLAG) for r in flagged_rows]
    return grid(rows, [w * inch for w in WIDTHS], extra=extra)


def _detail(line: LogLine, unit: str) -> str:
    parts: list[str] = []
    if line.participant_name:
        parts.append(f"<b>{text(line.participant_name)}</b>")
    if line.corrects_id:
        parts.append(f"Corrects #{line.corrects_id}.")
    if line.reason:
        parts.append(text(line.reason))
    if line.difference is not None:
        if line.difference:
            parts.append(f'<font color="#8c0000"><b>Differs from the balance by {signed(line.difference, unit)}'
                         f" ({number(line.balance)} expected).</b></font>")
        else:
            parts.append("Matches the balance.")
    refs = [f"session {line.session_id}" if line.session_id else "", f"dose {line.dose_id}" if line.dose_id else ""]
    if any(refs):
        parts.append(f'<font color="#555555">{", ".join(r for r in refs if r)}</font>')
    return "<br/>".join(parts)


def _amount(line: LogLine, unit: str) -> str:
    if line.kind == "count":
        return f"{describe(line.quantity, unit)} found"
    return signed(line.change, unit)


def _mg(line: LogLine) -> str:
    return mg(line.mg) if line.kind == "count" else f"{signed(line.mg)} mg"


def _witness(line: LogLine) -> str:
    if not line.witness:
        return ""
    if line.witness_signs:
        return f"{text(line.witness)}<br/><br/>Signature: ____________________"
    return f"{text(line.witness)}<br/><font color='#555555'>signed in</font>"


def _units_mg(amount: Decimal, unit: str, strength: Decimal) -> str:
    return f"{describe(amount, unit)} ({mg(amount * strength)})"


def _review_line(s: Styles) -> Flowable:
    rows = [[Paragraph("Reviewed by (name): ______________________________", s.body),
             Paragraph("Signature: ______________________________", s.body),
             Paragraph("Date: ______________", s.body)]]
    return plain_table(rows, [4 * inch, 3.6 * inch, 2.4 * inch], [("LEFTPADDING", (0, 0), (-1, -1), 0)])
