"""Participant handouts: warm, large type, only the participant's own words, in their language.

A handout prints its participant's name and intention, the session's themes as the group note's
tags read in ``themes.toml`` (never the note's text), the practices, the next session, the
no-driving reminder, the clinic's contact and the 988 Suicide & Crisis Lifeline.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from facilitator.reports import fonts, style
from facilitator.reports.layout import HandoutTemplate, heading
from facilitator.reports.markup import text
from facilitator.reports.tables import styled_table
from facilitator.reports.texts import Texts, load
from facilitator.services.documents import HandoutData

WIDTH = style.PAGE[0] - 2 * style.HANDOUT_MARGIN
LANGS = {"en": "en-US", "es": "es-US"}


class FooterMarker(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """Invisible; switches the page footer to a handout's language where that handout begins."""

    def __init__(self, template: HandoutTemplate, footer: str) -> None:
        super().__init__()
        self.template, self.footer = template, footer

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.template.footer = self.footer


def _box(content: list[Flowable], background: Any, bar: Any) -> Table:
    box = styled_table([[content]], [WIDTH], header=None)
    box.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), background), ("LINEBEFORE", (0, 0), (0, -1), 3, bar),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return box


def _bullets(items: Sequence[str], paragraph_style: ParagraphStyle) -> list[Flowable]:
    """Markup items as hanging-indent bullet paragraphs (cheaper and calmer than a list flowable)."""
    item_style = ParagraphStyle("HItem", parent=paragraph_style, leftIndent=18, bulletIndent=4,
                                bulletFontName=fonts.REGULAR)
    return [Paragraph(item, item_style, bulletText="•") for item in items]


def handout_story(data: HandoutData, template: HandoutTemplate, *, zone: tzinfo | None = None,
                  texts: Texts | None = None) -> list[Flowable]:
    """One participant's handout as flowables (several can follow each other in one file)."""
    t = texts or load(data.language)
    s = style.handout()
    story: list[Flowable] = [
        FooterMarker(template, t.get("handout", "footer")),
        heading(text(t.get("handout", "greeting", name=data.first_name)), s.title, data.name, 0),
        Paragraph(text(t.get("handout", "session_line", group=data.group_name,
                             date=t.long_date(data.session_date, zone))), s.subtitle),
        Paragraph(text(t.get("handout", "thanks")), s.body),
    ]
    story += _section(t.get("handout", "intention_heading"), s)
    if data.intention.strip():
        quote = ParagraphStyle("HQuote", parent=s.body, fontName=fonts.ITALIC, fontSize=14, leading=20,
                               spaceAfter=0)
        quoted = text(t.get("handout", "intention_quote", intention=data.intention.strip()))
        story.append(_box([Paragraph(quoted, quote)], style.WARM_SOFT, style.WARM))
    else:
        story.append(Paragraph(text(t.get("handout", "intention_missing")), s.body))

    reminder = t.get("handout", "driving_dosed" if data.dosed else "driving_general")
    story += [Spacer(0, 14), _box([Paragraph(f"<b>{text(t.get('handout', 'driving_heading'))}</b>", s.body),
                                   Paragraph(text(reminder), s.body)], style.CAUTION_BG, style.CAUTION_INK)]

    story += _section(t.get("handout", "themes_heading"), s)
    if data.themes:
        story.append(Paragraph(text(t.get("handout", "themes_intro")), s.body))
        story += _bullets([text(t.theme(tag)) for tag in data.themes], s.bullet)
    else:
        story.append(Paragraph(text(t.get("handout", "themes_missing")), s.body))

    story += _section(t.get("handout", "next_heading"), s)
    following = data.next_session
    if following is None:
        story.append(Paragraph(text(t.get("handout", "next_missing")), s.body))
    else:
        when = t.get("handout", "next_line", date=t.long_date(following.starts_at, zone),
                     time=t.clock(following.starts_at, zone))
        lines = [f"<b>{text(when)}</b>"]
        if following.location:
            lines.append(text(t.get("handout", "next_where", location=following.location)))
        story.append(Paragraph("<br/>".join(lines), s.body))

    story += _support(data, t, s)
    # The practices fill the back of the sheet; today's facts and where to find help stay on the front.
    # (A front that ran over leaves most of page two free, and the practices simply follow.)
    story.append(CondPageBreak(style.PAGE[1] * 0.55))
    story += _section(t.get("handout", "practices_heading"), s)
    story.append(Paragraph(text(t.get("handout", "practices_intro")), s.body))
    # A little smaller than the front, so the five practices share one page.
    body = ParagraphStyle("HPractice", parent=s.body, fontSize=11.5, leading=16, spaceAfter=4)
    items = ParagraphStyle("HPracticeItem", parent=s.bullet, fontSize=11.5, leading=16, spaceAfter=1.5)
    for practice in t.practices:
        story += [CondPageBreak(0.9 * inch), Paragraph(practice.title, s.h3)]
        for _kind, content in practice.blocks:
            if isinstance(content, str):
                story.append(Paragraph(content, body))
            else:
                story += _bullets(content, items)

    return story


