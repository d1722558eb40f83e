"""Check-in: a card per expected person — status with times, flags, comment, intention — drop-ins, and scales.

Reached from Today's session cards, a group's sessions, or ``ctx.open("check-in", session_id=…)``.
Times come from the context's clock at the moment a status is set. A PHQ-9 item 9 answered above 0
puts a red banner at the top of the screen as well as on the person's card.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.errors import ConflictError, UserError
from facilitator.services.check_in import (
    CheckInCard,
    CheckInSheet,
    add_drop_in,
    check_in_sheet,
    drop_in_candidates,
    mark_attendance,
    save_check_in_text,
)
from facilitator.services.measures import record_measure
from facilitator.services.sessions import SessionRow, today_overview
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.dialogs.drop_in import DropInDialog
from facilitator.ui.dialogs.measure_dialog import MeasureDialog
from facilitator.ui.i18n import QT_TRANSLATE_NOOP
from facilitator.ui.icons import set_icon
from facilitator.ui.widgets.check_in_card import CheckInCardWidget
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.fields import restyle
from facilitator.ui.widgets.page import Page, card, label

log = logging.getLogger(__name__)
COLUMNS = 2
KIND_WORDS = {"closed": QT_TRANSLATE_NOOP("CheckInScreen", "closed cohort"),
              "open": QT_TRANSLATE_NOOP("CheckInScreen", "open group"),
              "": QT_TRANSLATE_NOOP("CheckInScreen", "ad-hoc session")}


class CheckInScreen(Page):
    """The check-in of one session (UI thread; each change is one short unit of work).

    Attributes:
        cards: participant id -> its card widget.
        measure_dialog / drop_in_dialog: the dialog last opened (tests drive them).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Check-in"), parent=parent)
        self.ctx = ctx
        self.sheet: CheckInSheet | None = None
        self.session_id: int | None = None
        self.cards: dict[int, CheckInCardWidget] = {}
        self.measure_dialog: MeasureDialog | None = None
        self.drop_in_dialog: DropInDialog | None = None

        self.picker = QComboBox()
        self.picker.setAccessibleName(self.tr("Session to check in"))
        self.picker.setMinimumWidth(420)
        self.picker.activated.connect(self._picked)
        picker_row = QHBoxLayout()
        picker_row.setSpacing(12)
        picker_row.addWidget(label(self.tr("Session"), "fieldLabel"))
        picker_row.addWidget(self.picker)
        picker_row.addStretch(1)

        self.safety = card("danger")
        safety_column = QVBoxLayout(self.safety)
        safety_column.setContentsMargins(22, 14, 22, 16)
        safety_column.setSpacing(4)
        self.safety_title = label("", "dangerTitle", wrap=True)
        self.safety_text = label(self.tr("A clinician must speak with them before dosing, following the clinic's "
                                         "safety protocol."), wrap=True)
        safety_column.addWidget(self.safety_title)
        safety_column.addWidget(self.safety_text)
        self.safety.hide()

        self.summary = label("", "section")
        self.drop_in_button = QPushButton(self.tr("Add drop-in\u2026"))
        set_icon(self.drop_in_button, "add-person")
        self.drop_in_button.clicked.connect(self.choose_drop_in)
        self.no_drop_ins = label(self.tr("Closed cohort: no drop-ins"), "muted")
        summary_row = QHBoxLayout()
        summary_row.setSpacing(14)
        summary_row.addWidget(self.summary)
        summary_row.addStretch(1)
        summary_row.addWidget(self.no_drop_ins)
        summary_row.addWidget(self.drop_in_button)
        self.notice = label("", "muted", wrap=True)
        self.notice.hide()

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(18)
        self.grid.setColumnStretch(0, 1)
        self.grid.setColumnStretch(1, 1)
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(18)
        column.addLayout(picker_row)
        column.addWidget(self.safety)
        column.addLayout(summary_row)
        column.addWidget(self.notice)
        column.addLayout(self.grid)
        self.empty = EmptyState("check-in", self.tr("No session to check in"),
                                self.tr("Running sessions and those planned for the next two weeks can be checked "
                                        "in here."),
                                action=self.tr("Go to Session setup"))
        assert self.empty.action is not None
        self.empty.action.clicked.connect(lambda: ctx.navigate("session-setup"))
        self.body.addWidget(self.content)
        self.body.addWidget(self.empty)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(1000)
        self._retry.timeout.connect(self._database_changed)
        ctx.databaseChanged.connect(self._database_changed)

    # --- choosing the session ----------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh()

    def _database_changed(self) -> None:
        """Another laptop checked someone in: the sheet reloads in place, but never under the typing cursor.

        While a comment or intention has the focus (its text is saved when the focus leaves), the
        reload waits and is tried again a second later.
        """
        if not self.isVisible() or self.session_id is None:
            return
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus) and isinstance(
                focus, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            self._retry.start()
            return
        scroll = self.scroll_area.verticalScrollBar().value()
        self.load()
        self.scroll_area.verticalScrollBar().setValue(scroll)

    def open_target(self, session_id: int | None = None) -> None:
        """Show ``session_id``'s check-in (from Today, a group, or session setup)."""
        if session_id is not None:
            self.session_id = session_id
            self.refresh()

    def _sessions(self) -> list[SessionRow]:
        overview = self.ctx.store.run(today_overview, self.ctx.clock.now())
        return [*overview.running, *overview.upcoming]

    def refresh(self) -> None:
        """Reload the session list and the sheet (keeping the chosen session)."""
        try:
            sessions = self._sessions()
        except Exception:
            log.exception("check-in sessions failed to load")
            self._note(self.tr("The sessions could not be loaded from the database; try again in a moment."), "error")
            return
        if self.session_id is None and sessions:
            self.session_id = sessions[0].id
        now = self.ctx.clock.now()
        self.picker.clear()
        for row in sessions:
            prefix = self.tr("Running now") if row.status == "running" else fmt.day_label(row.scheduled_start, now)
            self.picker.addItem(f"{prefix} {fmt.time_of_day(row.scheduled_start)}  \u00b7  {row.group_name}", row.id)
        if self.session_id is not None and self.picker.findData(self.session_id) < 0:
            self.picker.addItem(self.tr("Session {number}").format(number=self.session_id), self.session_id)
        self.picker.setCurrentIndex(max(0, self.picker.findData(self.session_id)))
        self.picker.setVisible(self.picker.count() > 0)
        self.load()

    def _picked(self, index: int) -> None:
        self.session_id = self.picker.itemData(index)
        self.load()

    def load(self) -> None:
        """Rebuild the cards from the stored sheet."""
        self._clear_cards()
        if self.session_id is None:
            self.content.hide()
            self.empty.show()
            self.subtitle_label.hide()
            return
        try:
            sheet = self.ctx.store.run(check_in_sheet, self.session_id)
        except UserError as exc:
            self.sheet = None
            self._note(str(exc), "error")
            return
        self.sheet = sheet
        self.empty.hide()
        self.content.show()
        now = self.ctx.clock.now()
        parts = [sheet.group_name, f"{fmt.day_label(sheet.scheduled_start, now)} "
                 f"{fmt.time_of_day(sheet.scheduled_start)}", sheet.protocol_name, sheet.location,
                 self.tr(KIND_WORDS[sheet.group_kind]) if sheet.group_kind in KIND_WORDS else sheet.group_kind]
        self.subtitle_label.setText("  \u00b7  ".join(p for p in parts if p))
        self.subtitle_label.show()
        for i, c in enumerate(sheet.cards):
            widget = CheckInCardWidget(c)
            widget.statusChosen.connect(self.set_status)
            widget.textEdited.connect(self.save_text)
            widget.measureRequested.connect(self.enter_measure)
            widget.set_editable(sheet.editable)
            self.cards[c.participant_id] = widget
            self.grid.addWidget(widget, i // COLUMNS, i % COLUMNS)
        self.drop_in_button.setVisible(sheet.takes_drop_ins and sheet.editable)
        self.no_drop_ins.setVisible(not sheet.takes_drop_ins)
        if not sheet.editable:
            self._note(self.tr("This session is over: its check-in is kept as it was and can no longer change."))
        elif not sheet.cards:
            self._note(self.tr("No one is expected yet: add members to the group, or add a drop-in."))
        else:
            self._note("")
        self._update_summary()

    def _clear_cards(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = {}

    def _update_summary(self) -> None:
        if self.sheet is None:
            return
        cards = [w.card for w in self.cards.values()]
        here = sum(c.here for c in cards)
        listed = sum(c.status != "cancelled" for c in cards)
        drop_ins = sum(c.drop_in for c in cards)
        text = self.tr("{here} of {listed} here").format(here=here, listed=listed)
        if drop_ins:
            text += "  \u00b7  " + (self.tr("1 drop-in") if drop_ins == 1
                                     else self.tr("{count} drop-ins").format(count=drop_ins))
        self.summary.setText(text)
        flagged = sorted(c.display_name for c in cards if c.safety_flag)
        if flagged:
            self.safety_title.setText(self.tr("Clinician follow-up: PHQ-9 item 9 answered above 0 by {names}").format(
                names=", ".join(flagged)))
        self.safety.setVisible(bool(flagged))

    # --- changes -----------------------------------------------------------------------------------

    def _apply(self, change: Callable[..., CheckInCard], participant_id: int, *args: Any, **kwargs: Any) -> None:
        widget = self.cards.get(participant_id)
        if widget is None or self.session_id is None:
            return
        try:
            updated = self.ctx.store.run(change, self.session_id, participant_id, *args,
                                         version=widget.card.version, **kwargs)
        except ConflictError as exc:
            self.load()
            self._note(str(exc))
            return
        except UserError as exc:
            widget.set_card(widget.card)
            self._note(str(exc), "error")
            return
        widget.set_card(updated)
        self._update_summary()
        self.ctx.dataChanged.emit()

    def set_status(self, participant_id: int, status: str) -> None:
        """Mark a person (times from the clock now)."""
        self._apply(mark_attendance, participant_id, status, now=self.ctx.clock.now())

    def save_text(self, participant_id: int, comment: str | None, intention: str | None) -> None:
        self._apply(save_check_in_text, participant_id, comment=comment, intention=intention)

    def enter_measure(self, participant_id: int, instrument: str) -> MeasureDialog | None:
        """Open the scale form for one person; saving scores it and links it to this session."""
        widget = self.cards.get(participant_id)
        if widget is None:
            return None
        existing = widget.card.measures.get(instrument)
        dialog = MeasureDialog(instrument, widget.card.display_name, existing.items if existing else (), self)
        dialog.accepted.connect(lambda: self._save_measure(participant_id, instrument, dialog))
        self.measure_dialog = dialog
        dialog.open()
        return dialog

    def _save_measure(self, participant_id: int, instrument: str, dialog: MeasureDialog) -> None:
        items = dialog.form.items()
        if items is None or self.session_id is None:
            return
        try:
            self.ctx.store.run(record_measure, participant_id=participant_id, instrument=instrument, items=items,
                               taken_on=self.ctx.clock.now().astimezone().date(), session_id=self.session_id)
        except UserError as exc:
            self._note(str(exc), "error")
            return
        self._reload_card(participant_id)
        self.ctx.dataChanged.emit()

    def _reload_card(self, participant_id: int) -> None:
        if self.session_id is None:
            return
        sheet = self.ctx.store.run(check_in_sheet, self.session_id)
        fresh = next((c for c in sheet.cards if c.participant_id == participant_id), None)
        widget = self.cards.get(participant_id)
        if fresh is not None and widget is not None:
            widget.set_card(fresh)
        self._update_summary()

    def choose_drop_in(self) -> DropInDialog | None:
        """Search everyone on file and add one person as a drop-in (open groups only)."""
        if self.session_id is None:
            return None
        try:
            candidates = self.ctx.store.run(drop_in_candidates, self.session_id)
        except UserError as exc:
            self._note(str(exc), "error")
            return None
        dialog = DropInDialog(candidates, self)
        dialog.accepted.connect(lambda: self.add_drop_in(dialog.chosen_id) if dialog.chosen_id else None)
        self.drop_in_dialog = dialog
        dialog.open()
        return dialog

    def add_drop_in(self, participant_id: int) -> None:
        if self.session_id is None:
            return
        try:
            result = self.ctx.store.run(add_drop_in, self.session_id, participant_id, now=self.ctx.clock.now())
        except UserError as exc:
            self._note(str(exc), "error")
            return
        self.load()
        if result.warning:
            self._note(result.warning, "warning")
        else:
            self._note(self.tr("{name} is checked in as a drop-in.").format(name=result.card.display_name))
        self.ctx.dataChanged.emit()

    def _note(self, text: str, role: str = "muted") -> None:
        self.notice.setText(text)
        self.notice.setProperty("role", role)
        restyle(self.notice)
        self.notice.setVisible(bool(text))


def create(ctx: AppContext) -> QWidget:
    return CheckInScreen(ctx)
