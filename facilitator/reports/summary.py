"""The session summary: the clinical record of one session, from a :class:`SummaryData`."""

from __future__ import annotations

import io
from datetime import tzinfo

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, Spacer

from facilitator.reports import fonts, style
from facilitator.reports.layout import RecordTemplate, Running, heading, section
from facilitator.reports.markup import text
from facilitator.reports.record_parts import empty, facts_grid, hexcode, note_block
from facilitator.reports.summary_people import participant_blocks
from facilitator.reports.tables import data_table
from facilitator.reports.timeline import phase_colour, timeline_drawing
from facilitator.reports.when import When, duration, humanize, minutes
from facilitator.services.documents import SummaryData
from facilitator.services.documents.records import IN_ROOM

WIDTH = style.PAGE[0] - 2 * style.MARGIN


def render_summary(data: SummaryData, *, zone: tzinfo | None = None) -> bytes:
    """The session summary as PDF bytes.

    Args:
        zone: the time zone times are printed in (default: this computer's).
    """
    when = When(zone)
    styles = style.clinical()
    day = when.short_day(data.started_at or data.scheduled_start)
    running = Running(
        header_left=data.clinic.name or "Clinical record",
        header_right=f"Session summary · {data.group_name} · {day} · Session {data.session_id}",
        footer_left=f"Confidential health record · printed {when.stamp(data.generated_at)}"
                    + (f" by {data.generated_by}" if data.generated_by else ""),
    )
    buffer = io.BytesIO()
    doc = RecordTemplate(buffer, running, title=f"Session summary — {data.group_name}, {day}",
                         subject=f"Clinical record of session {data.session_id}"
                                 + (f" ({data.title})" if data.title else ""),
                         author=data.clinic.name or "Facilitator")
    story: list[Flowable] = []
    story += _overview(data, when, styles)
    story += _timeline(data, when, styles)
    story += _attendance(data, when, styles)
    story += participant_blocks(data, when, styles, WIDTH)
    story += _circles(data, when, styles)
    story += _run_notes(data, when, styles)
    story += _notes(data, when, styles)
    story += _signatures(data, when, styles)
    return doc.render(story)


