"""The embedded Unicode fonts of printed documents (DejaVu Sans, shipped in ``resources/fonts``).

ReportLab's Helvetica is not embedded and cannot print many names; documents use these faces and pass
``initialFontName`` to their templates so not even the page's opening text state names Helvetica.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from facilitator import paths

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()


def register_fonts() -> tuple[str, str]:
    """Register the fonts once per process (documents may be built on a worker thread).

    Returns:
        The (regular, bold) font names to use in styles.
    """
    with _lock:
        known = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in FILES.items():
            if name not in known:
                pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", filename))))
        # <b> in a paragraph picks the bold face.
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD
