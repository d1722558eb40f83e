"""An embeddable PDF viewer: page navigation, zoom, Save as… and Print (the system dialog)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.ui.icons import icon
from facilitator.ui.widgets.page import label

NO_PRINTER = "No printer is set up on this computer; save the PDF and print it from another one."


class PdfViewer(QWidget):
    """Shows one PDF file at a time; the file stays where it is (the caller owns its folder).

    Attributes:
        document: the loaded :class:`QPdfDocument` (empty until :meth:`load`).
        status: one line saying what Save or Print did.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.suggested_name = "document.pdf"
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(16)
        self.page_label = label("", "muted")
        self.status = label("", "muted", wrap=True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(8)
        for key, text, glyph, tip in (("prev", "", "up", "Previous page"), ("next", "", "down", "Next page"),
                                      ("out", "\u2212", "", "Zoom out"), ("in", "+", "", "Zoom in"),
                                      ("fit", "Fit width", "", "Fit the page to the width")):
            button = QPushButton(text)
            if glyph:
                button.setIcon(icon(glyph))
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            self.buttons[key] = button
            row.addWidget(button)
        row.addSpacing(8)
        row.addWidget(self.page_label)
        row.addStretch(1)
        self.save_button = QPushButton("Save as…")
        self.print_button = QPushButton("Print…")
        self.print_button.setProperty("kind", "primary")
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        nav = self.view.pageNavigator()
        self.buttons["prev"].clicked.connect(lambda: self.go(nav.currentPage() - 1))
        self.buttons["next"].clicked.connect(lambda: self.go(nav.currentPage() + 1))
        self.buttons["out"].clicked.connect(lambda: self.zoom(1 / 1.25))
        self.buttons["in"].clicked.connect(lambda: self.zoom(1.25))
        self.buttons["fit"].clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        nav.currentPageChanged.connect(self._show_page)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_document)
        self.status.hide()
        self._enable(False)

    def load(self, path: Path, suggested_name: str | None = None) -> None:
        """Show ``path`` from its first page, fitted to the width."""
        self.path = path
        self.suggested_name = suggested_name or path.name
        self.document.load(str(path))
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status.hide()
        self._enable(self.document.pageCount() > 0)
        self._show_page(0)

    def clear(self) -> None:
        self.document.close()
        self.path = None
        self.status.hide()
        self._enable(False)
        self.page_label.setText("")

    def _enable(self, on: bool) -> None:
        for button in (*self.buttons.values(), self.save_button, self.print_button):
            button.setEnabled(on)

    def go(self, page: int) -> None:
        if 0 <= page < self.document.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, self.view.zoomFactor() * factor)))

    def _show_page(self, page: int) -> None:
        if self.document.pageCount():
            self.page_label.setText(f"Page {page + 1} of {self.document.pageCount()}")

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def save_as(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self, "Save the PDF", self.suggested_name, "PDF files (*.pdf)")
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        if self.path is None:
            return
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            self.say(f"The PDF could not be saved ({exc.strerror or exc}).")
            return
        self.say(f"Saved as {target.name}.")

    def print_document(self) -> None:
        if not QPrinterInfo.availablePrinters():
            self.say(NO_PRINTER)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.say(print_pdf(self.document, printer))


def print_pdf(document: QPdfDocument, printer: QPrinter) -> str:
    """Render each page to the printer; returns one sentence saying what happened."""
    painter = QPainter()
    if not painter.begin(printer):
        return "The printer could not be opened; check that it is on and try again."
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size = document.pagePointSize(page)
            landscape = size.width() > size.height()
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                                       else QPageLayout.Orientation.Portrait)
            area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            image = document.render(page, (size * dpi / 72).toSize())
            scaled = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(0, 0, scaled)
    finally:
        painter.end()
    return f"Sent {document.pageCount()} page(s) to the printer."
