"""The participants import dialog: progress while the file is checked, then the per-row report."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.participant_import import ImportReport
from facilitator.ui.models.import_report_table import COL_COLUMN, COL_PROBLEM, COL_ROW, ImportReportTableModel
from facilitator.ui.widgets.fields import plain_buttons
from facilitator.ui.widgets.page import label


class ImportDialog(QDialog):
    """Shows an import running and then what it found; the window title never names a file or a person."""

    def __init__(self, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import participants")
        self.setMinimumSize(760, 420)
        self.file_label = label(f"Reading {file_name}", "muted")
        self.summary = label("Checking every row before anything is added\u2026", "section", wrap=True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.model = ImportReportTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ROW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROBLEM, QHeaderView.ResizeMode.Stretch)
        self.table.hide()
        self.hint = label("Fix these in the file and import it again: nothing was added.", "muted", wrap=True)
        self.hint.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        plain_buttons(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

    def show_progress(self, fraction: float, message: str) -> None:
        if fraction >= 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(fraction * 1000))
        if message:
            self.summary.setText(f"{message}\u2026")

    def show_report(self, report: ImportReport) -> None:
        self.progress.hide()
        self.summary.setText(report.summary())
        self.summary.setProperty("role", "section" if report.ok else "dangerTitle")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.model.set_problems(report.problems)
        self.table.setVisible(bool(report.problems))
        self.table.resizeRowsToContents()
        self.hint.setVisible(not report.ok)
        self.buttons.setEnabled(True)

    def show_failure(self, sentence: str) -> None:
        self.progress.hide()
        self.summary.setText(sentence)
        self.summary.setProperty("role", "dangerTitle")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)
        self.hint.setText("Nothing was added.")
        self.hint.show()
        self.buttons.setEnabled(True)
