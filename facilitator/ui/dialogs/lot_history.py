"""A lot's history: every entry with the balance after it; a selected entry can be corrected."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout

from facilitator.services.inventory import LogLine, LotLog, lot_history
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.models.rows_table import Index, RowsTableModel
from facilitator.ui.screens.inventory_model import number, units
from facilitator.ui.widgets.page import label

COL_NO, COL_WHEN, COL_KIND, COL_CHANGE, COL_BALANCE, COL_WHO, COL_WITNESS, COL_DETAIL = range(8)
HEADERS = ("#", "When", "Entry", "Change", "Balance", "Recorded by", "Witness", "Detail")
KINDS = {"receive": "Received", "dispense": "Dispensed", "waste": "Wasted", "count": "Count",
         "correction": "Correction"}


def entry_text(line: LogLine, unit: str) -> str:
    """"#12 Dispensed 2.5 tablets, 12 Mar 16:02": how a correction names the entry it fixes."""
    return f"#{line.entry_id} {KINDS.get(line.kind, line.kind)} {units(abs(line.quantity), unit)}, " \
           f"{fmt.local(line.at).strftime('%Y-%m-%d %H:%M')}"


class LotHistoryTableModel(RowsTableModel):

    headers = HEADERS
    def __init__(self, log: LotLog) -> None:
        super().__init__()
        self.log = log
        self.rows = list(reversed(log.lines))  # newest first

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        line, unit = self.rows[index.row()], self.log.lot.unit
        return (
            f"#{line.entry_id}",
            fmt.local(line.at).strftime("%Y-%m-%d %H:%M"),
            KINDS.get(line.kind, line.kind),
            f"found {units(line.quantity, unit)}" if line.kind == "count" else
            ("+" if line.change > 0 else "−" if line.change < 0 else "") + number(abs(line.change)),
            number(line.balance),
            line.recorded_by,
            line.witness + (" (signs on paper)" if line.witness_signs else ""),
            self._detail(line, unit),
        )[index.column()]

    @staticmethod
    def _detail(line: LogLine, unit: str) -> str:
        parts = []
        if line.dose_id:
            parts.append(f"dose in session {line.session_id}")
        if line.difference:
            parts.append(f"differs from the log by {'+' if line.difference > 0 else '−'}"
                         f"{units(abs(line.difference), unit)}")
        if line.corrects_id:
            parts.append(f"corrects #{line.corrects_id}")
        if line.reason:
            parts.append(line.reason)
        return "; ".join(parts)


class LotHistoryDialog(QDialog):
    """The lot's log, newest first; :attr:`correct_button` is wired by the screen to correct the selected entry."""

    def __init__(self, ctx: AppContext, lot_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Lot history")
        self.resize(1100, 620)
        self.log = ctx.store.run(lot_history, lot_id, clock=ctx.clock)
        self.model = LotHistoryTableModel(self.log)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        lot = self.log.lot
        summary = label(f"{lot.label} · received {units(lot.received, lot.unit)} · on hand "
                        f"{units(lot.balance, lot.unit)}", "muted", wrap=True)
        self.correct_button = QPushButton("Correct the selected entry…")
        self.correct_button.setEnabled(False)  # the screen connects it
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.correct_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(label(lot.label, "section"))
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def selected_entry(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].entry_id if rows else None
