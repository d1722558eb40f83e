"""The floor a session summary is measured against: the same text and rows in the plainest ReportLab.

One paragraph per heading and note paragraph, one table per table of the summary with the same
header and cells as plain strings (header row repeated), the same embedded font; no running
header, page numbers, drawing, colours, bookmarks, wrapping cells or markup conversion. What the
real summary costs beyond this is its design.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from facilitator.reports import fonts, style
from facilitator.reports.when import When, duration, humanize, minutes
from facilitator.services.documents import SummaryData

_BODY = ParagraphStyle("FloorBody", fontName=fonts.REGULAR, fontSize=9.5, leading=13.5)
_HEAD = ParagraphStyle("FloorHead", fontName=fonts.BOLD, fontSize=13, leading=17)
_PLAIN = TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5)])


def _table(header: list[str], rows: list[list[str]]) -> Table:
    table = Table([header, *rows], repeatRows=1)
    table.setStyle(_PLAIN)
    return table


def render_floor(data: SummaryData) -> bytes:
    fonts.register()
    when = When()
    story: list[Flowable] = [Paragraph(escape(f"Session summary {data.group_name} {data.title}"), _HEAD)]
    facts = [when.day(data.scheduled_start), data.status, when.time(data.scheduled_start),
             when.span(data.started_at, data.ended_at), data.location, data.protocol_name,
             "; ".join(data.facilitators), data.clinic.name, data.setting_notes, data.thresholds_text]
    story += [Paragraph(escape(f), _BODY) for f in facts]
    story.append(_table(["#", "Phase", "Planned at", "Planned", "Actual", "Actual length", "vs plan"],
                        [[str(p.position), p.name, when.time(p.planned_start), minutes(p.planned_minutes),
                          when.span(p.started_at, p.ended_at), minutes(p.active_minutes), "+0 min"]
                         for p in data.phases]))
    story.append(_table(["Participant", "Status", "Arrived", "Left", "Comment"],
                        [[a.name, humanize(a.status), when.time(a.arrived_at), when.time(a.left_at), a.comment]
                         for a in data.attendance]))
    for person in data.participants:
        story.append(Paragraph(escape(person.name), _HEAD))
        story.append(Paragraph(escape(person.intention), _BODY))
        story.append(_table(["Time", "Medication", "Route", "Dose", "Lot", "Given by", "Remark"],
                            [[when.time(d.given_at), d.medication, humanize(d.route), f"{d.amount_mg:g} mg",
                              d.lot_number, d.given_by, d.hold_override_reason] for d in person.doses]))
        story.append(_table(["Time", "After dose", "Context", "BP", "HR", "SpO2", "Flag"],
                            [[when.time(v.taken_at), str(v.minutes_after_dose), humanize(v.context),
                              f"{v.systolic}/{v.diastolic}", str(v.heart_rate), f"{v.spo2} %",
                              "; ".join(v.flags) or "within limits"] for v in person.vitals]))
        story.append(_table(["Time", "Kind", "Severity", "MOAA/S", "Detail", "Action"],
                            [[when.time(o.observed_at), humanize(o.kind), humanize(o.severity), str(o.moaas),
                              o.detail, o.action] for o in person.observations]))
        if person.discharge:
            d = person.discharge
            story.append(_table(["Ready at", "Would have been ready", "Discharged", "Escort", "Monitored"],
                                [[when.time(d.ready_at), when.time(d.would_have_been_ready_at),
                                  when.time(d.discharged_at), d.escort_name, str(d.monitoring_minutes)]]))
            story.append(_table(["", "Checklist", "Time"],
                                [["✓", c.label, when.time(c.at)] for c in d.checklist]))
    for circle in data.circles:
        story.append(Paragraph(escape(circle.phase_name), _HEAD))
        story.append(_table(["Round", "Order", "Participant", "Length", "Note", "Tags"],
                            [[str(s.round), str(s.position), s.name, duration(s.seconds), s.note_text,
                              ", ".join(s.tags)] for s in circle.shares]))
    story.append(_table(["Time", "Phase", "Note"], [[when.time(q.at), q.phase_name, q.text]
                                                   for q in data.quick_notes]))
    for note in data.notes:
        story.append(Paragraph(escape(note.title), _HEAD))
        story.append(Paragraph(escape(f"{note.template} note signed by {note.signature} {when.stamp(note.signed_at)}"),
                               _BODY))
        for chunk in note.body.replace("</p>", "\n").replace("</li>", "\n").split("\n"):
            plain = "".join(part.split(">")[-1] for part in chunk.split("<"))
            if plain.strip():
                story.append(Paragraph(escape(plain), _BODY))
        for addendum in note.addenda:
            story.append(Paragraph(escape(addendum.body), _BODY))
    story.append(_table(["Record", "Signed by", "Signed at"],
                        [[n.title, n.signature, when.stamp(n.signed_at)] for n in data.notes]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=style.PAGE, initialFontName=fonts.REGULAR).build(story)
    return buffer.getvalue()
