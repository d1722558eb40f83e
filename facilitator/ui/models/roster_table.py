"""The roster as a Qt table: one row per participant, sorted in Python, filtered as you type.

Filtering 5,000 rows must take a few milliseconds a keystroke, so the work a keystroke causes is
kept out of Qt's per-row callbacks: each row's search text is prepared once when rows arrive, a
keystroke computes the accepted rows in one Python pass, and the proxy's per-row callback only
looks the answer up. Sorting reorders the source rows in Python (one ``sorted``) rather than asking
Qt to compare rows through Python thousands of times.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from facilitator.domain.participant_rules import search_key
from facilitator.services.roster import RosterRow
from facilitator.ui import theme as theming

COL_NAME, COL_PREFERRED, COL_PRONOUNS, COL_AGE, COL_GROUPS, COL_STATUS, COL_LAST, COL_FLAGS = range(8)
HEADERS = ("Name", "Preferred name", "Pronouns", "Age", "Groups", "Status", "Last session", "Screening flags")
COLUMN_COUNT = len(HEADERS)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_LABELS = {"active": "Active", "inactive": "Inactive", "discharged": "Discharged", "archived": "Archived"}
# The status filter's choices: what the combo box says, and the statuses it shows (None: all).
STATUS_FILTERS: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("Everyone but archived", frozenset({"active", "inactive", "discharged"})),
    ("Active", frozenset({"active"})),
    ("Inactive", frozenset({"inactive"})),
    ("Discharged", frozenset({"discharged"})),
    ("Archived", frozenset({"archived"})),
    ("Everyone", None),
)

Index = QModelIndex | QPersistentModelIndex
_NEW_FILTER_API = hasattr(QSortFilterProxyModel, "beginFilterChange")


@lru_cache(maxsize=4096)
def short_date(moment: datetime | None) -> str:
    """"12 Mar 2026" in local time ("" for None); cached, as thousands of rows share a few hundred dates."""
    if moment is None:
        return ""
    day = moment.astimezone().date()
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def _fold(text: str) -> str:
    """Sort text: case and accents ignored, so "Bélanger" sorts with "Belanger", before "Brandt"."""
    return search_key(text)


def _sort_keys() -> dict[int, Callable[[RosterRow], tuple[Any, ...]]]:
    """Per column: a key whose first element says the value is missing (missing values sort last either way)."""
    return {
        COL_NAME: lambda r: (False, _fold(r.last_name), _fold(r.first_name), r.id),
        COL_PREFERRED: lambda r: (not r.preferred_name, _fold(r.preferred_name), _fold(r.last_name)),
        COL_PRONOUNS: lambda r: (not r.pronouns, r.pronouns.casefold(), _fold(r.last_name)),
        COL_AGE: lambda r: (r.age is None, r.age or 0, _fold(r.last_name)),
        COL_GROUPS: lambda r: (not r.groups, _fold(", ".join(r.groups)), _fold(r.last_name)),
        COL_STATUS: lambda r: (False, list(STATUS_LABELS).index(r.status) if r.status in STATUS_LABELS else 9,
                               _fold(r.last_name)),
        COL_LAST: lambda r: (r.last_session is None, r.last_session.timestamp() if r.last_session else 0.0),
        COL_FLAGS: lambda r: (not r.flags, -len(r.flags), ", ".join(r.flags), _fold(r.last_name)),
    }


class RosterTableModel(QAbstractTableModel):
    """Rows of :class:`~facilitator.services.roster.RosterRow`, with their texts prepared once.

    Attributes:
        keys: each row's search text (names and groups, case and accents folded), by row.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RosterRow] = []
        self.keys: list[str] = []
        self._texts: list[tuple[str, ...]] = []
        self.sort_column, self.sort_order = COL_NAME, Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[RosterRow]) -> None:
        """Replace every row (kept in the current sort order)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.keys = [search_key(r.first_name, r.last_name, r.preferred_name, *r.groups) for r in self.rows]
        self._texts = [self._row_texts(r) for r in self.rows]
        self._reorder(self._order())
        self.endResetModel()

    @staticmethod
    def _row_texts(r: RosterRow) -> tuple[str, ...]:
        return (
            r.sort_name, r.preferred_name, r.pronouns, "" if r.age is None else str(r.age), ", ".join(r.groups),
            STATUS_LABELS.get(r.status, r.status), short_date(r.last_session), ", ".join(r.flags),
        )

    def _order(self) -> list[int]:
        """Row positions in the current sort order; rows missing the value come last in either direction."""
        key = _sort_keys()[self.sort_column]
        keys = [key(r) for r in self.rows]
        present = [i for i, k in enumerate(keys) if not k[0]]
        missing = [i for i, k in enumerate(keys) if k[0]]
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        present.sort(key=keys.__getitem__, reverse=descending)
        missing.sort(key=keys.__getitem__)
        return present + missing

    def _reorder(self, order: list[int]) -> None:
        self.rows = [self.rows[i] for i in order]
        self.keys = [self.keys[i] for i in order]
        self._texts = [self._texts[i] for i in order]

    def row_at(self, row: int) -> RosterRow:
        return self.rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == ID_ROLE:
            return self.rows[row].id
        if role == ROW_ROLE:
            return self.rows[row]
        if role == Qt.ItemDataRole.ForegroundRole:
            theme = theming.current_theme()
            if column == COL_FLAGS:
                return QColor(theme.warning)
            if self.rows[row].status != "active" and column in (COL_STATUS, COL_LAST):
                return QColor(theme.muted)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column`` (ties by last name), keeping persistent indexes right."""
        if not 0 <= column < len(HEADERS):
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        order_ = self._order()
        moved = {old: new for new, old in enumerate(order_)}
        self._reorder(order_)
        for persistent in self.persistentIndexList():
            if persistent.isValid():
                self.changePersistentIndex(persistent, self.index(moved[persistent.row()], persistent.column()))
        self.layoutChanged.emit()


