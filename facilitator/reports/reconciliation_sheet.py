"""The printed session reconciliation sheet: per lot, drawn, given, wasted, expected and counted, and signatures."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import IO

from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from sqlalchemy.orm import Session

from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import ReconciliationStatus
from facilitator.reports.paging import Bookmark, PageText, document, numbered_canvas
from facilitator.reports.stock_style import (
    FLAG,
    KINDS,
    Styles,
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
from facilitator.services.inventory.log import clinic_header
from facilitator.services.inventory.reconciliation import (
    DoseLine,
    LotLine,
    SessionEntry,
    SessionReconciliation,
    session_reconciliation,
)

TITLE = "Controlled-substance reconciliation"
LOT_HEADERS = ["Lot", "On hand before", "Drawn", "Given", "Wasted", "Other entries", "Expected remaining",
               "Counted", "Discrepancy"]
LOT_WIDTHS = [1.7, 0.66, 0.58, 0.58, 0.6, 0.64, 0.76, 0.68, 1.3]
DOSE_HEADERS = ["Time", "Participant", "Dose", "Units", "Lot", "Given by", "Wasted", "Witness to the waste"]
DOSE_WIDTHS = [0.5, 1.55, 0.6, 0.5, 0.95, 1.25, 0.6, 1.55]
OTHER_HEADERS = ["#", "Time", "Entry", "Lot", "Amount", "Reason", "Recorded by", "Witness"]
OTHER_WIDTHS = [0.35, 0.45, 0.65, 0.95, 0.7, 1.6, 1.15, 1.65]


def write_reconciliation_sheet(session: Session, session_id: int, target: Path | IO[bytes], *,
                               clock: Clock | None = None) -> None:
    """Print a session's reconciliation (signed or not yet) to ``target``; audited as a report."""
    rec = session_reconciliation(session, session_id)
    who = actors.actor_of(session)
    render_reconciliation_sheet(rec, target, clinic=clinic_header(session), printed_at=(clock or SystemClock()).now(),
                                printed_by=who.signature if who else "")
    actors.record(session, "report", entity_type="group_session", entity_id=session_id,
                  detail="reconciliation sheet")


def render_reconciliation_sheet(rec: SessionReconciliation, target: Path | IO[bytes], *, clinic: dict[str, str],
                                printed_at: datetime, printed_by: str = "") -> None:
    s = styles()
    name = clinic.get("clinic_name", "")
    session_line = f"{rec.title} · {when(rec.scheduled_start)}" + (f" · {rec.location}" if rec.location else "")
    doc = document(target, letter, title=f"{TITLE}: {session_line}", subject="Controlled substances",
                   author=name or "Facilitator")
    page = PageText(header_left=name, header_right=f"{TITLE} · session {rec.session_id}",
                    footer_left=f"Printed {when(printed_at)}" + (f" by {printed_by}" if printed_by else ""))
    story: list[Flowable] = [
        Bookmark(TITLE, "top"), Paragraph(TITLE, s.title),
        Paragraph(f"<b>{text(session_line)}</b>", s.body),
        Paragraph(text(" · ".join(x for x in (name, clinic.get("clinic_address", "")) if x)), s.small),
        Spacer(1, 6), _status(rec, s), Spacer(1, 8),
        Paragraph("Per lot", s.heading), _lots(rec.lots, s), Spacer(1, 3),
        Paragraph("Drawn = dispensed for doses + wasted. Expected remaining = on hand before − drawn ± other "
                  "entries (receipts, corrections, later sessions). Discrepancy = (counted − expected) + "
                  "(given − dispensed): negative means stock is unaccounted for.", s.small),
        Paragraph("Doses", s.heading),
    ]
    story.append(_doses(rec.doses, s) if rec.doses else Paragraph("No doses were recorded.", s.body))
    if rec.other_entries:
        story += [Paragraph("Other stock entries of the session", s.heading), _others(rec.other_entries, s)]
    explanation = rec.signoff.explanation if rec.signoff else ""
    if explanation or (rec.flagged and rec.counted):
        story += [Paragraph("Explanation of the discrepancy", s.heading), _box(explanation, s)]
    story += [Spacer(1, 14), _signatures(rec, s)]
    doc.build(story, canvasmaker=numbered_canvas(page))


def _status(rec: SessionReconciliation, s: Styles) -> Flowable:
    if rec.signoff is None:
        line = "<b>Not signed yet.</b> Count each lot, enter the counts, and sign below."
    else:
        state = ("with a discrepancy, explained below" if rec.signoff.status == ReconciliationStatus.FLAGGED
                 else "balanced, no discrepancy")
        by = text(rec.signoff.signature)
        line = f"<b>Signed in Facilitator</b> by {by} on {when(rec.signoff.signed_at)}: {state}."
    if rec.not_in_log:
        line += f' <font color="#8c0000"><b>{len(rec.not_in_log)} dose(s) not in the stock log.</b></font>'
    return plain_table([[Paragraph(line, s.body)]], [7.5 * inch], [("BOX", (0, 0), (-1, -1), 0.8, "black"),
                                                                   ("TOPPADDING", (0, 0), (-1, -1), 5),
                                                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 5)])


