"""A participant's progress report (clinical audience): measures over time, sessions, latest notes.

PHQ-9 item 9 above 0 is a safety flag whatever the total (CLINICAL.md): every such answer is listed
in a red box at the top of the first page and marked in red on the chart, never left to a table.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import tzinfo

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, TableStyle

from facilitator.reports import fonts, style
from facilitator.reports.charts import measure_chart
from facilitator.reports.layout import RecordTemplate, Running, heading, section
from facilitator.reports.markup import text
from facilitator.reports.record_parts import empty, facts_grid, hexcode, note_block
from facilitator.reports.tables import data_table, styled_table
from facilitator.reports.when import When, humanize
from facilitator.services.documents import MeasurePoint, ProgressData

WIDTH = style.PAGE[0] - 2 * style.MARGIN
ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
MEANINGFUL = {"GAD-7": 4, "PHQ-9": 5}  # points of change commonly taken as clinically meaningful


def render_progress(data: ProgressData, *, zone: tzinfo | None = None) -> bytes:
    """The progress report as PDF bytes."""
    when = When(zone)
    styles = style.clinical()
    born = f" · born {when.short_day(data.date_of_birth)}" if data.date_of_birth else ""
    running = Running(
        header_left=data.clinic.name or "Clinical record",
        header_right=f"Progress report · {data.name}{born}",
        footer_left=f"Confidential health record · printed {when.stamp(data.generated_at)}"
                    + (f" by {data.generated_by}" if data.generated_by else ""),
    )
    buffer = io.BytesIO()
    doc = RecordTemplate(buffer, running, title=f"Progress report — {data.name}",
                         subject=f"GAD-7 and PHQ-9 over time, sessions and latest notes of participant "
                                 f"{data.participant_id}", author=data.clinic.name or "Facilitator")
    attended = f"{data.attended_count} of {len(data.sessions)}"
    pairs = [("Legal name", data.legal_name), ("Pronouns", data.pronouns or "–"),
             ("Born", when.short_day(data.date_of_birth) if data.date_of_birth else "–"),
             ("Status", humanize(data.status)),
             ("Consent", when.short_day(data.consent_date) if data.consent_date else "not recorded"),
             ("Sessions attended", attended)]
    story: list[Flowable] = [
        heading("Progress report", styles.title, "Progress report", 0),
        Paragraph(text(data.name), styles.subtitle),
        facts_grid(pairs, WIDTH, styles, wide=[("Groups", ", ".join(data.groups) or "none")], label_width=100),
        Spacer(0, 10),
        _safety(data, when, styles),
    ]
    story += _measures(data, when, styles)
    story += section("Latest notes", styles.h2, "Latest notes", 0)
    if not data.notes:
        story.append(empty("No notes written yet.", styles))
    for note in data.notes:
        title = f"Note of {when.short_day(note.session_start)}" if note.session_start else note.title
        story += note_block(note, when, styles, title=title, session_line=False)
    story += _sessions(data, when, styles)
    return doc.render(story)


def _safety(data: ProgressData, when: When, styles: style.Styles) -> Flowable:
    flags = data.item9_flags
    if not flags:
        return Paragraph(f"<font color='{hexcode(style.OK_INK)}'>No PHQ-9 item 9 answer above 0 on record.</font>",
                         styles.body)
    latest = data.series("PHQ-9")[-1] if data.series("PHQ-9") else None
    lines = [Paragraph(f"<font color='{hexcode(style.ALERT_INK)}'><b>Safety flag: PHQ-9 item 9 above 0</b>"
                       + (" — including the latest PHQ-9" if latest in flags else "") + "</font>", styles.h3)]
    lines.append(Paragraph("Item 9: “Thoughts that you would be better off dead or of hurting yourself in some way.”",
                           styles.small))
    for m in flags:
        answer = ANSWERS[m.item9] if m.item9 is not None and 0 <= m.item9 < len(ANSWERS) else str(m.item9)
        lines.append(Paragraph(f"<b>{text(when.short_day(m.taken_on))}</b>: {m.item9} ({text(answer)}) · "
                               f"PHQ-9 total {m.total} ({text(m.severity)})", styles.body))
    box = styled_table([[lines]], [WIDTH], header=None)
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), style.ALERT_BG), ("BOX", (0, 0), (-1, -1), 1.2, style.ALERT_INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return box


def _change(instrument: str, series: Sequence[MeasurePoint], when: When) -> str:
    first, last = series[0], series[-1]
    line = (f"{instrument}: {first.total} ({first.severity}) on {when.short_day(first.taken_on)}"
            f" → {last.total} ({last.severity}) on {when.short_day(last.taken_on)}")
    if len(series) < 2:
        return f"{instrument}: {last.total} ({last.severity}) on {when.short_day(last.taken_on)}; one result so far"
    delta = last.total - first.total
    meaningful = abs(delta) >= MEANINGFUL[instrument]
    direction = "lower" if delta < 0 else "higher"
    points = f"{abs(delta)} point{'' if abs(delta) == 1 else 's'}"
    verdict = ("no change" if delta == 0 else f"{points} {direction}"
               + (f", a clinically meaningful change (≥ {MEANINGFUL[instrument]})" if meaningful else ""))
    return f"{line}: {verdict}"


def _measures(data: ProgressData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("GAD-7 and PHQ-9", styles.h2, "GAD-7 and PHQ-9", 0, room=3.5 * 72)
    if not data.measures:
        return [*out, empty("No GAD-7 or PHQ-9 recorded yet.", styles)]
    for instrument in ("GAD-7", "PHQ-9"):
        series = data.series(instrument)
        out.append(heading(instrument, styles.h3, instrument, 1))
        if series:
            out.append(Paragraph(text(_change(instrument, series, when)), styles.muted))
        out.append(measure_chart(instrument, series, WIDTH, when))
    if data.series("PHQ-9"):
        out.append(Paragraph(f"<font color='{hexcode(style.ALERT_INK)}'>●</font> PHQ-9 with item 9 above 0",
                             styles.muted))
    dates = sorted({m.taken_on for m in data.measures})
    rows: list[list[Flowable | str]] = []
    extra: list[tuple[object, ...]] = []
    for i, day in enumerate(dates, start=1):
        gad = next((m for m in data.measures if m.taken_on == day and m.instrument == "GAD-7"), None)
        phq = next((m for m in data.measures if m.taken_on == day and m.instrument == "PHQ-9"), None)
        item9 = "–" if phq is None or phq.item9 is None else str(phq.item9)
        if phq is not None and phq.item9:
            extra += [("BACKGROUND", (0, i), (-1, i), style.ALERT_BG), ("TEXTCOLOR", (4, i), (4, i), style.ALERT_INK),
                      ("FONT", (4, i), (4, i), fonts.BOLD, 8.5)]
        rows.append([when.short_day(day), "–" if gad is None else str(gad.total), "–" if gad is None else gad.severity,
                     "–" if phq is None else str(phq.total), item9, "–" if phq is None else phq.severity])
    out += [Spacer(0, 8), CondPageBreak(1.4 * inch),
            data_table(["Date", "GAD-7", "Severity", "PHQ-9", "Item 9", "Severity"], rows,
                                     [80, 50, 110, 50, 50, 164], styles, extra)]
    return out


def _sessions(data: ProgressData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("Sessions", styles.h2, "Sessions", 0)
    if not data.sessions:
        return [*out, empty("No sessions yet.", styles)]
    out.append(Paragraph(text(f"Attended {data.attended_count} of {len(data.sessions)} sessions."), styles.muted))
    rows = [[when.short_day(s.starts_at), s.group_name, s.title, humanize(s.kind),
             humanize(s.attendance) if s.session_status != "cancelled" else "Session cancelled"]
            for s in reversed(data.sessions)]
    return [*out, Spacer(0, 4), data_table(["Date", "Group", "Session", "Kind", "Attendance"], rows,
                                           [70, 120, 150, 74, 90], styles)]
