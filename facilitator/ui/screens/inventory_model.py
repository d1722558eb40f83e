"""The Inventory screen's tables: lots with their balance, and the sessions that used stock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from facilitator.services.inventory import LotRow, StockSessionRow
from facilitator.ui import format as fmt
from facilitator.ui.models.rows_table import Index, RowsTableModel
from facilitator.ui.theme import current_theme

# A lot expiring within this many days is marked, so it is used (or destroyed) first.
EXPIRING_DAYS = 60
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "expired" / "expiring" / "" for the expiry column

COL_MEDICATION, COL_FORM, COL_LOT, COL_EXPIRY, COL_BALANCE, COL_ACTIVITY = range(6)
HEADERS = ("Medication", "Form and strength", "Lot", "Expiry", "On hand", "Last activity")


def number(value: Decimal) -> str:
    """"12", "11.5": a quantity without trailing zeros."""
    return format(value.normalize(), "f") if value else "0"


def units(value: Decimal, unit: str) -> str:
    """"11.5 tablets", "1 tablet", "4.5 mL"."""
    if unit == "tablet":
        return f"{number(value)} tablet" + ("" if value == 1 else "s")
    return f"{number(value)} {unit}"


def strength(lot: LotRow) -> str:
    per = f"{number(lot.strength_mg)} mg" + ("/mL" if lot.unit == "mL" else "")
    return f"{per} {lot.form}"


def expiry_state(expiry: date, today: date) -> str:
    if expiry < today:
        return "expired"
    if expiry <= today + timedelta(days=EXPIRING_DAYS):
        return "expiring"
    return ""


class LotsTableModel(RowsTableModel):
    """Lots as :class:`LotRow` with the time of their latest entry; ``today`` decides expiry marks."""

    headers = HEADERS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[LotRow] = []
        self.activity: dict[int, datetime] = {}
        self.today = date.today()
        self.now: datetime | None = None

    def set_rows(self, rows: list[LotRow], activity: dict[int, datetime], now: datetime) -> None:
        self.beginResetModel()
        self.rows, self.activity, self.now = list(rows), dict(activity), now
        self.today = fmt.local(now).date()
        self.endResetModel()

    def lot_at(self, row: int) -> LotRow:
        return self.rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        lot, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(lot, column)
        if role == SORT_ROLE:
            return self._sort_key(lot, column)
        if role == STATE_ROLE and column == COL_EXPIRY:
            return expiry_state(lot.expiry, self.today)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_BALANCE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_EXPIRY:
            state = expiry_state(lot.expiry, self.today)
            if state:
                theme = current_theme()
                return QColor(theme.danger if state == "expired" else theme.warning)
        return None

    def _text(self, lot: LotRow, column: int) -> str:
        if column == COL_MEDICATION:
            return lot.medication.capitalize()
        if column == COL_FORM:
            return strength(lot)
        if column == COL_LOT:
            return lot.lot_number
        if column == COL_EXPIRY:
            state = expiry_state(lot.expiry, self.today)
            words = {"expired": " · expired", "expiring": " · expires soon"}.get(state, "")
            return lot.expiry.isoformat() + words
        if column == COL_BALANCE:
            return units(lot.balance, lot.unit)
        last = self.activity.get(lot.id)
        if last is None or self.now is None:
            return "—"
        return f"{fmt.day_label(last, self.now)}, {fmt.time_of_day(last)}"

    def _sort_key(self, lot: LotRow, column: int) -> Any:
        if column == COL_EXPIRY:
            return lot.expiry.isoformat()
        if column == COL_BALANCE:
            return float(lot.balance)
        if column == COL_ACTIVITY:
            last = self.activity.get(lot.id)
            return last.timestamp() if last else 0.0
        return self._text(lot, column).casefold()


def lots_proxy(model: LotsTableModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy


SCOL_WHEN, SCOL_TITLE, SCOL_DOSES, SCOL_STATUS = range(4)
SESSION_HEADERS = ("Session", "Title", "Doses", "Reconciliation")
STATUS_TEXT = {"open": "Not reconciled yet", "signed": "Signed, balanced", "flagged": "Signed with a discrepancy"}


class StockSessionsTableModel(RowsTableModel):
    """Sessions that used stock (the ones still to reconcile first)."""

    headers = SESSION_HEADERS

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[StockSessionRow] = []
        self.now: datetime | None = None

    def set_rows(self, rows: list[StockSessionRow], now: datetime) -> None:
        self.beginResetModel()
        self.rows, self.now = list(rows), now
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row, column = self.rows[index.row()], index.column()
        if column == SCOL_WHEN:
            now = self.now or row.scheduled_start
            return f"{fmt.day_label(row.scheduled_start, now)}, {fmt.time_of_day(row.scheduled_start)}"
        if column == SCOL_TITLE:
            return row.title
        if column == SCOL_DOSES:
            return str(row.doses)
        return STATUS_TEXT.get(row.status, row.status)