def _lots(lines: tuple[LotLine, ...], s: Styles) -> Table:
    rows: list[list[object]] = [paragraphs(LOT_HEADERS[:1], s.head) + paragraphs(LOT_HEADERS[1:], s.head_right)]
    flagged = []
    for line in lines:
        lot, f = line.lot, line.figures
        unit_name = "tablets" if lot.unit == "tablet" else lot.unit
        per = "/mL" if lot.unit == "mL" else ""
        counted = number(f.counted) if f.counted is not None else "________"
        if f.counted is None:
            verdict = "count needed"
        elif f.flagged:
            flagged.append(len(rows))
            verdict = (f'<font color="#8c0000"><b>{signed(f.discrepancy, lot.unit) if f.discrepancy else "0"}</b>'
                       f"<br/>count {signed(f.count_difference) or '0'}, doses {signed(f.dose_difference) or '0'}"
                       "</font>")
        else:
            verdict = "<b>0</b> — balanced"
        cells = [number(f.opening), number(f.drawn), number(f.given), number(f.wasted), signed(f.other) or "0",
                 number(f.expected), counted]
        given = mg(f.given * lot.strength_mg).replace(" ", "&nbsp;")
        rows.append([Paragraph(f"<b>{text(lot.lot_number)}</b><br/>{number(lot.strength_mg)} mg{per} {text(lot.form)}"
                               f"<br/>counted in {unit_name}; given {given}", s.cell),
                     *paragraphs(cells, s.cell_right), Paragraph(verdict, s.cell_right)])
    extra: list[tuple[object, ...]] = [("LINEBEFORE", (0, r), (0, r), 2.5, FLAG) for r in flagged]
    return grid(rows, [w * inch for w in LOT_WIDTHS], zebra=False, extra=extra)


def _doses(doses: tuple[DoseLine, ...], s: Styles) -> Table:
    rows: list[list[object]] = [paragraphs(DOSE_HEADERS, s.head)]
    for d in doses:
        lot = text(d.lot_number) or "—"
        if not d.in_log:
            lot += '<br/><font color="#8c0000"><b>not in the stock log</b></font>'
        witness = text(d.waste_witness)
        if d.waste_witness_signs:
            witness += "<br/><br/>Signature: ______________"
        rows.append(paragraphs([
            d.given_at.astimezone().strftime("%H:%M"), f"<b>{text(d.participant_name)}</b>", mg(d.amount_mg),
            number(d.units) if d.units is not None else "—", lot, text(d.given_by),
            number(d.waste_units) if d.waste_units else "", witness,
        ], s.cell))
    return grid(rows, [w * inch for w in DOSE_WIDTHS])


def _others(entries: tuple[SessionEntry, ...], s: Styles) -> Table:
    rows: list[list[object]] = [paragraphs(OTHER_HEADERS, s.head)]
    for e in entries:
        witness = text(e.witness)
        if e.witness_signs:
            witness += "<br/><br/>Signature: ______________"
        reason = (f"Corrects #{e.corrects_id}. " if e.corrects_id else "") + text(e.reason)
        rows.append(paragraphs([
            str(e.entry_id), e.at.astimezone().strftime("%H:%M"), f"<b>{KINDS.get(e.kind, e.kind)}</b>",
            text(e.lot_number), signed(e.change, e.unit), reason, text(e.recorded_by), witness,
        ], s.cell))
    return grid(rows, [w * inch for w in OTHER_WIDTHS])


def _box(explanation: str, s: Styles) -> Flowable:
    body: Flowable = Paragraph(text(explanation).replace("\n", "<br/>"), s.body) if explanation else Spacer(1, 60)
    return plain_table([[body]], [7.5 * inch], [("BOX", (0, 0), (-1, -1), 0.6, "black")])


def _signatures(rec: SessionReconciliation, s: Styles) -> Flowable:
    signoff = rec.signoff
    rows = [
        ["Reconciled by", signoff.signature if signoff else "", when(signoff.signed_at) if signoff else ""],
        ["Witness", signoff.witness_signature if signoff else "", ""],
    ]
    cells = [[Paragraph(f"<b>{label}</b>", s.body), Paragraph(text(who) or "_" * 30, s.body),
              Paragraph("Signature: " + "_" * 26, s.body), Paragraph("Date: " + (at or "_" * 14), s.body)]
             for label, who, at in rows]
    table = plain_table(cells, [1.15 * inch, 2.0 * inch, 2.45 * inch, 1.9 * inch],
                        [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("TOPPADDING", (0, 0), (-1, -1), 12),
                         ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return KeepTogether([table])
