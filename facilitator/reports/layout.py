"""Page templates: the record's running header and "Page X of Y" footer, the handout's calm frame, bookmarks.

"Page X of Y" needs the page count before the first page is finished. Rather than building the
document twice, each page places a form that :class:`TotalPagesCanvas` fills with the count when the
document is saved; the running header and footer are one form too, drawn once and placed per page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph

from facilitator import __version__
from facilitator.reports import fonts, style
from facilitator.reports.lines import line
from facilitator.reports.markup import text

_FOOTER_Y = style.MARGIN - 0.42 * inch
_HEADER_GAP = 0.32 * inch


_TOTAL_FORM = "pageTotal"
_RUNNING_FORM = "running"


class TotalPagesCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no types
    """A canvas that knows the page count at the end: every page refers to a "total" form drawn on saving.

    The page count is unknown while pages are written; each page draws "Page N of " and places the
    form, whose content (the number) is written once when the document is saved. One pass, no replay.
    """

    def save(self) -> None:
        self.beginForm(_TOTAL_FORM)
        self.setFont(fonts.REGULAR, 8)
        self.setFillColor(style.MUTED)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


@dataclass(frozen=True)
class Running:
    """What the record prints around every page."""

    header_left: str  # the clinic
    header_right: str  # the document's identity: kind, subject, date, id
    footer_left: str  # confidentiality and who printed it when


def heading(markup: str, paragraph_style: Any, outline: str, level: int = 0) -> Flowable:
    """A heading that also becomes a bookmark (``outline``: its plain title; ``level``: its depth)."""
    flowable = line(outline, paragraph_style) if markup == text(outline) else Paragraph(markup, paragraph_style)
    flowable.outline = (outline, level)
    return flowable


class _Bookmarking(BaseDocTemplate):  # type: ignore[misc]  # ReportLab ships no types
    """Turns headings made by :func:`heading` into PDF bookmarks as they are placed."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (ReportLab's name)
        outline = getattr(flowable, "outline", None)
        if outline is None:
            return
        title, level = outline
        self._bookmarks = getattr(self, "_bookmarks", 0) + 1
        key = f"b{self._bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


class RecordTemplate(_Bookmarking):
    """A clinical document: running header with the record's identity, confidentiality and page numbers."""

    def __init__(self, buffer: io.BytesIO, running: Running, *, title: str, subject: str, author: str) -> None:
        super().__init__(
            buffer, pagesize=style.PAGE, leftMargin=style.MARGIN, rightMargin=style.MARGIN,
            topMargin=style.MARGIN + 0.2 * inch, bottomMargin=style.MARGIN, title=title, subject=subject,
            author=author, creator=f"Facilitator {__version__}", initialFontName=fonts.REGULAR, initialFontSize=9.5,
            lang="en-US",
        )
        self.running = running
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="record", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The running header and footer, drawn once as a form that every page places (text costs per draw)."""
        if doc.page == 1:
            canv.showOutline()
            canv.beginForm(_RUNNING_FORM)
            self._running(canv)
            canv.endForm()
        canv.doForm(_RUNNING_FORM)
        prefix = f"Page {doc.page} of "
        canv.saveState()
        canv.setFont(fonts.REGULAR, 8)
        canv.setFillColor(style.MUTED)
        # The total is a form drawn at the end; the prefix ends where a two-digit total would start.
        x = style.PAGE[0] - style.MARGIN - stringWidth("00", fonts.REGULAR, 8)
        canv.drawRightString(x, _FOOTER_Y, prefix)
        canv.translate(x, _FOOTER_Y)
        canv.doForm(_TOTAL_FORM)
        canv.restoreState()

    def _running(self, canv: Canvas) -> None:
        width, height = style.PAGE
        top = height - style.MARGIN + 0.05 * inch
        canv.saveState()
        canv.setFont(fonts.BOLD, 8.5)
        canv.setFillColor(style.ACCENT)
        canv.drawString(style.MARGIN, top, self.running.header_left)
        canv.setFont(fonts.REGULAR, 8.5)
        canv.setFillColor(style.MUTED)
        canv.drawRightString(width - style.MARGIN, top, self.running.header_right)
        canv.setStrokeColor(style.RULE)
        canv.setLineWidth(0.6)
        canv.line(style.MARGIN, top - 6, width - style.MARGIN, top - 6)
        canv.line(style.MARGIN, _FOOTER_Y + 11, width - style.MARGIN, _FOOTER_Y + 11)
        canv.setFont(fonts.REGULAR, 8)
        canv.drawString(style.MARGIN, _FOOTER_Y, self.running.footer_left)
        canv.restoreState()

    def render(self, story: list[Flowable]) -> bytes:
        self.build(story, canvasmaker=TotalPagesCanvas)
        buffer: io.BytesIO = self.filename
        return buffer.getvalue()


class HandoutTemplate(_Bookmarking):
    """A participant-facing page: wide margins, the clinic above, a support line below."""

    def __init__(self, buffer: io.BytesIO, *, title: str, subject: str, author: str, header: str,
                 footer: str, lang: str = "en-US") -> None:
        margin = style.HANDOUT_MARGIN
        super().__init__(
            buffer, pagesize=style.PAGE, leftMargin=margin, rightMargin=margin, topMargin=margin,
            bottomMargin=margin, title=title, subject=subject, author=author, creator=f"Facilitator {__version__}",
            initialFontName=fonts.REGULAR, initialFontSize=12.5, lang=lang,
        )
        self.header, self.footer = header, footer
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        # Drawn when the page ends: a combined file switches the footer's language where a handout begins.
        self.addPageTemplates([PageTemplate(id="handout", frames=[frame], onPageEnd=self._decorate)])

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = style.PAGE
        margin = style.HANDOUT_MARGIN
        canv.saveState()
        canv.setFont(fonts.BOLD, 10)
        canv.setFillColor(style.ACCENT)
        canv.drawString(margin, height - margin + _HEADER_GAP, self.header)
        canv.setStrokeColor(style.RULE)
        canv.setLineWidth(0.6)
        canv.line(margin, margin - 0.3 * inch, width - margin, margin - 0.3 * inch)
        canv.setFont(fonts.REGULAR, 9.5)
        canv.setFillColor(style.MUTED)
        canv.drawCentredString(width / 2, margin - 0.5 * inch, self.footer)
        canv.restoreState()

    def render(self, story: list[Flowable]) -> bytes:
        self.build(story)
        buffer: io.BytesIO = self.filename
        return buffer.getvalue()


def section(markup: str, paragraph_style: Any, outline: str, level: int = 0, *, room: float = 1.1 * inch
            ) -> list[Flowable]:
    """A heading that starts a new page when less than ``room`` is left, so it never ends a page alone."""
    return [CondPageBreak(room), heading(markup, paragraph_style, outline, level)]
