"""A participant's profile: every field, messages at the field, status and archiving, and their history.

Opened from the roster (not a sidebar entry). Saving checks the version the profile was opened at, so
a change made meanwhile on another laptop is never silently overwritten. Nobody is deleted here:
a record is archived, kept in full and restorable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.enums import ParticipantStatus
from facilitator.domain.participant_rules import ParticipantFields
from facilitator.errors import ConflictError, FieldError, UserError
from facilitator.services.conflicts import last_change
from facilitator.services.participant_records import (
    ParticipantProfile,
    SavedParticipant,
    archive_participant,
    create_participant,
    get_participant,
    open_participant,
    participant_version,
    set_participant_status,
    update_participant,
)
from facilitator.services.participant_timeline import participant_timeline
from facilitator.services.progress import participant_progress
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.icons import set_icon
from facilitator.ui.widgets.conflict_dialog import KEEP_MINE, ConflictDialog, Versions, field_texts
from facilitator.ui.widgets.fields import pill_row, restyle
from facilitator.ui.widgets.page import Page, card, label
from facilitator.ui.widgets.participant_form import ParticipantForm
from facilitator.ui.widgets.participant_history import ParticipantHistory
from facilitator.ui.widgets.progress_chart import ProgressChart

log = logging.getLogger(__name__)
STATUSES = (("active", "Active"), ("inactive", "Inactive"), ("discharged", "Discharged"))


class ParticipantEditor(Page):
    """The profile page (UI thread; each load and save is one short unit of work).

    Signals:
        closed(object): back to the roster, with the id of the participant shown (None if none was saved).
    """

    closed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Participant", parent=parent, max_width=1000)
        self.ctx = ctx
        self.profile: ParticipantProfile | None = None
        self.dirty = False
        self.conflict_dialog: ConflictDialog | None = None  # open while the user chooses a version
        self.status = ParticipantStatus.ACTIVE.value

        back = QPushButton("Back to roster")
        back.setProperty("kind", "link")
        set_icon(back, "back", role="accent")
        back.clicked.connect(self.back)
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("kind", "primary")
        self.save_button.clicked.connect(self.save)
        self.header_right.setSpacing(10)
        self.header_right.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        self.header_right.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = card("warning")
        self.banner_text = label("", wrap=True)
        self.banner_actions = QHBoxLayout()
        self.banner_actions.setSpacing(8)
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(20, 14, 20, 14)
        banner_row.setSpacing(16)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addLayout(self.banner_actions)
        self.banner.hide()
        self.flags_holder = QVBoxLayout()
        self.flags_holder.setContentsMargins(0, 0, 0, 0)
        self.saved_label = label("", "small")

        top = QVBoxLayout()
        top.setSpacing(12)
        top.addLayout(self.flags_holder)
        top.addWidget(self.banner)
        self.body.addLayout(top)
        self.body.addWidget(self._status_card())
        self.form = ParticipantForm(lambda: self.today)
        self.form.changed.connect(self._changed)
        self.body.addWidget(self.form)
        self.chart = ProgressChart()  # GAD-7 and PHQ-9 over time, with bands, changes and item-9 flags
        self.body.addWidget(self.chart)
        self.history = ParticipantHistory()
        self.body.addWidget(self.history)
        self.body.addWidget(self.saved_label)

        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape goes back to the roster (fields ignore it, so it arrives here from whichever has the focus).
        if event.key() == Qt.Key.Key_Escape:
            self.back()
            return
        super().keyPressEvent(event)

    @property
    def today(self) -> date:
        return self.ctx.clock.now().astimezone().date()

    def _status_card(self) -> QWidget:
        frame = card()
        row = QHBoxLayout(frame)
        row.setContentsMargins(28, 16, 28, 16)
        row.setSpacing(8)
        row.addWidget(label("Status", "section"))
        row.addSpacing(16)
        self.status_buttons = QButtonGroup(self)
        self.status_buttons.setExclusive(True)
        for value, text in STATUSES:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("kind", "option")
            button.setProperty("value", value)
            button.setAccessibleName(f"Status: {text}")
            self.status_buttons.addButton(button)
            row.addWidget(button)
        self.status_buttons.buttonClicked.connect(self._status_clicked)
        row.addStretch(1)
        self.archive_button = QPushButton("Archive record\u2026")
        self.archive_button.clicked.connect(self._ask_archive)
        row.addWidget(self.archive_button)
        return frame

    # --- showing -----------------------------------------------------------------------------------

    def load(self, participant_id: int) -> bool:
        """Open ``participant_id`` (audited as a view). Returns False if it could not be loaded."""
        try:
            profile = self.ctx.store.run(open_participant, participant_id, self.today)
            timeline = self.ctx.store.run(participant_timeline, participant_id)
            progress = self.ctx.store.run(participant_progress, participant_id)
        except UserError as exc:
            self._say(str(exc), "error")
            return False
        except Exception as exc:
            from facilitator.logs import scrubbed_traceback

            log.error("participant failed to load\n%s", scrubbed_traceback(exc))  # no message: it may hold PHI
            self._say("This record could not be loaded from the database; try again in a moment.", "error")
            return False
        self._hide_banner()
        self._show(profile)
        self.history.set_timeline(timeline)
        self.history.show()
        self.chart.set_progress(progress)
        self.chart.show()
        self.saved_label.setText("")
        return True

    def start_new(self) -> None:
        """An empty form for a new participant."""
        self.profile = None
        self._hide_banner()
        self.title_label.setText("New participant")
        self.subtitle_label.setText("The legal name is all that is needed to start; the rest can follow.")
        self.subtitle_label.show()
        self._set_flags(())
        self._set_status(ParticipantStatus.ACTIVE.value)
        self.form.set_fields(ParticipantFields(legal_first_name="", legal_last_name=""))
        self.archive_button.hide()
        self.history.set_timeline(None)
        self.history.hide()
        self.chart.set_progress(None)
        self.chart.hide()
        self.saved_label.setText("")
        self.dirty = False

    def _show(self, profile: ParticipantProfile) -> None:
        self.profile = profile
        self.title_label.setText(profile.display_name)
        parts = [f"Legal name {profile.full_name}"] if profile.display_name != profile.full_name else []
        if profile.fields.pronouns:
            parts.append(profile.fields.pronouns)
        if profile.age is not None:
            parts.append(f"{profile.age} years old")
        parts.append(", ".join(profile.groups) if profile.groups else "In no group at present")
        self.subtitle_label.setText("  \u00b7  ".join(parts))
        self.subtitle_label.show()
        self._set_flags(profile.flags)
        self._set_status(profile.status)
        self.form.set_fields(profile.fields)
        self.archive_button.setVisible(profile.status != ParticipantStatus.ARCHIVED.value)
        if profile.status == ParticipantStatus.ARCHIVED.value:
            self._banner("This record is archived: it is kept in full and hidden from the everyday roster.",
                         [("Restore as active", self._restore)])
        self.dirty = False

    def _set_flags(self, flags: tuple[str, ...]) -> None:
        while self.flags_holder.count():
            item = self.flags_holder.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.flags_holder.addWidget(pill_row(flags, empty="No screening flags"))

    def _set_status(self, status: str) -> None:
        self.status = status
        for button in self.status_buttons.buttons():
            button.setChecked(button.property("value") == status)
        if status == ParticipantStatus.ARCHIVED.value:  # an exclusive group keeps one checked; clear it
            self.status_buttons.setExclusive(False)
            for button in self.status_buttons.buttons():
                button.setChecked(False)
            self.status_buttons.setExclusive(True)

    def focus_first(self) -> None:
        self.form.focus_field("legal_first_name" if self.profile is None else "preferred_name")

    # --- editing -----------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.dirty = True
        self.saved_label.setText("Unsaved changes")

    def _status_clicked(self, button: QPushButton) -> None:
        self.status = str(button.property("value"))
        self._changed()

    def save(self) -> bool:
        """Check and save the form; messages go beside their fields. Returns True when saved."""
        self.form.clear_messages()
        self._hide_banner()
        try:
            data = self.form.read(self.status)
            if self.profile is None:
                saved: SavedParticipant = self.ctx.store.run(create_participant, data, today=self.today)
            else:
                saved = self.ctx.store.run(update_participant, self.profile.id, data, version=self.profile.version,
                                           today=self.today)
        except FieldError as exc:
            if not self.form.show_problem(exc.field, str(exc)):
                self._say(str(exc), "error")
            self.form.focus_field(exc.field)
            return False
        except ConflictError as exc:
            self._conflict(data, str(exc))
            return False
        except UserError as exc:
            self._say(str(exc), "error")
            return False
        except Exception:
            log.exception("participant not saved")
            self._say("The record could not be saved to the database; your changes are still here.", "error")
            return False
        new = self.profile is None
        self._show(saved.profile)
        if new:
            self.history.set_timeline(None)
            self.history.show()
        for field, sentence in saved.warnings:
            self.form.show_problem(field, sentence, warning=True)
        self.saved_label.setText(f"Saved at {fmt.time_of_day(self.ctx.clock.now())}.")
        self.ctx.dataChanged.emit()
        return True

    def _conflict(self, mine: ParticipantFields, sentence: str) -> None:
        """Saved on another computer first: both versions side by side, the user chooses (nothing lost)."""
        assert self.profile is not None
        pid = self.profile.id
        try:
            current = self.ctx.store.run(get_participant, pid, self.today)
            last = self.ctx.store.run(last_change, "participant", pid)
        except Exception:  # cannot read theirs now: keep the form as typed and offer a reload
            log.warning("conflicting participant not read")
            self._banner(sentence, [("Reload", self._reload)], role="error")
            return
        mine_text, theirs_text = field_texts(asdict(mine), asdict(current.fields))
        versions = Versions("this profile", mine=mine_text, theirs=theirs_text, who=last.who,
                            when=last.at or current.updated_at)
        self.conflict_dialog = ConflictDialog(versions, self)
        self.conflict_dialog.chosen.connect(lambda choice: self._conflict_chosen(choice, current))
        self.conflict_dialog.open()

    def _conflict_chosen(self, choice: str, current: ParticipantProfile) -> None:
        dialog, self.conflict_dialog = self.conflict_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if choice == KEEP_MINE:
            self.profile = current  # the version just seen: the form (still mine) is saved over it
            self.save()
        else:
            self._reload()

    def refresh_if_unchanged(self) -> None:
        """Show a version saved on another computer, unless the form holds unsaved changes."""
        if self.profile is None or self.dirty or self.conflict_dialog is not None:
            return
        try:
            stored = self.ctx.store.run(participant_version, self.profile.id)
        except Exception:
            return  # the next change tries again
        if stored is not None and stored != self.profile.version:
            self._reload()

    def _reload(self) -> None:
        if self.profile is not None:
            self.load(self.profile.id)

    def back(self) -> None:
        if self.dirty:
            self._banner("You have unsaved changes.", [("Save", self._save_and_close), ("Discard", self._discard)])
            return
        self.closed.emit(self.profile.id if self.profile else None)

    def _save_and_close(self) -> None:
        if self.save():
            self.back()

    def _discard(self) -> None:
        self.dirty = False
        self.back()

    # --- status and archive ------------------------------------------------------------------------

    def _ask_archive(self) -> None:
        if self.dirty:
            self._banner("Save or discard your changes before archiving.", [("Save", self.save)])
            return
        self._banner("Archive this record? It is kept in full, hidden from the everyday roster, and can be "
                     "restored at any time.", [("Archive", self._archive), ("Keep as is", self._hide_banner)])

    def _archive(self) -> None:
        self._apply_status(archive_participant)

    def _restore(self) -> None:
        def restore(session, pid, *, version, today):  # type: ignore[no-untyped-def]
            return set_participant_status(session, pid, ParticipantStatus.ACTIVE.value, version=version, today=today)

        self._apply_status(restore)

    def _apply_status(self, change: Callable[..., ParticipantProfile]) -> None:
        if self.profile is None:
            return
        self._hide_banner()
        try:
            profile = self.ctx.store.run(change, self.profile.id, version=self.profile.version, today=self.today)
        except ConflictError as exc:
            self._banner(str(exc), [("Reload", self._reload)], role="error")
            return
        except UserError as exc:
            self._say(str(exc), "error")
            return
        self._show(profile)
        self.saved_label.setText(f"Saved at {fmt.time_of_day(self.ctx.clock.now())}.")
        self.ctx.dataChanged.emit()

    # --- the banner --------------------------------------------------------------------------------

    def _banner(self, text: str, actions: list[tuple[str, Callable[[], object]]], role: str = "") -> None:
        while self.banner_actions.count():
            item = self.banner_actions.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.banner_text.setText(text)
        self.banner_text.setProperty("role", role or None)
        restyle(self.banner_text)
        for i, (caption, callback) in enumerate(actions):
            button = QPushButton(caption)
            if i == 0:
                button.setProperty("kind", "primary")
            button.clicked.connect(lambda _checked=False, fn=callback: fn())
            self.banner_actions.addWidget(button)
        self.banner.show()

    def _say(self, text: str, role: str = "") -> None:
        self._banner(text, [("Dismiss", self._hide_banner)], role=role)

    def _hide_banner(self) -> None:
        self.banner.hide()
