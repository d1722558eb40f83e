"""The session summary's participant sections: intention, doses, vitals with flags, observations, discharge."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from facilitator.domain.vitals import VitalsLevel
from facilitator.reports import fonts, style
from facilitator.reports.layout import section
from facilitator.reports.lines import line, runs_line
from facilitator.reports.markup import text
from facilitator.reports.record_parts import LEVEL_COLOURS, empty, facts_grid
from facilitator.reports.tables import CellDefaults, data_table, fits, styled_table, wrapped
from facilitator.reports.when import When, humanize
from facilitator.services.documents import DischargeRecord, ParticipantRecord, SummaryData


def participant_blocks(data: SummaryData, when: When, styles: style.Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = section("Participants", styles.h2, "Participants", 0)
    if not data.participants:
        return [*out, empty("No participant was in the room.", styles)]
    for person in data.participants:
        out += _person(person, when, styles, width)
    return out


class BandName(CellDefaults):
    fontname = fonts.BOLD
    fontsize = 11.0
    leading = 13.2
    valign = "MIDDLE"
    leftPadding = rightPadding = 6
    topPadding, bottomPadding = 5, 6


class BandMeta(BandName):
    fontname = fonts.REGULAR
    fontsize = 8.5
    leading = 10.2
    color = style.MUTED
    alignment = "RIGHT"


class CheckCell(CellDefaults):
    leftPadding = 0
    rightPadding = 4
    topPadding = bottomPadding = 1.5


class CheckTitle(CheckCell):
    fontname = fonts.BOLD
    fontsize = 8
    color = style.MUTED


def _band(p: ParticipantRecord, styles: style.Styles, width: float) -> Table:
    """The participant's name on a tinted band (a bookmark), attendance and pronouns to the right."""
    meta = [humanize(p.attendance)]
    if p.legal_name and p.legal_name != p.name:
        meta.append(f"legal name {p.legal_name}")
    if p.pronouns:
        meta.append(p.pronouns)
    half = width / 2
    name: Flowable | str = p.name if fits(p.name, half, fonts.BOLD, 11, padding=12) else Paragraph(
        text(p.name), ParagraphStyle("Band", parent=styles.h3, spaceBefore=0, spaceAfter=0))
    line = " · ".join(meta)
    about: Flowable | str = line if fits(line, half, padding=12) else Paragraph(
        text(line), ParagraphStyle("BandMeta", parent=styles.muted, alignment=TA_RIGHT))
    band = styled_table([[name, about]], [half, half], header=None, columns=[BandName, BandMeta])
    band.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), style.ACCENT_SOFT),
                              ("LINEABOVE", (0, 0), (-1, 0), 1.2, style.ACCENT)]))
    band.outline = (p.name, 1)
    return band


def _label(value: str, styles: style.Styles) -> list[Flowable]:
    return [CondPageBreak(0.7 * inch), Spacer(0, 5), line(value.upper(), styles.label)]


def _person(p: ParticipantRecord, when: When, styles: style.Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        CondPageBreak(1.6 * inch), Spacer(0, 8), _band(p, styles, width), Spacer(0, 5),
        runs_line([("Intention: ", fonts.BOLD, style.INK), (p.intention.strip(), fonts.REGULAR, style.INK)]
                  if p.intention.strip() else [("Intention: ", fonts.BOLD, style.INK),
                                               ("none recorded", fonts.ITALIC, style.MUTED)], styles.body),
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
    if p.discharge is None:
        return [*out, *_label("Discharge", styles), empty("No discharge recorded.", styles)]
    # The discharge facts and checklist move to the next page together with their label.
    return [*out, KeepTogether([*_label("Discharge", styles)[1:], *_discharge(p.discharge, when, styles, width)])]


def _vitals(p: ParticipantRecord, when: When, styles: style.Styles) -> Flowable:
    rows: list[list[Flowable | str]] = []
    extra: list[tuple[object, ...]] = []
    for i, v in enumerate(p.vitals, start=1):
        bp = f"{v.systolic if v.systolic is not None else '–'}/{v.diastolic if v.diastolic is not None else '–'}"
        after = "before dose" if v.minutes_after_dose is None else f"+{v.minutes_after_dose} min"
        flag: Flowable | str = "within limits"
        if v.level is VitalsLevel.NORMAL:
            extra.append(("TEXTCOLOR", (6, i), (6, i), style.OK_INK))
        else:
            background, ink = LEVEL_COLOURS[v.level]
            extra += [("BACKGROUND", (0, i), (-1, i), background), ("TEXTCOLOR", (6, i), (6, i), ink)]
            flag = wrapped(f"{v.level.label.upper()}: " + "; ".join(v.flags), 202)
        rows.append([when.time(v.taken_at), after, humanize(v.context), bp,
                     "–" if v.heart_rate is None else str(v.heart_rate), "–" if v.spo2 is None else f"{v.spo2} %",
                     flag])
    return data_table(["Time", "After dose", "Context", "BP", "HR", "SpO2", "Flag"], rows,
                      [40, 62, 72, 52, 34, 42, 202], styles, extra)


def _discharge(d: DischargeRecord, when: When, styles: style.Styles, width: float) -> list[Flowable]:
    pairs = [
        ("Ready at", when.time(d.ready_at)),
        ("Would have been ready", when.time(d.would_have_been_ready_at)),
        ("Discharged at", when.time(d.discharged_at)),
        ("Discharged by", d.discharged_by or "–"),
        ("Escort", d.escort_name or "none recorded"),
        ("Monitored", "–" if d.monitoring_minutes is None else f"{d.monitoring_minutes} min"),
    ]
    wide = [("Override", d.override_reason)] if d.override_reason else []
    out: list[Flowable] = [facts_grid(pairs, width, styles, wide=wide, label_width=116)]
    if d.checklist:
        out += [Spacer(0, 4), _checklist(d, when, styles, width)]
    return out


def _checklist(d: DischargeRecord, when: When, styles: style.Styles, width: float) -> Flowable:
    """The readiness checklist two items to a row; who ticked them said once when it was one person."""
    people = {item.by for item in d.checklist}
    one = len(people) == 1 and "" not in people
    label_w = width / 2 - 14 - 36
    cells: list[list[Flowable | str]] = []
    marks: list[tuple[int, bool]] = []
    for n, item in enumerate(d.checklist):
        label = item.label + ("" if one or not item.by else f" · {item.by}")
        marks.append((n, item.ok))
        cells.append(["✓" if item.ok else "✗", wrapped(label, label_w, padding=4),
                      when.time(item.at) if item.at else ""])
    if len(cells) % 2:
        cells.append(["", "", ""])
    rows = [cells[i] + cells[i + 1] for i in range(0, len(cells), 2)]
    title = "Readiness checklist" + (f", ticked by {next(iter(people))}" if one else "")
    table = styled_table([[title, "", "", "", "", ""], *rows], [14, label_w, 36] * 2, cell=CheckCell,
                         header=CheckTitle)
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("TEXTCOLOR", (2, 1), (2, -1), style.MUTED), ("TEXTCOLOR", (5, 1), (5, -1), style.MUTED),
    ]
    for n, ok in marks:
        cell = (3 * (n % 2), 1 + n // 2)
        commands += [("TEXTCOLOR", cell, cell, style.OK_INK if ok else style.ALERT_INK)]
        if not ok:
            commands += [("FONT", cell, cell, fonts.BOLD, 8.5), ("BACKGROUND", (cell[0], cell[1]),
                                                                   (cell[0] + 2, cell[1]), style.ALERT_BG)]
    table.setStyle(TableStyle(commands))
    return table
