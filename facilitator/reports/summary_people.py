"""The session summary's participant sections: intention, doses, vitals with flags, observations, discharge."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from facilitator.domain.vitals import Level
from facilitator.reports import fonts, style
from facilitator.reports.layout import data_table, section
from facilitator.reports.markup import text
from facilitator.reports.record_parts import LEVEL_COLOURS, empty, facts_grid, hexcode
from facilitator.reports.when import When, humanize
from facilitator.services.documents import DischargeRecord, ParticipantRecord, SummaryData


def participant_blocks(data: SummaryData, when: When, styles: style.Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = section("Participants", styles.h2, "Participants", 0)
    if not data.participants:
        return [*out, empty("No participant was in the room.", styles)]
    for person in data.participants:
        out += _person(person, when, styles, width)
    return out


def _band(p: ParticipantRecord, styles: style.Styles, width: float) -> Table:
    """The participant's name on a tinted band (a bookmark), attendance and pronouns to the right."""
    meta = [humanize(p.attendance)]
    if p.legal_name and p.legal_name != p.name:
        meta.append(f"legal name {p.legal_name}")
    if p.pronouns:
        meta.append(p.pronouns)
    name_style = ParagraphStyle("Band", parent=styles.h3, spaceBefore=0, spaceAfter=0)
    meta_style = ParagraphStyle("BandMeta", parent=styles.muted, alignment=TA_RIGHT)
    band = Table([[Paragraph(text(p.name), name_style), Paragraph(text(" · ".join(meta)), meta_style)]],
                 colWidths=[width * 0.5, width * 0.5], hAlign="LEFT")
    band.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), style.ACCENT_SOFT),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, style.ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    band.outline = (p.name, 1)
    return band


def _label(value: str, styles: style.Styles) -> list[Flowable]:
    return [CondPageBreak(0.7 * inch), Spacer(0, 5), Paragraph(text(value.upper()), styles.label)]


def _person(p: ParticipantRecord, when: When, styles: style.Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        CondPageBreak(1.6 * inch), Spacer(0, 8), _band(p, styles, width), Spacer(0, 5),
        Paragraph("<b>Intention:</b> " + (text(p.intention) if p.intention.strip() else "<i>none recorded</i>"),
                  styles.body),
    ]
    if not (p.doses or p.vitals or p.observations or p.discharge):
        return [*out, empty("No doses, vital signs, observations or discharge recorded.", styles)]
    out += _label("Doses", styles)
    if p.doses:
        rows = []
        for d in p.doses:
            remark = "; ".join(part for part in (
                "booster" if d.booster else "",
                f"given over a BP hold by {d.hold_override_by or 'a clinician'}: {d.hold_override_reason}"
                if d.hold_override_reason else "") if part)
            rows.append([when.time(d.given_at), d.medication, humanize(d.route), f"{d.amount_mg:g} mg", d.lot_number,
                         d.given_by, remark])
        out.append(data_table(["Time", "Medication", "Route", "Dose", "Lot", "Given by", "Remark"], rows,
                              [40, 62, 66, 50, 78, 112, 96], styles))
    else:
        out.append(empty("No dose given.", styles))
    out += _label("Vital signs", styles)
    out.append(_vitals(p, when, styles) if p.vitals else empty("No vital signs recorded.", styles))
    out += _label("Observations", styles)
    if p.observations:
        rows = [[when.time(o.observed_at), humanize(o.kind), humanize(o.severity),
                 "–" if o.moaas is None else str(o.moaas), o.detail, o.action] for o in p.observations]
        out.append(data_table(["Time", "Kind", "Severity", "MOAA/S", "Detail", "Action"], rows,
                              [40, 70, 56, 46, 150, 142], styles))
    else:
        out.append(empty("No side effects or observations recorded.", styles))
    out += _label("Discharge", styles)
    out += _discharge(p.discharge, when, styles, width) if p.discharge else [empty("No discharge recorded.", styles)]
    return out


def _vitals(p: ParticipantRecord, when: When, styles: style.Styles) -> Flowable:
    rows: list[list[Flowable | str]] = []
    extra: list[tuple[object, ...]] = []
    for i, v in enumerate(p.vitals, start=1):
        bp = f"{v.systolic if v.systolic is not None else '–'}/{v.diastolic if v.diastolic is not None else '–'}"
        after = "before dose" if v.minutes_after_dose is None else f"+{v.minutes_after_dose} min"
        flag: Flowable | str = "within limits"
        if v.level is Level.OK:
            extra.append(("TEXTCOLOR", (6, i), (6, i), style.OK_INK))
        else:
            background, ink = LEVEL_COLOURS[v.level]
            extra.append(("BACKGROUND", (0, i), (-1, i), background))
            flag = Paragraph(f"<font color='{hexcode(ink)}'><b>{v.level.label.upper()}</b> "
                             f"{text('; '.join(v.flags))}</font>", styles.cell)
        rows.append([when.time(v.taken_at), after, humanize(v.context), bp,
                     "–" if v.heart_rate is None else str(v.heart_rate), "–" if v.spo2 is None else f"{v.spo2} %",
                     flag])
    return data_table(["Time", "After dose", "Context", "BP", "HR", "SpO2", "Flag"], rows,
                      [40, 62, 72, 52, 34, 42, 202], styles, extra)


def _discharge(d: DischargeRecord, when: When, styles: style.Styles, width: float) -> list[Flowable]:
    pairs = [
        ("Ready at", when.time(d.ready_at)),
        ("Would have been ready", when.time(d.would_have_been_ready_at)),
        ("Discharged", when.time(d.discharged_at) + (f" by {d.discharged_by}" if d.discharged_by else "")),
        ("Escort", d.escort_name or "none recorded"),
        ("Monitored", "–" if d.monitoring_minutes is None else f"{d.monitoring_minutes} min"),
        ("Override", d.override_reason or "none"),
    ]
    out: list[Flowable] = [facts_grid(pairs, width, styles, label_width=112)]
    if d.checklist:
        out += [Spacer(0, 4), _checklist(d, when, styles, width)]
    return [KeepTogether(out)]


def _checklist(d: DischargeRecord, when: When, styles: style.Styles, width: float) -> Flowable:
    """The readiness checklist two items to a row; who ticked them once when it was one person."""
    people = {item.by for item in d.checklist}
    one = len(people) == 1 and "" not in people
    cells: list[Flowable | str] = []
    for item in d.checklist:
        mark = (f"<font color='{hexcode(style.OK_INK)}'>✓</font>" if item.ok
                else f"<font color='{hexcode(style.ALERT_INK)}'><b>✗ not done:</b></font>")
        by = "" if one or not item.by else f" · {text(item.by)}"
        cells.append(Paragraph(f"{mark} {text(item.label)} <font color='{hexcode(style.MUTED)}'>"
                               f"{text(when.time(item.at)) if item.at else ''}{by}</font>", styles.cell))
    if len(cells) % 2:
        cells.append("")
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    title = "Readiness checklist" + (f", ticked by {next(iter(people))}" if one else "")
    table = Table([[Paragraph(f"<b>{text(title)}</b>", styles.label), ""], *rows], colWidths=[width / 2] * 2,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5), ("SPAN", (0, 0), (1, 0)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table
