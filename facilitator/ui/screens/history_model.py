"""The History list's table model: pages of past sessions appended as they arrive."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from facilitator.services.history import HistoryRow
from facilitator.ui import format as fmt

COLUMNS = ("Date", "Group", "Protocol", "Attendance", "Notes", "Status")
STATUS_LABELS = {"finished": "Finished", "cancelled": "Cancelled", "planned": "Not held", "running": "Running"}

Index = QModelIndex | QPersistentModelIndex


def notes_label(row: HistoryRow) -> str:
    if not row.notes:
        return "None"
    if row.unsigned_notes:
        return f"{row.unsigned_notes} of {row.notes} unsigned"
    return f"{row.notes} signed"


class HistoryModel(QAbstractTableModel):
    """Rows of :class:`HistoryRow`; the session id is under ``Qt.UserRole`` of every cell."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.rows: list[HistoryRow] = []
        self.now = now
        self.participant = False  # a participant filter shows that person's attendance instead

    def reset(self, now: datetime, participant: bool) -> None:
        self.beginResetModel()
        self.rows, self.now, self.participant = [], now, participant
        self.endResetModel()

    def append(self, rows: Sequence[HistoryRow]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return f"{fmt.day_label(row.scheduled_start, self.now)}, {fmt.time_of_day(row.scheduled_start)}"
        if column == 1:
            return row.group_name
        if column == 2:
            return row.protocol_name
        if column == 3:
            if self.participant:
                return (row.participant_status or "—").replace("_", " ").capitalize()
            return f"{row.present} of {row.expected}" if row.expected else "—"
        if column == 4:
            return notes_label(row)
        return STATUS_LABELS.get(row.status, row.status.capitalize())
