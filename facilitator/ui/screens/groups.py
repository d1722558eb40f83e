"""Groups: the list of cohorts beside the one being edited — its details, members over time and sessions."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.services.groups import GroupRow, list_groups
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.icons import set_icon
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.group_detail import KIND_WORDS, STATUS_WORDS, GroupDetail
from facilitator.ui.widgets.page import label

log = logging.getLogger(__name__)


class GroupsScreen(QWidget):
    """The list and the detail side by side."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.ctx = ctx
        self.rows: list[GroupRow] = []
        self.subtitle = label("", "subtitle")
        new = QPushButton("New group")
        new.setProperty("kind", "primary")
        set_icon(new, "plus", role="on-accent", on_role="on-accent")
        new.clicked.connect(self.start_new)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(label("Groups", "title"))
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(new, 0, Qt.AlignmentFlag.AlignBottom)

        self.list = QListWidget()
        self.list.setAccessibleName("Groups")
        self.list.setObjectName("groupList")
        self.list.setFixedWidth(330)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._picked)
        self.detail = GroupDetail(ctx)
        self.detail.saved.connect(self._saved)
        holder = QWidget()
        holder_row = QHBoxLayout(holder)
        holder_row.setContentsMargins(0, 0, 16, 24)
        self.detail.setMaximumWidth(820)
        holder_row.addWidget(self.detail, 1)
        holder_row.addStretch(0)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(holder)
        self.empty = EmptyState("groups", "No groups yet", "Create a cohort or an open group; members, schedule "
                                "and sessions are kept with it.", action="New group")
        assert self.empty.action is not None
        self.empty.action.clicked.connect(self.start_new)
        self.empty.hide()

        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(self.list, 0)
        row.addWidget(self.detail_scroll, 1)
        row.addWidget(self.empty, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 24, 0)
        layout.setSpacing(20)
        layout.addLayout(top)
        layout.addLayout(row, 1)
        self._creating = False

    @property
    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    def activated(self) -> None:
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Reload the list, keeping (or moving to) the selected group."""
        current = select if select is not None else self.current_id()
        try:
            self.rows = self.ctx.store.run(list_groups, self.today)
        except Exception:
            log.exception("groups failed to load")
            self.subtitle.setText("The groups could not be loaded from the database; try again in a moment.")
            return
        active = sum(r.status == "active" for r in self.rows)
        self.subtitle.setText(f"{fmt.count(len(self.rows), 'group')}, {active} active")
        self.list.blockSignals(True)
        self.list.clear()
        for r in self.rows:
            self._add_item(r)
        self.list.blockSignals(False)
        has_groups = bool(self.rows)
        self.list.setVisible(has_groups)
        self.detail_scroll.setVisible(has_groups or self._creating)
        self.empty.setVisible(not has_groups and not self._creating)
        if has_groups and not self._creating:
            ids = [r.id for r in self.rows]
            self.select(current if current in ids else ids[0])

    def _add_item(self, r: GroupRow) -> None:
        parts = [KIND_WORDS.get(r.kind, r.kind), f"{r.members} of {r.capacity}", r.meeting]
        if r.status != "active":
            parts.append(STATUS_WORDS.get(r.status, r.status))
        meta = "  \u00b7  ".join(p for p in parts if p)
        widget = QWidget()
        column = QVBoxLayout(widget)
        column.setContentsMargins(14, 10, 12, 10)
        column.setSpacing(2)
        column.addWidget(label(r.name, "strong"))
        column.addWidget(label(meta, "small"))
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, r.id)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{r.name}, {meta}")
        widget.setFixedWidth(self.list.width() - 4)
        item.setSizeHint(widget.sizeHint())
        self.list.addItem(item)
        self.list.setItemWidget(item, widget)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def select(self, group_id: int) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == group_id:
                if self.list.currentRow() == i:
                    self.detail.show_group(group_id)
                else:
                    self.list.setCurrentRow(i)
                return

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self._creating = False
            self.detail.show_group(int(item.data(Qt.ItemDataRole.UserRole)))
            self.detail_scroll.verticalScrollBar().setValue(0)

    def start_new(self) -> None:
        self._creating = True
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.empty.hide()
        self.detail_scroll.show()
        self.detail.start_new()

    def open_target(self, group_id: int | None = None) -> None:
        if group_id is not None:
            self.refresh(select=group_id)

    def _saved(self, group_id: int) -> None:
        self._creating = False
        self.refresh(select=group_id)
        self.ctx.dataChanged.emit()


def create(ctx: AppContext) -> QWidget:
    return GroupsScreen(ctx)
