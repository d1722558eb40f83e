"""Protocols: the clinic's session templates; create, duplicate, edit, archive or delete them.

Built-in templates follow the shipped files and are read-only here; "Duplicate" makes an editable
copy. A session keeps its own copy of a protocol, so saving a template never changes a session.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.enums import ProtocolKind
from facilitator.domain.protocol import PhaseSpec, ProtocolError, ProtocolSpec, parse_protocol
from facilitator.errors import UserError
from facilitator.services.protocol_templates import (
    Removal,
    TemplateDetail,
    create_template,
    duplicate_template,
    get_template,
    remove_template,
    restore_template,
    update_template,
)
from facilitator.services.protocols import ProtocolSummary, list_protocols
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.icons import set_icon
from facilitator.ui.widgets.page import Page, card, label
from facilitator.ui.widgets.protocol_form import ProtocolForm
from facilitator.ui.widgets.runner_controls import ConfirmBar
from facilitator.ui.widgets.toggle import Toggle

log = logging.getLogger(__name__)
NEW_DRAFT = ProtocolSpec(key="", name="New protocol", kind=ProtocolKind.INTEGRATION,
                         phases=(PhaseSpec("Arrival & grounding", 10), PhaseSpec("Closing", 10)))


def _field_sentence(exc: ProtocolError) -> str:
    """"phases[2].minutes must be …" as a sentence for a person: "Phase 2's minutes must be …"."""
    text = str(exc).split("field ", 1)[-1]
    text = re.sub(r"'phases\[(\d+)\]\.(\w+)'", lambda m: f"Phase {m.group(1)}'s {m.group(2).replace('_', ' ')}", text)
    text = re.sub(r"'thresholds\.(\w+)'", lambda m: f"The {m.group(1).replace('_', ' ')} threshold", text)
    text = re.sub(r"'(\w+)'", lambda m: f"The {m.group(1).replace('_', ' ')}", text)
    return text[0].upper() + text[1:] + "."


class ProtocolsScreen(Page):
    """The list of templates beside the editor of the chosen one (UI thread)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Protocols", "Session templates: phases, timings, prompts, vitals schedule and thresholds.",
                         parent, max_width=1280)
        self.ctx = ctx
        self.detail: TemplateDetail | None = None
        self.summaries: list[ProtocolSummary] = []
        self.archived_ids: set[int] = set()
        self.dirty = False

        self.list = QListWidget()
        self.list.setAccessibleName("Protocols")
        self.list.setMinimumWidth(300)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._chosen)
        self.new_button = QPushButton("New protocol")
        set_icon(self.new_button, "plus", role="text")
        self.new_button.clicked.connect(self.new_protocol)
        self.show_archived = Toggle("Show archived protocols")
        self.show_archived.toggled.connect(lambda _on: self.reload())
        archived_row = QHBoxLayout()
        archived_row.addWidget(self.show_archived)
        archived_row.addWidget(label("Show archived", "muted"))
        archived_row.addStretch(1)
        left_card = card()
        left = QVBoxLayout(left_card)
        left.setContentsMargins(16, 16, 16, 16)
        left.setSpacing(12)
        left.addWidget(self.new_button)
        left.addWidget(self.list, 1)
        left.addLayout(archived_row)

        self.heading = label("", "cardTitle", wrap=True)
        self.tags = label("", "tag")
        self.total = label("", "muted")
        self.duplicate_button = QPushButton("Duplicate")
        set_icon(self.duplicate_button, "duplicate", role="text")
        self.duplicate_button.clicked.connect(self.duplicate)
        self.remove_button = QPushButton("Delete\u2026")
        set_icon(self.remove_button, "delete", role="text")
        self.remove_button.clicked.connect(self._ask_remove)
        self.restore_button = QPushButton("Restore")
        self.restore_button.clicked.connect(self.restore)
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("kind", "primary")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.clicked.connect(self._revert)
        head = QHBoxLayout()
        head.setSpacing(8)
        titles = QVBoxLayout()
        titles.setSpacing(4)
        titles.addWidget(self.heading)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tags)
        tag_row.addWidget(self.total)
        tag_row.addStretch(1)
        titles.addLayout(tag_row)
        head.addLayout(titles, 1)
        for button in (self.duplicate_button, self.remove_button, self.restore_button):
            head.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.read_only_note = label("Built-in protocols are read-only: they follow the files shipped with the app. "
                                    "Duplicate one to make your own version.", "muted", wrap=True)
        self.confirm_remove = ConfirmBar("", "Delete", "Keep it")
        self.confirm_remove.confirmed.connect(self.remove)
        self.confirm_remove.cancelled.connect(self.confirm_remove.hide)
        self.form = ProtocolForm()
        self.form.changed.connect(self._changed)
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        self.status = label("", "muted")
        actions = QHBoxLayout()
        actions.addWidget(self.status, 1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)
        right = QVBoxLayout()
        right.setSpacing(16)
        right.addLayout(head)
        right.addWidget(self.read_only_note)
        right.addWidget(self.confirm_remove)
        right.addWidget(self.form)
        right.addWidget(self.problem)
        right.addLayout(actions)
        right.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(left_card, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(right, 1)
        left_card.setFixedHeight(520)
        self.body.addLayout(row)

    # -- the list --------------------------------------------------------------------------------

    def activated(self) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.detail.id if self.detail else None)
        try:
            active = self.ctx.store.run(list_protocols)
            every = self.ctx.store.run(list_protocols, include_archived=True)
        except Exception:
            self._problem("The protocols could not be loaded from the database; try again.")
            return
        self.archived_ids = {p.id for p in every} - {p.id for p in active}
        self.summaries = every if self.show_archived.isChecked() else active
        self.list.blockSignals(True)
        self.list.clear()
        for summary in self.summaries:
            tags = ["built-in" if summary.builtin else "", "archived" if summary.id in self.archived_ids else ""]
            words = "  ·  ".join([fmt.duration_minutes(summary.total_minutes),
                                  fmt.count(summary.phase_count, "phase"), *(t for t in tags if t)])
            item = QListWidgetItem(f"{summary.name}\n{words}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [s.id for s in self.summaries]
        row = ids.index(keep) if keep in ids else 0
        if self.summaries:
            self.list.setCurrentRow(row)
            self._open(self.summaries[row].id)

    def _chosen(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._open(item.data(Qt.ItemDataRole.UserRole))

    def _open(self, protocol_id: int) -> None:
        try:
            self.detail = self.ctx.store.run(get_template, protocol_id)
        except UserError as exc:
            self._problem(str(exc))
            return
        self._show(self.detail.spec, self.detail)

    def _show(self, spec: ProtocolSpec, detail: TemplateDetail | None) -> None:
        self.problem.hide()
        self.status.setText("")
        self.confirm_remove.hide()
        self.form.set_spec(spec)
        builtin = detail is not None and detail.builtin
        archived = detail is not None and detail.archived
        self.heading.setText(spec.name)
        words = ["Built-in, read-only" if builtin else "New, not saved yet" if detail is None else "Your clinic's"]
        if archived:
            words.append("archived")
        self.tags.setText(", ".join(words))
        self._total()
        self.read_only_note.setVisible(builtin)
        self.form.set_read_only(builtin)
        self.duplicate_button.setEnabled(detail is not None)
        self.remove_button.setVisible(detail is not None and not builtin and not archived)
        self.restore_button.setVisible(archived)
        self.save_button.setVisible(not builtin)
        self.revert_button.setVisible(not builtin)
        self.dirty = False
        self._buttons()

    def _total(self) -> None:
        phases = self.form.phases.phases()
        self.total.setText(f"{fmt.duration_minutes(sum(p.minutes for p in phases))} in "
                           f"{fmt.count(len(phases), 'phase')}")

    def _changed(self) -> None:
        self.dirty = True
        self.status.setText("")
        self._total()
        self._buttons()

    def _buttons(self) -> None:
        self.save_button.setEnabled(self.dirty or self.detail is None)
        self.revert_button.setEnabled(self.dirty)

    def _problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()

    # -- actions ---------------------------------------------------------------------------------

    def new_protocol(self) -> None:
        self.detail = None
        self.list.clearSelection()
        self._show(NEW_DRAFT, None)
        self.form.name.setFocus()
        self.form.name.selectAll()

    def _revert(self) -> None:
        if self.detail is None:
            self.new_protocol()
        else:
            self._show(self.detail.spec, self.detail)

    def validate(self) -> dict[str, object] | None:
        """The form's data if it passes the protocol rules, else None with the problem at its field."""
        self.form.clear_errors()
        self.problem.hide()
        problems = self.form.phases.problems()
        if problems:
            self._problem(problems[0])
            return None
        data = self.form.data()
        if not data["name"]:
            self.form.show_error("name", "Give the protocol a name.")
            return None
        try:
            parse_protocol({**data, "key": data["key"] or "draft"})
        except ProtocolError as exc:
            self.form.show_error(exc.field_name, _field_sentence(exc))
            return None
        return data

    def save(self) -> None:
        data = self.validate()
        if data is None:
            return
        user = self.ctx.store.actor.id if self.ctx.store.actor else None
        try:
            if self.detail is None:
                saved = self.ctx.store.run(create_template, data, user)
            else:
                saved = self.ctx.store.run(update_template, self.detail.id, data, version=self.detail.version)
        except UserError as exc:
            if "name" in str(exc) and "already exists" in str(exc):
                self.form.show_error("name", str(exc))
            else:
                self._problem(str(exc))
            return
        self.detail = saved
        self.ctx.dataChanged.emit()
        self.reload(select=saved.id)
        self.status.setText("Saved. Sessions planned from now on copy this version.")

    def duplicate(self) -> None:
        if self.detail is None:
            return
        user = self.ctx.store.actor.id if self.ctx.store.actor else None
        try:
            copy = self.ctx.store.run(duplicate_template, self.detail.id, user)
        except UserError as exc:
            self._problem(str(exc))
            return
        self.ctx.dataChanged.emit()
        self.reload(select=copy.id)
        self.status.setText("Copied. Edit the copy and save it.")

    def _ask_remove(self) -> None:
        if self.detail is None:
            return
        used = self.detail.sessions_using
        self.confirm_remove.question.setText(
            f"Delete {self.detail.spec.name}? Sessions keep their own copies. "
            + (f"It was used by {fmt.count(used, 'session')}, so it will be archived instead and can be restored."
               if used else "Nothing refers to it, so it is deleted for good."))
        self.confirm_remove.yes.setText("Archive" if used else "Delete")
        self.confirm_remove.open()

    def remove(self) -> None:
        if self.detail is None:
            return
        self.confirm_remove.hide()
        try:
            outcome = self.ctx.store.run(remove_template, self.detail.id)
        except UserError as exc:
            self._problem(str(exc))
            return
        self.detail = None
        self.ctx.dataChanged.emit()
        self.reload()
        self.status.setText("Archived; turn on Show archived to restore it." if outcome is Removal.ARCHIVED
                            else "Deleted.")

    def restore(self) -> None:
        if self.detail is None:
            return
        try:
            restored = self.ctx.store.run(restore_template, self.detail.id)
        except UserError as exc:
            self._problem(str(exc))
            return
        self.ctx.dataChanged.emit()
        self.reload(select=restored.id)
        self.status.setText("Restored.")


def create(ctx: AppContext) -> QWidget:
    return ProtocolsScreen(ctx)
