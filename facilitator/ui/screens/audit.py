"""Audit: who did what and when (administrators only), filters, CSV export and the hash-chain check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QWidget,
)

from facilitator.services.audit import AuditFilter, count_events, export_csv, known_actions, list_events, verify_chain
from facilitator.ui.context import AppContext
from facilitator.ui.screens.audit_model import COL_DETAIL, AuditTableModel
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.workers import Task

PAGE_SIZE = 200
ANY = "Any"


def _write_text(path: str, text: str, progress: object = None) -> str:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.partial")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(target)
    return str(target)


class AuditScreen(Page):
    """The trail, newest first, a page at a time. Reading it needs an administrator (the service checks)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Audit", "Every sign-in, lock, view, change, signature, export and backup, in order. Each "
                         "row seals the one before it, so an edited or deleted row shows.", parent, max_width=1180)
        self.ctx = ctx
        self.task: Task | None = None
        self.user = QComboBox()
        self.action = QComboBox()
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        now = ctx.clock.now().astimezone()
        today = QDate(now.year, now.month, now.day)
        self.since.setDate(today.addDays(-30))
        self.until.setDate(today)
        filters = QHBoxLayout()
        filters.setSpacing(10)
        for text, widget in (("User", self.user), ("Action", self.action), ("From", self.since),
                             ("To", self.until)):
            filters.addWidget(label(text, "muted"))
            filters.addWidget(widget)
        filters.addStretch(1)
        self.verify_button = QPushButton("Verify the chain")
        self.export_button = QPushButton("Export CSV…")
        self.header_right.addWidget(self.verify_button)
        self.header_right.addWidget(self.export_button)
        self.body.addLayout(filters)
        self.status = label("", "muted", wrap=True)
        self.body.addWidget(self.status)

        self.model = AuditTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(480)
        self.body.addWidget(self.table)
        self.more_button = QPushButton("Show older rows")
        self.more_button.setProperty("kind", "link")
        self.body.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.denied = EmptyState("audit", "Administrators only",
                                 "The audit trail is open to the clinic's administrators. Ask one of them if "
                                 "you need to know who saw or changed a record.")
        self.body.addWidget(self.denied)

        for combo in (self.user, self.action):
            combo.currentIndexChanged.connect(self.reload)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.reload)
        self.more_button.clicked.connect(self.load_more)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.export)

    def activated(self) -> None:
        allowed = self.ctx.store.actor is not None and self.ctx.store.actor.is_admin
        for widget in (self.table, self.more_button, self.verify_button, self.export_button, self.status,
                       self.user, self.action, self.since, self.until):
            widget.setVisible(allowed)
        self.denied.setVisible(not allowed)
        if allowed:
            self._fill_choices()
            self.reload()

    def _fill_choices(self) -> None:
        store = self.ctx.store
        from facilitator.services.accounts import list_accounts

        users = [a.username for a in store.run(list_accounts, self.ctx.clock.now())]
        actions = store.run(known_actions)
        for combo, values in ((self.user, users), (self.action, actions)):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ANY, *values])
            combo.setCurrentText(current if current in values else ANY)
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        def start_of(day: QDate) -> datetime:
            local = datetime(day.year(), day.month(), day.day()).astimezone()
            return local.astimezone(UTC)

        return AuditFilter(
            username="" if self.user.currentText() == ANY else self.user.currentText(),
            action="" if self.action.currentText() == ANY else self.action.currentText(),
            since=start_of(self.since.date()),
            until=start_of(self.until.date()) + timedelta(days=1),
        )

    def reload(self) -> None:
        f = self.current_filter()
        rows = self.ctx.store.run(list_events, f, limit=PAGE_SIZE)
        total = self.ctx.store.run(count_events, f)
        self.model.set_rows(rows)
        self.more_button.setVisible(total > len(rows))
        self.status.setText(f"{total:,} rows match." if total else "No rows match these filters.")

    def load_more(self) -> None:
        f = self.current_filter()
        rows = self.ctx.store.run(list_events, f, offset=self.model.rowCount(), limit=PAGE_SIZE)
        self.model.append_rows(rows)
        self.more_button.setVisible(len(rows) == PAGE_SIZE)

    def verify(self) -> None:
        report = self.ctx.store.run(verify_chain)
        self.status.setText(report.describe() if not report.ok else
                            f"The chain is intact: all {report.rows:,} rows are linked and unchanged.")
        self.status.setProperty("role", "muted" if report.ok else "error")
        self.status.style().polish(self.status)

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the audit trail", "audit-trail.csv", "CSV files (*.csv)")
        if not path:
            return
        text = self.ctx.store.run(export_csv, self.current_filter())
        self.task = Task(_write_text, path, text, parent=self)
        self.task.succeeded.connect(lambda written: self.status.setText(f"Exported to {Path(written).name}."))
        self.task.failed.connect(lambda message: self.status.setText(f"The export failed: {message}"))
        self.task.start()


def create(ctx: AppContext) -> QWidget:
    return AuditScreen(ctx)
