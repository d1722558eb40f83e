"""Draw the app icon (a calm sage circle with the lotus glyph) as PNG sizes, .ico and .icns.

Run it once after changing the design; the results are committed under ``packaging/icons/`` so a
build never needs a display or a font renderer. Qt's own image writers make the .ico and .icns.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, QSize, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter, QPixmap  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SAGE = "#5b8a72"  # the light theme's accent
SAGE_RIM = "#4a7561"
PETAL = "#f4f2ee"  # the light theme's warm paper
ICONS_DIR = Path(__file__).resolve().parent / "icons"


def _lotus(size: int) -> QPixmap:
    import qtawesome as qta

    return qta.icon("ph.flower-lotus", color=PETAL).pixmap(QSize(size, size))


def render(size: int) -> QImage:
    """The icon at ``size`` pixels: a sage disc, a thin darker rim, the lotus centred on it."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    margin = max(0.5, size * 0.03)
    disc = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SAGE_RIM))
    painter.drawEllipse(disc)
    rim = max(0.5, size * 0.025)
    painter.setBrush(QColor(SAGE))
    painter.drawEllipse(disc.adjusted(rim, rim, -rim, -rim))
    # Small sizes need a bigger glyph to stay legible; large ones breathe more.
    glyph = round(size * (0.74 if size <= 32 else 0.64))
    offset = (size - glyph) / 2
    painter.drawPixmap(QRectF(offset, offset, glyph, glyph), _lotus(glyph * 2), QRectF(0, 0, glyph * 2, glyph * 2))
    painter.end()
    return image


def _write(image: QImage, path: Path, fmt: str) -> None:
    writer = QImageWriter(str(path), fmt.encode())
    if not writer.write(image):
        raise SystemExit(f"could not write {path}: {writer.errorString()}")


def _write_ico(path: Path) -> None:
    """A multi-size .ico (16–256 px) so Explorer's small views stay sharp.

    Pillow comes with ReportLab; Qt's own ico writer stores a single size only.
    """
    from PIL import Image

    drawn = [Image.open(ICONS_DIR / f"facilitator-{size}.png") for size in SIZES if size <= 256]
    # append_images keeps each hand-tuned small size instead of a downscaled 256 px image.
    drawn[-1].save(path, format="ICO", sizes=[im.size for im in drawn], append_images=drawn[:-1])


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    images = {size: render(size) for size in SIZES}
    for size, image in images.items():
        _write(image, ICONS_DIR / f"facilitator-{size}.png", "png")
    _write_ico(ICONS_DIR / "facilitator.ico")
    _write(images[512], ICONS_DIR / "facilitator.icns", "icns")
    del app
    for path in sorted(ICONS_DIR.iterdir()):
        print(path.name, path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
