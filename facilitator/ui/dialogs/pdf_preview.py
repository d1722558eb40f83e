"""A PDF preview window: the shared viewer (page navigation, zoom, Print, Save as…) in a dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from facilitator.ui.widgets.pdf_view import NO_PRINTER, PdfViewer, print_pdf

__all__ = ["NO_PRINTER", "PdfPreviewDialog", "QPrinterInfo", "print_pdf"]


class PdfPreviewDialog(QDialog):
    """Shows one PDF file; the file stays where it is (the caller owns its folder)."""

    def __init__(self, path: Path, title: str, suggested_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self.viewer = PdfViewer(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer)
        self.viewer.load(path, suggested_name)
        # The viewer's parts under the names callers and tests have used.
        self.path, self.suggested_name = path, suggested_name
        self.document, self.view = self.viewer.document, self.viewer.view
        self.page_label, self.status = self.viewer.page_label, self.viewer.status
        self.save_button, self.print_button = self.viewer.save_button, self.viewer.print_button

    def closeEvent(self, event: QCloseEvent) -> None:
        # Let go of the file before anyone removes the temporary folder, and of the dialog itself:
        # a QPdfDocument outliving its file (or its window) has crashed the process at exit.
        self.viewer.clear()
        self.deleteLater()
        super().closeEvent(event)

    def go(self, page: int) -> None:
        self.viewer.go(page)

    def zoom(self, factor: float) -> None:
        self.viewer.zoom(factor)

    def say(self, text: str) -> None:
        self.viewer.say(text)

    def save_as(self) -> None:
        self.viewer.save_as()

    def save_to(self, target: Path) -> None:
        self.viewer.save_to(target)

    def print_document(self) -> None:
        self.viewer.print_document()
