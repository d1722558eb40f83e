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
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus.flowables import KeepTogether
from reportlab.platypus.tables import CellStyle

from facilitator import __version__
from facilitator.reports import fonts, style
from facilitator.reports.markup import text

_FOOTER_Y = style.MARGIN - 0.42 * inch
_HEADER_GAP = 0.32 * inch
_PAD = 3.5


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


class TextLine(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """One line of plain text in a paragraph style's font, size, colour and spacing, drawn directly.

    Headings, labels and one-line messages need no markup and no line breaking; drawing them as a
    string skips the paragraph parser, which a record would otherwise run hundreds of times.
    Text is drawn literally, so nothing needs escaping. Use :func:`line`, which falls back to a
    paragraph when the text does not fit on one line.
    """

    def __init__(self, value: str, paragraph_style: Any, font: str | None = None,
                 runs: Sequence[tuple[str, str, Any]] = ()) -> None:
        super().__init__()
        self.value = value
        self.font = font or paragraph_style.fontName
        self.runs = tuple(runs) or ((value, self.font, paragraph_style.textColor),)
        self.size = paragraph_style.fontSize
        self.leading = paragraph_style.leading
        self.colour = paragraph_style.textColor
        self.spaceBefore = paragraph_style.spaceBefore
        self.spaceAfter = paragraph_style.spaceAfter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.leading

    def draw(self) -> None:
        canv = self.canv
        # Where a paragraph puts its first baseline: one font size below the top, minus the leading gap.
        baseline, x = self.leading - self.size, 0.0
        for value, font, colour in self.runs:
            canv.setFont(font, self.size)
            canv.setFillColor(colour)
            canv.drawString(x, baseline, value)
            x += stringWidth(value, font, self.size)


def runs_line(runs: Sequence[tuple[str, str, Any]], paragraph_style: Any, *, width: float = 0) -> Flowable:
    """Plain-text runs (text, font, colour) on one line, or the same as a wrapping paragraph when too long."""
    room = width or (style.PAGE[0] - 2 * style.MARGIN)
    total = sum(stringWidth(value, font, paragraph_style.fontSize) for value, font, _ in runs)
    if total <= room - 2 and not any("\n" in value for value, _, _ in runs):
        return TextLine("".join(value for value, _, _ in runs), paragraph_style, runs=runs)
    markup = "".join(f"<font name='{font}' color='#{str(colour.hexval())[2:]}'>{text(value)}</font>"
                     if value.strip() else text(value) for value, font, colour in runs)
    return Paragraph(markup, paragraph_style)


def line(value: str, paragraph_style: Any, *, width: float = 0, font: str | None = None) -> Flowable:
    """``value`` (plain text) as a :class:`TextLine` when it fits ``width`` (default: the frame), else a paragraph."""
    room = width or (style.PAGE[0] - 2 * style.MARGIN)
    face = font or paragraph_style.fontName
    value = value.strip()
    if fits(value, room, face, paragraph_style.fontSize, padding=2):
        return TextLine(value, paragraph_style, face)
    markup = text(value)
    if face != paragraph_style.fontName:
        markup = f"<font name='{face}'>{markup}</font>"
    return Paragraph(markup, paragraph_style)


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


def cell(value: str, paragraph_style: Any) -> Paragraph:
    """A table cell of plain user text (escaped, wrapping)."""
    return Paragraph(text(value), paragraph_style)


def wrapped(value: str, width: float, font: str = fonts.REGULAR, size: float = 8.5,
            padding: float = 2 * (_PAD + 1)) -> str:
    """Plain text broken into lines that fit a column, as a multi-line table string.

    Table strings are drawn literally (no markup, so nothing to escape) and cost a fraction of a
    paragraph, which a table wraps again on every layout pass.
    """
    lines: list[str] = []
    for raw in value.strip().splitlines() or [""]:
        lines += simpleSplit(raw, font, size, width - padding) or [""]
    return "\n".join(lines)


def fits(value: str, width: float, font: str = fonts.REGULAR, size: float = 8.5, padding: float = 2 * (_PAD + 1)
         ) -> bool:
    """True when ``value`` fits on one line of a column ``width`` wide (``padding`` deducted)."""
    return "\n" not in value and stringWidth(value, font, size) <= width - padding


class CellDefaults(CellStyle):  # type: ignore[misc]  # ReportLab ships no types
    """What every cell of a record table starts with: the body font, ink, top-aligned, even padding."""

    fontname = fonts.REGULAR
    fontsize = 8.5
    leading = 10.2
    color = style.INK
    valign = "TOP"
    leftPadding = rightPadding = _PAD + 1
    topPadding = bottomPadding = _PAD


class HeaderCellDefaults(CellDefaults):
    fontname = fonts.BOLD
    fontsize = 8
    leading = 9.6
    color = style.ACCENT


def styled_table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float], *,
                 cell: type[CellStyle] = CellDefaults, header: type[CellStyle] | None = HeaderCellDefaults,
                 columns: Sequence[type[CellStyle]] | None = None, **table_args: Any) -> Table:
    """A table whose cells start from ``cell`` (or ``columns[j]``; its first row from ``header``).

    Defaults given to the cells directly cost nothing per build, where a style command would visit
    every cell of its range each time the table is laid out.
    """
    kinds = list(columns) if columns is not None else [cell] * len(widths)
    cells = [[(header if i == 0 and header is not None else kinds[j])(f"{i},{j}") for j in range(len(widths))]
             for i in range(len(rows))]
    return Table([list(r) for r in rows], colWidths=list(widths), cellStyles=cells, hAlign="LEFT", **table_args)


def data_table(header: Sequence[str], rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float],
               styles: style.Styles, extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A table whose header row repeats on every page it spans.

    Strings stay plain table strings (drawn literally, so nothing to escape), broken into lines where
    they are wider than their column; a flowable cell (a paragraph with formatting) is kept as it is.
    """
    head: list[Flowable | str] = [h if fits(h, w, fonts.BOLD, 8) else wrapped(h, w, fonts.BOLD, 8)
                                  for h, w in zip(header, widths, strict=True)]
    body = [[c if not isinstance(c, str) or fits(c, w) else wrapped(c, w)
             for c, w in zip(row, widths, strict=True)] for row in rows]
    table = styled_table([head, *body], widths, repeatRows=1)
    table_style = style.table_style()
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
