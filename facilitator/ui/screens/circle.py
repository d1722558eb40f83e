"""Circle mode: who speaks now (large), who is next, who passed; a soft share timer; a note per share; airtime.

Opened from the runner during a sharing phase (button or C) or from the sidebar. Keyboard first:
N gives the word to the next person, P is a pass, L is "come back later", E ends the share without
giving the word on, S opens a second round, O goes to the order list (arrows, Ctrl+Up/Down to move
someone, Enter to give them the word: popcorn), Ctrl+Enter goes to the note field and, there,
saves the note. Every value is derived from the stored shares and the clock: the screen repaints
from a snapshot and never counts anything itself. Facilitator's screen only: names are shown here,
never on the room display.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.circle import Turn
from facilitator.domain.phase_timer import format_clock
from facilitator.errors import UserError
from facilitator.logs import scrubbed_traceback
from facilitator.services import circle as circles
from facilitator.services.circle import CircleSnapshot
from facilitator.services.circle_notes import save_share_note
from facilitator.services.runner import find_running_session
from facilitator.ui.chime import ChimePlayer
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.circle_cards import ShareNoteCard, SpeakerCard
from facilitator.ui.widgets.circle_parts import AirtimeBars, OrderList
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.widgets.phase_clock import set_role, set_text
from facilitator.ui.widgets.runner_controls import section_card
from facilitator.ui.wiring import repeating_timer, window_shortcuts

log = logging.getLogger(__name__)

TICK_MS = 250
RELOAD_MS = 10_000
SHORTCUTS = (("N", "next_speaker"), ("P", "pass_turn"), ("L", "later"), ("E", "end_share"),
             ("S", "second_round"), ("O", "focus_order"), ("Ctrl+Return", "note_key"), ("Ctrl+Enter", "note_key"))


# Called by this name so pyside6-lupdate collects the strings (a wrapper function would hide them).
translate = QCoreApplication.translate


def _button(text: str, key: str = "", primary: bool = False) -> QPushButton:
    button = QPushButton(f"{text}  {key}" if key else text)
    if primary:
        button.setProperty("kind", "primary")
    button.setAccessibleName(f"{text} ({key})" if key else text)
    if key:
        button.setToolTip(translate("CircleScreen", "Shortcut: {0}").format(key))
    return button


class CircleScreen(Page):
    """Circle mode for the running session (UI thread; services are called through ``ctx.store``)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("CircleScreen", "Circle mode"), parent=parent, max_width=1320)
        self.ctx = ctx
        self.snapshot: CircleSnapshot | None = None
        self.session_id: int | None = None
        self._requested: int | None = None
        self._taken_mono = 0.0
        self.note_share_id: int | None = None  # the share the note field is about
        self._saved_note: tuple[str, tuple[str, ...]] = ("", ())
        self.cued: set[int] = set()  # shares whose soft limit was already cued
        self.sound = ChimePlayer(lambda: self.ctx.settings, self)
        back = QPushButton(self.tr("Back to the runner"))
        back.setProperty("kind", "link")
        back.clicked.connect(self._to_runner)
        self.header_right.addWidget(back)
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        self.empty = EmptyState("circle", self.tr("No circle right now"),
                                self.tr("Circle mode opens while a session runs, during a sharing phase."),
                                action=self.tr("Go to the runner"))
        assert self.empty.action is not None
        self.empty.action.clicked.connect(self._to_runner)
        self.content = QWidget()
        self._build()
        self.body.addWidget(self.problem)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.content)
        self.content.hide()
        self.tick_timer = repeating_timer(self, TICK_MS, self.tick)
        self.reload_timer = repeating_timer(self, RELOAD_MS, self.reload)
        ctx.sessionFocused.connect(self._focused)
        self.shortcuts = window_shortcuts(self, SHORTCUTS)

    # -- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.speaker_card = SpeakerCard()
        card_ = self.speaker_card
        self.round_label, self.speaker_label, self.time_label = card_.round_label, card_.name_label, card_.time_label
        self.limit_label, self.next_label, self.passed_label = card_.limit_label, card_.next_label, card_.passed_label
        self.limit, self.chime = card_.limit, card_.chime

        self.order = OrderList()
        self.order.reordered.connect(lambda ids: self._move("reorder", order=ids))
        self.order.chosen.connect(lambda pid: self._move("start", participant_id=pid))
        self.shuffle_button = _button(self.tr("Shuffle"))
        self.shuffle_button.clicked.connect(lambda: self._move("shuffle"))
        self.popcorn_button = _button(self.tr("Speaks now"))
        self.popcorn_button.setToolTip(self.tr("Popcorn: give the word to the one chosen in the list (Enter)"))
        self.popcorn_button.clicked.connect(self._popcorn)
        order_box = QWidget()
        order_layout = QVBoxLayout(order_box)
        order_layout.setContentsMargins(0, 0, 0, 0)
        order_layout.setSpacing(8)
        order_layout.addWidget(self.order)
        order_layout.addWidget(label(self.tr("Drag, or Ctrl+Up/Down, to change the order; Enter gives the word."),
                                     "small", wrap=True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.popcorn_button)
        buttons.addWidget(self.shuffle_button)
        buttons.addStretch(1)
        order_layout.addLayout(buttons)
        self.order_card = section_card(self.tr("Order"), order_box)
        hero = QHBoxLayout()
        hero.setSpacing(20)
        hero.addWidget(self.speaker_card, 3)
        hero.addWidget(self.order_card, 2)

        self.next_button = _button(self.tr("Next"), "N", primary=True)
        self.pass_button = _button(self.tr("Pass"), "P")
        self.later_button = _button(self.tr("Come back later"), "L")
        self.end_button = _button(self.tr("End share"), "E")
        self.round_button = _button(self.tr("Second round"), "S")
        for button, slot in ((self.next_button, self.next_speaker), (self.pass_button, self.pass_turn),
                             (self.later_button, self.later), (self.end_button, self.end_share),
                             (self.round_button, self.second_round)):
            button.clicked.connect(slot)
        self.limit.valueChanged.connect(self._set_limit)
        self.chime.setChecked(self.ctx.settings.circle_chime)
        self.chime.toggled.connect(lambda on: self.ctx.update_settings(circle_chime=bool(on)))
        self.ctx.settingsChanged.connect(self._settings_changed)
        controls = QHBoxLayout()
        controls.setSpacing(8)
        for button in (self.next_button, self.pass_button, self.later_button, self.end_button, self.round_button):
            controls.addWidget(button)
        controls.addStretch(1)

        self.note_card = ShareNoteCard()
        note = self.note_card
        self.note_field, self.save_button, self.chips = note.field, note.save_button, note.chips
        self.note_status, self.note_title = note.status, note.title
        self.note_field.returnPressed.connect(self.save_note)
        self.save_button.clicked.connect(self.save_note)
        self.chips.toggled.connect(self._tags_changed)
        self.airtime = AirtimeBars()
        airtime_box = QWidget()
        airtime_layout = QVBoxLayout(airtime_box)
        airtime_layout.setContentsMargins(0, 0, 0, 0)
        airtime_layout.setSpacing(10)
        airtime_layout.addWidget(self.airtime)
        airtime_layout.addWidget(label(self.tr("How long each has spoken this session; on this screen only."),
                                       "small", wrap=True))
        airtime_layout.addStretch(1)
        lower = QHBoxLayout()
        lower.setSpacing(20)
        lower.addWidget(self.note_card, 3)
        lower.addWidget(section_card(self.tr("Airtime"), airtime_box), 2)

        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(hero)
        layout.addLayout(controls)
        layout.addLayout(lower)

    # -- which session -------------------------------------------------------------------------------

    def _focused(self, session_id: object, screen_id: str = "") -> None:
        if screen_id == "circle" and isinstance(session_id, int):
            self._requested = session_id

    def activated(self) -> None:
        target = self._requested or self.session_id
        self._requested = None
        if target is None:
            target = self._call(find_running_session, quiet=True)
        self.session_id = target
        if target is None:
            self._show_closed(self.tr("Circle mode opens while a session runs, during a sharing phase."))
            return
        self.reload()

    def reload(self) -> None:
        if self.session_id is None:
            return
        snapshot = self._call(circles.open_circle, self.session_id, self.ctx.clock, quiet=True)
        if snapshot is not None:
            self._show(snapshot)

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.tick_timer.stop()
        self.reload_timer.stop()

    # -- showing ---------------------------------------------------------------------------------------

    def _show_closed(self, sentence: str) -> None:
        self.snapshot = None
        self.tick_timer.stop()
        self.reload_timer.stop()
        self.content.hide()
        self.empty.sentence_label.setText(sentence)
        self.empty.show()
        self.title_label.setText(self.tr("Circle mode"))
        self.subtitle_label.hide()

    def _show(self, snapshot: CircleSnapshot) -> None:
        if not snapshot.open:
            self._show_closed(snapshot.closed_reason)
            return
        self.snapshot = snapshot
        self._taken_mono = self.ctx.clock.monotonic()
        self.empty.hide()
        self.content.show()
        self.title_label.setText(self.tr("Circle mode"))
        self.subtitle_label.setText(self.tr("{0}  ·  {1}  ·  round {2}").format(
            snapshot.group_name, snapshot.phase_name, snapshot.circle.round))
        self.subtitle_label.show()
        if not self.limit.spin.hasFocus():
            self.limit.blockSignals(True)
            self.limit.setValue(snapshot.share_minutes)
            self.limit.blockSignals(False)
        self._bind_note(snapshot)
        for timer in (self.tick_timer, self.reload_timer):
            if not timer.isActive():
                timer.start()
        self.tick()

    def now(self) -> datetime:
        """The snapshot's moment moved on by the monotonic clock (a wall-clock jump changes nothing)."""
        assert self.snapshot is not None
        since = max(0.0, self.ctx.clock.monotonic() - self._taken_mono)
        return self.snapshot.taken_at + timedelta(seconds=since)

    def _name(self, turn: Turn | None) -> str:
        return self.snapshot.names.get(turn.participant_id, "") if turn is not None and self.snapshot else ""

    def tick(self) -> None:
        """Repaint from the snapshot and the clock; only labels whose text changed are touched."""
        snap = self.snapshot
        if snap is None:
            return
        now, circle = self.now(), snap.circle
        current, up = circle.current, circle.next_up
        set_text(self.round_label, self.tr("Round {0}  ·  speaking now").format(circle.round) if current else
                 self.tr("Round {0}").format(circle.round))
        if current is not None:
            set_text(self.speaker_label, self._name(current))
        elif circle.round_complete:
            set_text(self.speaker_label, self.tr("Everyone has had their turn"))
        else:
            set_text(self.speaker_label, self.tr("Nobody is speaking"))
        seconds = circle.elapsed(now)
        over = circle.over_limit(now, snap.limit_seconds)
        set_text(self.time_label, format_clock(seconds) if current else "")
        self.time_label.setVisible(current is not None)
        set_role(self.time_label, "timerOver" if over else "timerDigits")
        limit = self.tr("soft limit {0} min").format(snap.share_minutes)
        detail = (self.tr("Past the soft limit: no hurry, a gentle wrap-up when it fits.") if over else limit) \
            if current else (self.tr("N gives the word to {0}.").format(self._name(up)) if up else
                             self.tr("S opens a second round."))
        set_text(self.limit_label, detail)
        set_text(self.next_label, self.tr("Next: {0}").format(self._name(up)) if up else
                 self.tr("Next: nobody waiting"))
        passed = ", ".join(self._name(t) for t in circle.passed)
        set_text(self.passed_label, self.tr("Passed: {0}").format(passed) if passed else "")
        self.passed_label.setVisible(bool(passed))
        if current is not None and over and current.share_id is not None and current.share_id not in self.cued:
            self.cued.add(current.share_id)
            self._cue()
        airtime = snap.airtime(now)
        self.order.show_round(circle.in_round(), snap.names,
                              {t.participant_id: t.seconds(now) for t in circle.in_round()})
        self.airtime.show_airtime(list(airtime), snap.names, airtime)
        self.next_button.setEnabled(current is not None or up is not None)
        self.pass_button.setEnabled(current is not None or up is not None)
        self.later_button.setEnabled(len(circle.waiting) > (0 if current else 1))
        self.end_button.setEnabled(current is not None)
        self.round_button.setEnabled(not circle.waiting)

    def _cue(self) -> None:
        """The soft limit: a slow glow over the speaker, and a soft chime only if the facilitator wants one."""
        self.speaker_card.glow.show()
        if self.ctx.settings.circle_chime:
            self.sound.play()

    # -- the note ---------------------------------------------------------------------------------------

    def _bind_note(self, snapshot: CircleSnapshot) -> None:
        """The field follows the speaker; when nobody speaks it stays with the last share written about."""
        current = snapshot.circle.current
        target = current.share_id if current is not None else self.note_share_id
        known = {t.share_id: t for t in snapshot.circle.turns if t.share_id is not None}
        if target not in known:
            target = None
        changed = target != self.note_share_id
        if changed and not self.flush_note():
            return  # the words typed stay in the field, with the problem said above it
        if changed:
            self.note_share_id = target
            saved = snapshot.notes.get(target) if target is not None else None
            self._saved_note = (saved.text, saved.tags) if saved else ("", ())
            self.note_field.setText(self._saved_note[0])
            self.note_status.setText("")
        turn = known.get(target) if target is not None else None
        ticked = self._saved_note[1] if changed else tuple(self.chips.ticked())
        self.chips.set_themes(snapshot.themes, ticked)
        self.chips.setEnabled(turn is not None)
        self.note_field.setEnabled(turn is not None)
        self.save_button.setEnabled(turn is not None)
        title = self.tr("Note for {0}  ·  round {1}").format(self._name(turn), turn.round) if turn else \
            self.tr("Note for this share")
        set_text(self.note_title, title)

    def _pending_note(self) -> tuple[str, tuple[str, ...]]:
        return " ".join(self.note_field.text().split()), tuple(self.chips.ticked())

    def flush_note(self) -> bool:
        """Save what is typed for the bound share if it changed; False if it could not be saved (kept)."""
        if self.note_share_id is None or self._pending_note() == self._saved_note:
            return True
        return self.save_note()

    def save_note(self) -> bool:
        if self.note_share_id is None or self.snapshot is None:
            return False
        text, tags = self._pending_note()
        result = self._call(save_share_note, self.note_share_id, text, list(tags), self.ctx.clock)
        if result is None:
            return False
        self._saved_note = (text, tags)
        turn = next((t for t in self.snapshot.circle.turns if t.share_id == self.note_share_id), None)
        name = self._name(turn)
        if result.landed == "addendum":
            self.note_status.setText(self.tr("{0}'s note is signed, so this went under it as an addendum.")
                                     .format(name))
        elif result.landed == "note":
            self.note_status.setText(self.tr("Saved in {0}'s note.").format(name))
        self.ctx.dataChanged.emit()
        return True

    def _tags_changed(self) -> None:
        if self.note_share_id is not None:
            self.save_note()

    # -- moves ------------------------------------------------------------------------------------------

    def _usable(self) -> bool:
        window = self.window()
        return self.isVisible() and not getattr(window, "locked", False) and self.snapshot is not None

    def _move(self, what: str, **kwargs: Any) -> bool:
        if self.session_id is None or self.snapshot is None:
            return False
        if what not in ("reorder", "shuffle") and not self.flush_note():
            return False
        snapshot = self._call(circles.move, self.session_id, what, self.ctx.clock, **kwargs)
        if snapshot is None:
            self.order._key = ()  # a refused drag goes back to the stored order
            self.tick()
            return False
        self.problem.hide()
        self._show(snapshot)
        self.ctx.dataChanged.emit()
        return True

    def next_speaker(self) -> None:
        if self._usable():
            self._move("next")

    def pass_turn(self) -> None:
        if self._usable():
            self._move("pass")

    def later(self) -> None:
        if self._usable():
            self._move("later")

    def end_share(self) -> None:
        if self._usable():
            self._move("end")

    def second_round(self) -> None:
        if self._usable():
            self._move("second_round")

    def focus_order(self) -> None:
        if self._usable():
            self.order.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.order.currentRow() < 0 and self.order.count():
                self.order.setCurrentRow(0)

    def note_key(self) -> None:
        """Ctrl+Enter: save what is typed in the note field, or bring the cursor there."""
        if not self._usable():
            return
        if self.note_field.hasFocus():
            self.save_note()
        else:
            self.note_field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _popcorn(self) -> None:
        pid = self.order.current_id()
        if pid is not None:
            self._move("start", participant_id=pid)

    def _set_limit(self) -> None:
        if self.snapshot is not None and self.session_id is not None \
                and self.limit.value() != self.snapshot.share_minutes:
            snapshot = self._call(circles.set_share_minutes, self.session_id, self.limit.value(), self.ctx.clock)
            if snapshot is not None:
                self._show(snapshot)

    def _settings_changed(self, settings: Any) -> None:
        """The chime may also be set on the Settings screen."""
        if self.chime.isChecked() != settings.circle_chime:
            self.chime.blockSignals(True)
            self.chime.setChecked(settings.circle_chime)
            self.chime.blockSignals(False)

    def _to_runner(self) -> None:
        self.flush_note()
        if self.session_id is not None:
            self.ctx.open_session(self.session_id, "runner")
        else:
            self.ctx.navigate("runner")

    def _call(self, fn: Callable[..., Any], *args: Any, quiet: bool = False, **kwargs: Any) -> Any:
        try:
            return self.ctx.store.run(fn, *args, **kwargs)
        except UserError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
        except Exception as exc:
            log.error("circle call failed\n%s", scrubbed_traceback(exc))
            if not quiet:
                self.problem.setText(self.tr("The database did not answer; nothing typed was lost. Try again."))
                self.problem.show()
        return None


def create(ctx: AppContext) -> QWidget:
    return CircleScreen(ctx)