class RosterFilterProxyModel(QSortFilterProxyModel):
    """Filters the roster by typed text (every word must match a name or group) and by status.

    Sorting is passed on to the source model (see the module's note on speed).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._statuses: frozenset[str] | None = STATUS_FILTERS[0][1]
        self._accepted: list[bool] = []
        self._source = RosterTableModel()
        self._mask: list[bool] = []
        self._mask_for: tuple[frozenset[str] | None] | None = None  # what the mask was made for

    def roster(self) -> RosterTableModel:
        model = self.sourceModel()
        assert isinstance(model, RosterTableModel)
        return model

    def setSourceModel(self, model: Any) -> None:  # noqa: N802 - Qt's name
        # Recompute before Qt asks about rows again: after a reset, and while a sort reorders the rows.
        model.modelReset.connect(self._source_changed)
        model.layoutChanged.connect(self._source_changed)
        model.rowsInserted.connect(self._source_changed)
        model.rowsRemoved.connect(self._source_changed)
        self._source = model
        self._recompute()
        super().setSourceModel(model)

    def set_text(self, text: str) -> None:
        """Show the rows whose names or groups contain every word of ``text`` (case and accents ignored)."""
        words = search_key(text).split()
        if words != self._words:
            self._refilter(lambda: setattr(self, "_words", words))

    def set_statuses(self, statuses: frozenset[str] | None) -> None:
        """Show only these statuses (None: every status)."""
        if statuses != self._statuses:
            self._refilter(lambda: setattr(self, "_statuses", statuses))

    def _refilter(self, change: Callable[[], None]) -> None:
        if _NEW_FILTER_API:
            self.beginFilterChange()
            change()
            self._recompute()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.10
            change()
            self._recompute()
            self.invalidateRowsFilter()

    def _source_changed(self, *_args: object) -> None:
        self._mask_for = None
        self._recompute()

    def _recompute(self) -> None:
        rows, keys = self._source.rows, self._source.keys
        statuses = self._statuses
        # The status mask only changes with the rows or the status filter; a keystroke reuses it.
        if self._mask_for != (statuses,):
            self._mask = [True] * len(rows) if statuses is None else [row.status in statuses for row in rows]
            self._mask_for = (statuses,)
        accepted = self._mask
        for word in self._words:  # each word narrows the rows still accepted; rejected rows cost nothing
            accepted = [ok and word in key for ok, key in zip(accepted, keys, strict=True)]
        self._accepted = accepted

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt's name
        # Called once per source row on every change: a list lookup, nothing more (see the module's note).
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.roster().sort(column, order)
