"""An import's problems as a Qt table: row, column, what is wrong (errors first, then warnings)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from facilitator.domain.participant_rules import LABELS
from facilitator.services.participant_import import CsvProblem
from facilitator.ui import theme as theming

COL_ROW, COL_COLUMN, COL_PROBLEM = range(3)
HEADERS = ("Row", "Column", "What to fix")
Index = QModelIndex | QPersistentModelIndex


class ImportReportTableModel(QAbstractTableModel):
    """The problems of one import (row None = the file as a whole)."""

    def __init__(self, problems: Sequence[CsvProblem] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.problems: list[CsvProblem] = []
        self.set_problems(problems)

    def set_problems(self, problems: Sequence[CsvProblem]) -> None:
        self.beginResetModel()
        self.problems = sorted(problems, key=lambda p: (p.warning, p.row or 0))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        problem = self.problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_ROW:
                return "File" if problem.row is None else str(problem.row)
            if column == COL_COLUMN:
                return problem.column
            return ("Warning: " if problem.warning else "") + problem.message
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_COLUMN and problem.column in LABELS:
            return LABELS[problem.column]
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_PROBLEM:
            theme = theming.current_theme()
            return QColor(theme.warning if problem.warning else theme.danger)
        return None
