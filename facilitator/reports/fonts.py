"""The embedded Unicode font every document uses (DejaVu Sans, shipped in ``resources/fonts``).

ReportLab's built-in Helvetica is neither embedded nor able to print Greek, Cyrillic, Vietnamese or
Polish names; every style, table and drawing names these fonts instead, and the document templates
pass ``initialFontName`` so not even the page's opening text state mentions Helvetica.
"""

from __future__ import annotations

import threading

from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from facilitator import paths

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf",
         BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}

_lock = threading.Lock()
_registered = False


def register() -> None:
    """Register the fonts once per process (documents may be built on a worker thread)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", filename))))
        # <b> and <i> in paragraphs (of any face of the family) pick the matching face.
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        _registered = True


def drawing(width: float, height: float) -> Drawing:
    """A ReportLab graphics drawing whose opening state names the embedded font, not Helvetica."""
    register()
    canvas = Drawing(width, height)
    canvas.initialFontName = REGULAR
    canvas.initialFontSize = 8
    return canvas


def register_fonts() -> tuple[str, str]:
    """Register the fonts and return the (regular, bold) names (the stock documents' way of asking)."""
    register()
    return REGULAR, BOLD