def _overview(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    clinic = data.clinic
    subtitle = " · ".join(part for part in (data.group_name, data.title) if part)
    status = humanize(data.status) + (f" ({data.cancel_reason})" if data.cancel_reason else "")
    pairs = [
        ("Date", when.day(data.started_at or data.scheduled_start)),
        ("Status", status),
        ("Scheduled", when.time(data.scheduled_start)),
        ("Ran", when.span(data.started_at, data.ended_at) if data.started_at else "Not started"),
        ("Location", data.location),
        ("Protocol", data.protocol_name),
    ]
    wide = [("Facilitators", "; ".join(data.facilitators) or "None recorded"),
            ("Clinic", ", ".join(part for part in (clinic.name, clinic.address, clinic.contact_line) if part)),
            ("Setting", data.setting_notes or "Nothing recorded"),
            ("BP limits", data.thresholds_text)]
    return [
        heading("Session summary", styles.title, "Session summary", 0),
        Paragraph(text(subtitle), styles.subtitle),
        facts_grid(pairs, WIDTH, styles, wide=wide),
    ]


def _timeline(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("Timeline: planned and actual", styles.h2, "Timeline", 0)
    if not data.phases:
        return [*out, empty("This session has no phases.", styles)]
    out += [timeline_drawing(data.phases, WIDTH, when, data.generated_at), Spacer(0, 6)]
    rows: list[list[Flowable | str]] = []
    extra: list[tuple[object, ...]] = []
    for number, p in enumerate(data.phases, start=1):
        planned = p.planned_minutes + p.extension_minutes
        if p.started_at is None:
            actual, actual_min, diff = ("Not run" if data.ended_at else "Not yet"), "–", "–"
        else:
            actual = when.span(p.started_at, p.ended_at)
            actual_min = minutes(p.active_minutes) + (f" (+{minutes(p.paused_minutes)} paused)"
                                                       if p.paused_minutes >= 1 else "")
            delta = round(p.active_minutes - planned)
            diff = "on plan" if delta == 0 else ("+" if delta > 0 else "−") + minutes(abs(delta))
        plan = minutes(p.planned_minutes) + (f" +{p.extension_minutes}" if p.extension_minutes else "")
        rows.append([str(number), p.name + (" (skipped)" if p.status == "skipped" else ""),
                     when.time(p.planned_start), plan, actual, actual_min, diff])
        extra.append(("BACKGROUND", (0, number), (0, number), phase_colour(p.colour)))
    extra += [("TEXTCOLOR", (0, 1), (0, -1), colors.white), ("FONT", (0, 1), (0, -1), fonts.BOLD, 8.5)]
    table = data_table(["#", "Phase", "Planned at", "Planned", "Actual", "Actual length", "vs plan"], rows,
                       [20, 164, 60, 58, 70, 76, 56], styles, extra)
    return [*out, table]


def _attendance(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("Attendance", styles.h2, "Attendance", 0)
    if not data.attendance:
        return [*out, empty("No one was expected at this session.", styles)]
    in_room = sum(1 for a in data.attendance if a.status in IN_ROOM)
    counts: dict[str, int] = {}
    for a in data.attendance:
        counts[a.status] = counts.get(a.status, 0) + 1
    line = f"{in_room} of {len(data.attendance)} in the room · " + ", ".join(
        f"{n} {humanize(status).lower()}" for status, n in sorted(counts.items()))
    rows = [[a.name + (" (drop-in)" if a.drop_in else ""), humanize(a.status), when.time(a.arrived_at),
             when.time(a.left_at), a.comment] for a in data.attendance]
    return [*out, Paragraph(text(line), styles.muted), Spacer(0, 4),
            data_table(["Participant", "Status", "Arrived", "Left", "Comment"], rows, [150, 70, 50, 50, 184],
                       styles)]


def _circles(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("Integration circle", styles.h2, "Integration circle", 0)
    if not data.circles:
        return [*out, empty("No shares recorded.", styles)]
    for circle in data.circles:
        out += section(text(circle.phase_name), styles.h3, circle.phase_name, 1, room=0.9 * inch)
        rows: list[list[Flowable | str]] = []
        for s in circle.shares:
            words = f" · {text(s.note_text)}" if s.note_text else ""  # a pass may still carry a note
            note: Flowable | str = Paragraph(f"<i>passed</i>{words}", styles.muted) if s.passed else s.note_text
            length = "–" if s.passed else duration(s.seconds)  # a pass has no length, not "0:00"
            rows.append([str(s.round), str(s.position), s.name, length, note, ", ".join(s.tags)])
        out.append(data_table(["Round", "Order", "Participant", "Length", "Note", "Tags"], rows,
                              [38, 36, 110, 42, 180, 98], styles))
    return out


def _run_notes(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("Run notes", styles.h2, "Run notes", 0)
    if not data.quick_notes:
        return [*out, empty("No notes were typed during the run.", styles)]
    rows = [[when.time(q.at), q.phase_name or "–", q.text] for q in data.quick_notes]
    return [*out, data_table(["Time", "Phase", "Note"], rows, [44, 140, 320], styles)]


def _notes(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    out: list[Flowable] = section("Notes", styles.h2, "Notes", 0)
    if data.group_note is None:
        out.append(empty("No group note written.", styles))
    for note in data.notes:
        out += note_block(note, when, styles)
    missing = [p.name for p in data.participants if p.note is None and p.attendance in IN_ROOM]
    if missing:
        out += [Spacer(0, 6), empty("No note written for " + ", ".join(missing) + ".", styles)]
    return out


def _signatures(data: SummaryData, when: When, styles: style.Styles) -> list[Flowable]:
    # Room for the whole table (up to half a page), so a short list of signatures is not split.
    rows_expected = len(data.notes) + sum(len(n.addenda) for n in data.notes)
    out: list[Flowable] = section("Signatures", styles.h2, "Signatures", 0,
                                  room=min(60 + 16 * rows_expected, style.PAGE[1] / 2))
    if not data.notes:
        return [*out, empty("Nothing to sign yet: no notes written.", styles)]
    rows: list[list[Flowable | str]] = []
    unsigned = f"<font color='{hexcode(style.CAUTION_INK)}'><b>Not signed</b></font>"
    for note in data.notes:
        if note.signed_at is None:
            rows.append([note.title, Paragraph(unsigned, styles.cell), "–"])
        else:
            rows.append([note.title, note.signature, when.stamp(note.signed_at)])
        for addendum in note.addenda:
            rows.append([f"Addendum to: {note.title}", addendum.signature or "–", when.stamp(addendum.created_at)])
    return [*out, data_table(["Record", "Signed by", "Signed at"], rows, [200, 190, 114], styles)]