def _section(title: str, s: style.Styles) -> list[Flowable]:
    return [Paragraph(text(title), s.h2)]


def _support(data: HandoutData, t: Texts, s: style.Styles) -> list[Flowable]:
    clinic = data.clinic
    if clinic.phone and clinic.email:
        contact = t.get("handout", "clinic_line", phone=clinic.phone, email=clinic.email)
    elif clinic.phone:
        contact = t.get("handout", "clinic_phone_only", phone=clinic.phone)
    elif clinic.email:
        contact = t.get("handout", "clinic_email_only", email=clinic.email)
    else:
        contact = ""
    lines: list[Flowable] = [Paragraph(text(t.get("handout", "support_heading")), s.h2)]
    if clinic.name:
        lines.append(Paragraph(f"<b>{text(clinic.name)}</b>", s.body))
    if contact:
        lines.append(Paragraph(text(contact), s.body))
    crisis = ParagraphStyle("HCrisis", parent=s.body, spaceAfter=0)
    lines += [Spacer(0, 4), _box([Paragraph(text(t.get("handout", "crisis")).replace("988", "<b>988</b>"),
                                            crisis)], style.ACCENT_SOFT, style.ACCENT)]
    return [KeepTogether(lines)]


def _template(buffer: io.BytesIO, title: str, subject: str, author: str, language: str) -> HandoutTemplate:
    t = load(language)
    return HandoutTemplate(buffer, title=title, subject=subject, author=author, header=author,
                           footer=t.get("handout", "footer"), lang=LANGS.get(t.language, "en-US"))


def render_handout(data: HandoutData, *, zone: tzinfo | None = None) -> bytes:
    """One participant's handout as PDF bytes."""
    t = load(data.language)
    buffer = io.BytesIO()
    doc = _template(buffer, f"{t.get('handout', 'document_title')} — {data.name}", t.get("handout", "subject"),
                    data.clinic.name or "Facilitator", data.language)
    return doc.render(handout_story(data, doc, zone=zone, texts=t))


def render_handouts(handouts: Sequence[HandoutData], *, zone: tzinfo | None = None) -> bytes:
    """Every handout of a session in one file for batch printing, each starting on a new page.

    Raises:
        ValueError: when ``handouts`` is empty (there is nothing to print).
    """
    if not handouts:
        raise ValueError("no handouts to combine")
    first = handouts[0]
    buffer = io.BytesIO()
    doc = _template(buffer, f"Take-home notes — {first.group_name}, session {first.session_id}",
                    "Participant handouts for batch printing", first.clinic.name or "Facilitator", "en")
    story: list[Flowable] = []
    for index, data in enumerate(handouts):
        if index:
            story.append(PageBreak())
        story += handout_story(data, doc, zone=zone)
    return doc.render(story)
