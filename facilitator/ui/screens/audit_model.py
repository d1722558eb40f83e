"""The audit trail as a Qt table model over AuditRow dataclasses (fetched a page at a time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from facilitator.services.audit import AuditRow
from facilitator.ui import format as fmt
from facilitator.ui.models.rows_table import Index, RowsTableModel

COL_TIME, COL_USER, COL_ACTION, COL_RECORD, COL_DETAIL = range(5)
HEADERS = ("Time", "User", "Action", "Record", "Detail")


class AuditTableModel(RowsTableModel):
    """Rows newest first; ``append_rows`` adds the next page below."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: list[AuditRow]) -> None:
        if not rows:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == COL_TIME:
            local = fmt.local(row.at)
            return local.strftime("%Y-%m-%d %H:%M:%S")
        if column == COL_USER:
            return row.username or "—"
        if column == COL_ACTION:
            return row.action.replace("_", " ")
        if column == COL_RECORD:
            return f"{row.entity_type.replace('_', ' ')} {row.entity_id}".strip() or "—"
        return row.detail
