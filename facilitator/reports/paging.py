"""Page furniture for printed records: a running header, "Page X of Y" footers, metadata and bookmarks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from facilitator.reports.fonts import register_fonts


@dataclass(frozen=True)
class PageText:
    """What every page carries: the document's title and the clinic top right and left, who printed it below."""

    header_left: str
    header_right: str
    footer_left: str


def numbered_canvas(text: PageText) -> Callable[..., Canvas]:
    """A canvas class that knows the page count when it draws each footer (pages are drawn at the end)."""
    regular, _ = register_fonts()

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setFont(regular, 7.5)
            self.setFillGray(0.35)
            self.drawString(0.5 * inch, height - 0.38 * inch, text.header_left)
            self.drawRightString(width - 0.5 * inch, height - 0.38 * inch, text.header_right)
            self.drawString(0.5 * inch, 0.35 * inch, text.footer_left)
            self.drawRightString(width - 0.5 * inch, 0.35 * inch, f"Page {self._pageNumber} of {total}")
            self.setStrokeGray(0.7)
            self.setLineWidth(0.4)
            self.line(0.5 * inch, height - 0.45 * inch, width - 0.5 * inch, height - 0.45 * inch)
            self.line(0.5 * inch, 0.48 * inch, width - 0.5 * inch, 0.48 * inch)
            self.restoreState()

    return NumberedCanvas


def document(target: Path | IO[bytes], pagesize: tuple[float, float], *, title: str, subject: str,
             author: str) -> BaseDocTemplate:
    """A one-frame document with half-inch margins, metadata, and the embedded font from the first byte."""
    regular, _ = register_fonts()
    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target, pagesize=pagesize, title=title, subject=subject,
        author=author, creator="Facilitator", leftMargin=0.5 * inch, rightMargin=0.5 * inch,
        topMargin=0.6 * inch, bottomMargin=0.6 * inch, initialFontName=regular, initialFontSize=9,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return doc


class Bookmark(Flowable):  # type: ignore[misc]
    """An invisible mark: a bookmark in the PDF's outline at this point of the document."""

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
