"""Page templates: the record's running header and "Page X of Y" footer, the handout's calm frame, bookmarks.

"Page X of Y" needs the page count before the first page is finished. Rather than building the
document twice, :class:`NumberedCanvas` keeps each finished page's state and stamps the numbers
when the document is saved.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus.flowables import KeepTogether

from facilitator import __version__
from facilitator.reports import fonts, style
from facilitator.reports.markup import text

_FOOTER_Y = style.MARGIN - 0.42 * inch
_HEADER_GAP = 0.32 * inch
_PAD = 3.5


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab ships no types
    """A canvas that writes "Page X of Y" at the bottom right of every page when it is saved."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_states: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for number, state in enumerate(self._page_states, start=1):
            self.__dict__.update(state)
            width = self._pagesize[0]
            self.setFont(fonts.REGULAR, 8)
            self.setFillColor(style.MUTED)
            self.drawRightString(width - style.MARGIN, _FOOTER_Y, f"Page {number} of {total}")
            Canvas.showPage(self)
        Canvas.save(self)


@dataclass(frozen=True)
class Running:
    """What the record prints around every page."""

    header_left: str  # the clinic
    header_right: str  # the document's identity: kind, subject, date, id
    footer_left: str  # confidentiality and who printed it when


def heading(markup: str, paragraph_style: Any, outline: str, level: int = 0) -> Paragraph:
    """A heading that also becomes a bookmark (``outline``: its plain title; ``level``: its depth)."""
    p = Paragraph(markup, paragraph_style)
    p.outline = (outline, level)
    return p


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
        width, height = style.PAGE
        top = height - style.MARGIN + 0.05 * inch
        canv.saveState()
        if doc.page == 1:
            canv.showOutline()
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
        self.build(story, canvasmaker=NumberedCanvas)
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


def cell(value: str, paragraph_style: Any) -> Paragraph:
    """A table cell of plain user text (escaped, wrapping)."""
    return Paragraph(text(value), paragraph_style)


def fits(value: str, width: float, font: str = fonts.REGULAR, size: float = 8.5) -> bool:
    """True when ``value`` fits on one line of a column ``width`` wide (its padding deducted)."""
    return "\n" not in value and stringWidth(value, font, size) <= width - 2 * (_PAD + 1)


def data_table(header: Sequence[str], rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float],
               styles: style.Styles, extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A table whose header row repeats on every page it spans.

    A string that fits its column stays a plain table string (drawn literally, so nothing to escape,
    and several times cheaper than a paragraph); a longer one becomes an escaped, wrapping paragraph.
    """
    head: list[Flowable | str] = [h if fits(h, w, fonts.BOLD, 8) else Paragraph(text(h), styles.cell_head)
                                  for h, w in zip(header, widths, strict=True)]
    body = [[c if not isinstance(c, str) or fits(c, w) else cell(c, styles.cell)
             for c, w in zip(row, widths, strict=True)] for row in rows]
    table = Table([head, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table_style = style.table_style(padding=_PAD)
    table_style.add("FONT", (0, 0), (-1, 0), fonts.BOLD, 8)
    table_style.add("TEXTCOLOR", (0, 0), (-1, 0), style.ACCENT)
    for command in extra:
        table_style.add(*command)
    table.setStyle(table_style)
    return table


def section(markup: str, paragraph_style: Any, outline: str, level: int = 0, *, room: float = 1.1 * inch
            ) -> list[Flowable]:
    """A heading that starts a new page when less than ``room`` is left, so it never ends a page alone."""
    return [CondPageBreak(room), heading(markup, paragraph_style, outline, level)]


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))
