"""Single lines of plain text drawn directly: headings, labels, signature lines, one-line messages.

They need no markup and no line breaking; drawing them as strings skips the paragraph parser,
which a record would otherwise run hundreds of times. Text is drawn literally, so nothing needs
escaping. :func:`line` and :func:`runs_line` fall back to a wrapping paragraph when the text is
longer than the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from facilitator.reports import style
from facilitator.reports.markup import text
from facilitator.reports.tables import fits


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
