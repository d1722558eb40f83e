"""Runner: the big phase clock, the next phase's prompts, controls with keys, notes and a card per person.

Keyboard first: Space pauses or resumes, N goes to the next phase, E extends by five minutes,
Ctrl+Enter goes to the quick-note line (and adds the note when something is typed there), R opens
or closes the room display, C opens circle mode during a sharing phase. Every value on screen is
derived from stored timestamps: the screen repaints from :class:`LiveSession` ticks and never
counts anything itself.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.phase_timer import TimerView, format_clock
from facilitator.domain.timeline import TimerState
from facilitator.services.runner import find_running_session
from facilitator.services.runner_snapshot import RunnerSnapshot
from facilitator.ui import format as fmt
from facilitator.ui.context import AppContext
from facilitator.ui.live_session import LiveSession
from facilitator.ui.monitoring_actions import connect_panel
from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.screens.room_display import RoomDisplay
from facilitator.ui.widgets.empty_state import EmptyState
from facilitator.ui.widgets.page import Page, label
from facilitator.ui.widgets.participant_card import ParticipantCardWidget
from facilitator.ui.widgets.phase_clock import PhaseClock, set_text
from facilitator.ui.widgets.phase_timeline import PhaseTimeline
from facilitator.ui.widgets.quick_notes import QuickNoteLine, QuickNoteList
from facilitator.ui.widgets.room_controls import RoomControls
from facilitator.ui.widgets.runner_controls import ConfirmBar, ControlsBar, ExtendBar, NextPhasePanel, section_card
from facilitator.ui.wiring import window_shortcuts

CARD_COLUMNS = 2
# services.runner_lock's refusal, recognised so it can be said in the interface's language.
REFUSAL = re.compile(r"This session is already open in a runner on another computer or window(?P<where> \(.*\))?; "
                     r"close it there first, or wait two minutes after that app has stopped\.")
SHORTCUTS = (("Space", "toggle_pause"), ("N", "next_phase"), ("E", "extend_five"), ("Ctrl+Return", "note_key"),
             ("Ctrl+Enter", "note_key"), ("R", "toggle_room"), ("C", "open_circle"))


class RunnerScreen(Page):
    """The runner. Lives on the UI thread; its :class:`LiveSession` keeps ticking while hidden or locked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Runner"), parent=parent, max_width=1320)
        self.ctx = ctx
        self.live = LiveSession(ctx, self)
        self.feed = MonitoringFeed(ctx, self)
        self.room: RoomDisplay | None = None
        self.cards: list[ParticipantCardWidget] = []
        self._requested: int | None = None
        self._cards_key: tuple[object, ...] = ()
        self._columns = CARD_COLUMNS
        self.session_clock = label("", "sessionClock")
        self.session_clock.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.session_detail = label("", "small")
        self.session_detail.setAlignment(Qt.AlignmentFlag.AlignRight)
        corner = QVBoxLayout()
        corner.setSpacing(2)
        corner.addWidget(self.session_clock)
        corner.addWidget(self.session_detail)
        self.header_right.addLayout(corner)

        self.empty = EmptyState("runner", self.tr("No session is running"),
                                self.tr("Start a planned session from Session setup; its runner opens here."),
                                action=self.tr("Go to Session setup"))
        assert self.empty.action is not None
        self.empty.action.clicked.connect(self._empty_action)
        self.state = "empty"
        self.content = QWidget()
        self._build_content()
        self.body.addWidget(self.empty)
        self.body.addWidget(self.content)
        self.content.hide()

        self.live.loaded.connect(self._loaded)
        self.live.ticked.connect(self._ticked)
        self.live.chimed.connect(self._chimed)
        self.live.problem.connect(self._problem)
        self.live.refused.connect(self._refused)
        self.feed.boardChanged.connect(self._show_board)
        ctx.sessionFocused.connect(self._focused)
        ctx.dataChanged.connect(self._data_changed)
        ctx.databaseChanged.connect(self._database_changed)
        self.shortcuts = window_shortcuts(self, SHORTCUTS)

    def _build_content(self) -> None:
        self.clock = PhaseClock()
        self.next_panel = NextPhasePanel()
        hero = QHBoxLayout()
        hero.setSpacing(20)
        hero.addWidget(self.clock, 3)
        hero.addWidget(self.next_panel, 2)

        self.controls = ControlsBar()
        self.start_button = QPushButton(self.tr("Start session"))
        self.start_button.setProperty("kind", "primary")
        self.start_button.clicked.connect(self.live.start)
        self.finished_line = QWidget()
        finished = QHBoxLayout(self.finished_line)
        finished.setContentsMargins(0, 0, 0, 0)
        finished.addWidget(label(self.tr("This session has finished. Its timings and notes are kept in its record."),
                                 "muted"))
        self.record_button = QPushButton(self.tr("View the session's record"))
        self.record_button.setProperty("kind", "link")
        self.record_button.clicked.connect(self._view_record)
        finished.addWidget(self.record_button)
        finished.addStretch(1)
        self.circle_line = QWidget()
        circle_row = QHBoxLayout(self.circle_line)
        circle_row.setContentsMargins(0, 0, 0, 0)
        circle_row.setSpacing(12)
        self.circle_button = QPushButton(self.tr("Open circle mode  C"))
        self.circle_button.setProperty("kind", "primary")
        self.circle_button.setAccessibleName(self.tr("Open circle mode (C)"))
        self.circle_button.setToolTip(self.tr("Shortcut: C"))
        self.circle_button.clicked.connect(self.open_circle)
        circle_row.addWidget(self.circle_button)
        circle_row.addWidget(label(self.tr("A sharing phase: speaking order, a soft share timer and a note per share."),
                                   "muted"))
        circle_row.addStretch(1)
        self.circle_line.hide()
        self.finish_bar = ConfirmBar(self.tr("Finish the session now? Phases not reached are kept as not run."),
                                     self.tr("Finish session"), self.tr("Keep running"))
        self.extend_bar = ExtendBar()
        self.problem = label("", "error", wrap=True)
        self.problem.hide()
        # Another laptop runs this session: this one follows it, without the controls.
        self.follow_line = QWidget()
        follow = QHBoxLayout(self.follow_line)
        follow.setContentsMargins(0, 0, 0, 0)
        self.follow_text = label("", "muted", wrap=True)
        follow.addWidget(self.follow_text, 1)
        self.take_over_button = QPushButton(self.tr("Try to run it here"))
        self.take_over_button.clicked.connect(self._take_over)
        follow.addWidget(self.take_over_button)
        self.follow_line.hide()
        self.note_line = QuickNoteLine()

        self.card_grid = QGridLayout()
        self.card_grid.setContentsMargins(0, 0, 0, 0)
        self.card_grid.setSpacing(14)
        cards = QWidget()
        cards.setLayout(self.card_grid)
        self.people_heading = label("", "section")
        self.no_people = label(self.tr("Nobody is expected at this session yet."), "muted")
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.people_heading)
        left.addWidget(self.no_people)
        left.addWidget(cards)
        left.addStretch(1)
        self.timeline = PhaseTimeline()
        self.notes = QuickNoteList()
        self.room_controls = RoomControls()
        right = QVBoxLayout()
        right.setSpacing(16)
        right.addWidget(section_card(self.tr("Timeline"), self.timeline))
        right.addWidget(section_card(self.tr("Room display"), self.room_controls))
        right.addWidget(section_card(self.tr("Notes"), self.notes))
        right.addStretch(1)
        lower = QHBoxLayout()
        lower.setSpacing(24)
        lower.addLayout(left, 3)
        lower.addLayout(right, 2)
        self._lower, self._right = lower, right

        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(hero)
        layout.addWidget(self.follow_line)
        layout.addWidget(self.controls)
        layout.addWidget(self.circle_line)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.finished_line)
        layout.addWidget(self.finish_bar)
        layout.addWidget(self.extend_bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.note_line)
        layout.addSpacing(8)
        layout.addLayout(lower)

        c = self.controls
        c.pause.clicked.connect(self.toggle_pause)
        c.next.clicked.connect(self.next_phase)
        c.extend5.clicked.connect(self.extend_five)
        c.extend1.clicked.connect(lambda: self._act(self.live.extend, 1))
        c.extend_custom.clicked.connect(self._open_extend)
        c.back.clicked.connect(lambda: self._act(self.live.back))
        c.skip.clicked.connect(lambda: self._act(self.live.skip))
        c.finish.clicked.connect(self._open_finish)
        self.finish_bar.confirmed.connect(self._finish)
        self.finish_bar.cancelled.connect(self.finish_bar.hide)
        self.extend_bar.extend.connect(self._extend_custom)
        self.extend_bar.cancelled.connect(self.extend_bar.hide)
        self.note_line.submitted.connect(self._add_note)
        self.room_controls.toggle.clicked.connect(self.toggle_room)
        self.room_controls.submitted.connect(self._set_room_message)

    # -- which session ---------------------------------------------------------------------------

    def _focused(self, session_id: object, screen_id: str = "") -> None:
        if screen_id == "runner" and isinstance(session_id, int):
            self._requested = session_id

    def activated(self) -> None:
        """Shown: open the session asked for, else keep the open one, else find the running one."""
        target = self._requested
        self._requested = None
        if target is None and self.live.session_id is not None and self.live.snapshot is not None \
                and self.live.snapshot.status != "finished":
            self.live.reload()
            return
        if target is None:
            try:
                target = self.ctx.store.run(find_running_session)
            except Exception:
                target = None
        if target is None:
            if self.live.session_id is None:
                self._show_state("empty")
            return
        self.open_session(target)

    def open_session(self, session_id: int) -> None:
        self.problem.hide()
        if not self.live.open(session_id) and self.live.snapshot is None:
            self._show_state("empty")

    def _show_state(self, state: str) -> None:
        self.state = state
        self.empty.setVisible(state != "content")
        self.content.setVisible(state == "content")
        if state == "empty":
            self.empty.title_label.setText(self.tr("No session is running"))
            self.empty.sentence_label.setText(self.tr("Start a planned session from Session setup; "
                                                      "its runner opens here."))
            assert self.empty.action is not None
            self.empty.action.setText(self.tr("Go to Session setup"))
            self.title_label.setText(self.tr("Runner"))
            self.subtitle_label.hide()
            set_text(self.session_clock, "")
            set_text(self.session_detail, "")

    def _refused(self, sentence: str) -> None:
        if self.live.snapshot is not None and self.state == "content":
            self._show_following()
            return
        self._show_state("refused")
        self.empty.title_label.setText(self.tr("This session is open elsewhere"))
        self.empty.sentence_label.setText(self._refusal(sentence)[0])
        assert self.empty.action is not None
        self.empty.action.setText(self.tr("Try again"))

    def _show_following(self) -> None:
        following = bool(self.live.refusal)
        if following:
            where = self._refusal(self.live.refusal)[1]  # who runs it, without how to take over
            self.follow_text.setText(self.tr("{where}. You follow it here as it happens; its controls stay there. "
                                             "Once that runner closes, you can run it here.").format(where=where))
        self.follow_line.setVisible(following)

    def _refusal(self, sentence: str) -> tuple[str, str]:
        """The runner lock's refusal (the service's English) said again: the whole sentence, and who holds it."""
        match = REFUSAL.fullmatch(sentence)
        if match is None:
            return sentence, sentence.split(";")[0].rstrip(".")
        where = match["where"] or ""
        return (self.tr("This session is already open in a runner on another computer or window{where}; close it "
                        "there first, or wait two minutes after that app has stopped.").format(where=where),
                self.tr("This session is already open in a runner on another computer or window{where}").format(
                    where=where))

    def _take_over(self) -> None:
        if self.live.session_id is not None:
            self.open_session(self.live.session_id)

    def _database_changed(self) -> None:
        """Something changed (maybe on another laptop): read the session and the board again."""
        if self.live.session_id is not None:
            self.live.reload()
        elif self.isVisible():
            self.activated()  # a session started elsewhere opens here

    def _empty_action(self) -> None:
        if self.state == "refused" and self.live.session_id is not None:
            self.open_session(self.live.session_id)
        else:
            self.ctx.navigate("session-setup")

    # -- showing ---------------------------------------------------------------------------------

    def _loaded(self, snapshot: RunnerSnapshot) -> None:
        self._show_state("content")
        self.title_label.setText(snapshot.group_name)
        details = [snapshot.title, snapshot.protocol_name, snapshot.location]
        self.subtitle_label.setText("  ·  ".join(d for d in details if d))
        self.subtitle_label.show()
        status = snapshot.status
        runs_here = not self.live.refusal
        self.controls.setVisible(status == "running" and runs_here)
        self.start_button.setVisible(status == "planned" and runs_here)
        self.finished_line.setVisible(status == "finished")
        self.note_line.setVisible(status == "running" and runs_here)
        self.room_controls.setEnabled(runs_here)
        self._show_following()
        if status != "running" or not runs_here:
            self.finish_bar.hide()
            self.extend_bar.hide()
        self._show_cards(snapshot)
        self._reload_board(snapshot.session_id)
        self.notes.show_notes(snapshot.notes)
        self.room_controls.show_message(snapshot.room_message)
        if self.room is not None:
            self.room.show_room(snapshot.room(self.live.view or snapshot.timer))
        self._ticked(self.live.view or snapshot.timer)

    def _show_cards(self, snapshot: RunnerSnapshot) -> None:
        people = snapshot.participants
        set_text(self.people_heading, self.tr("In the room  ·  {count}").format(count=len(people)))
        self.no_people.setVisible(not people)
        if people == self._cards_key:
            return
        self._cards_key = people
        for old in self.cards:
            old.hide()
            old.deleteLater()
        self.cards = [ParticipantCardWidget(card) for card in people]
        for widget in self.cards:
            connect_panel(widget.panel, self.feed, self)
            widget.show_monitoring(self._monitoring_card(widget.card.participant_id))
        self._place_cards()
        QTimer.singleShot(0, self._refit)  # the cards' widths are known once they are polished

    # -- the cards' columns follow the window ---------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refit()

    def _refit(self) -> None:
        columns = self._card_columns()
        if columns != self._columns:
            self._columns = columns
            self._place_cards()

    def _card_columns(self) -> int:
        """Two columns of cards when they fit beside the timeline; one on a smaller laptop's window
        (1280 or 1366 px), which would otherwise scroll sideways and hide the right-hand column."""
        if not self.cards:
            return self._columns
        card = max(c.minimumSizeHint().width() for c in self.cards)
        holder = self.scroll_area.widget()
        layout = holder.layout() if holder is not None else None
        sides = 0 if layout is None else layout.contentsMargins().left() + layout.contentsMargins().right()
        two = (CARD_COLUMNS * card + (CARD_COLUMNS - 1) * self.card_grid.spacing() + self._lower.spacing()
               + self._right.minimumSize().width() + sides)
        return CARD_COLUMNS if self.scroll_area.viewport().width() >= two else 1

    def _place_cards(self) -> None:
        for widget in self.cards:
            self.card_grid.removeWidget(widget)
        for i, widget in enumerate(self.cards):
            self.card_grid.addWidget(widget, i // self._columns, i % self._columns)

    # -- monitoring ------------------------------------------------------------------------------

    def _reload_board(self, session_id: int) -> None:
        """Follow the snapshot: a new session is read at once, the periodic reload off the UI thread."""
        if session_id != self.feed.session_id or self.feed.board is None:
            self.feed.follow(session_id)
        else:
            self.feed.reload_async()

    def _monitoring_card(self, participant_id: int):  # type: ignore[no-untyped-def]
        board = self.feed.board
        if board is None or not board.dosing:
            return None
        return board.card(participant_id)

    def _show_board(self, _board: object) -> None:
        for widget in self.cards:
            widget.show_monitoring(self._monitoring_card(widget.card.participant_id))

    def _ticked(self, view: TimerView) -> None:
        """Repaint from ``view``: only labels whose text changed, only bars that moved (≤ 2 ms)."""
        snapshot = self.live.snapshot
        if snapshot is None:
            return
        index = view.current_index
        phase = snapshot.phases[index] if index is not None else None
        self.clock.show_view(phase, view, len(snapshot.phases))
        self.next_panel.show_now(phase)
        upcoming = next((i for i in range(index + 1, len(view.phases))
                         if view.phases[i].status.value == "upcoming"), None) if index is not None else None
        self.next_panel.show_next(snapshot.phases[upcoming] if upcoming is not None else None,
                                  view.phases[upcoming] if upcoming is not None else None,
                                  last=index is not None and index == len(snapshot.phases) - 1)
        self.timeline.show_view(snapshot.phases, view)
        self.circle_line.setVisible(bool(phase is not None and phase.sharing and snapshot.status == "running"
                                         and view.state is not TimerState.FINISHED))
        self.controls.set_paused(view.state is TimerState.PAUSED)
        set_text(self.session_clock, self._session_clock(view))
        set_text(self.session_detail, self._session_detail(view))
        for card in self.cards:
            card.tick(view.now)
        if self.room is not None:
            self.room.show_room(snapshot.room(view))

    @staticmethod
    def _session_clock(view: TimerView) -> str:
        if view.state is TimerState.NOT_STARTED:
            return fmt.duration_minutes(round(view.session_planned_seconds / 60))
        return format_clock(view.session_elapsed_seconds)

    def _session_detail(self, view: TimerView) -> str:
        if view.state is TimerState.NOT_STARTED:
            return self.tr("planned for the whole session")
        if view.state is TimerState.FINISHED:
            return self.tr("the whole session")
        end = ("  ·  " + self.tr("ends about {time}").format(time=fmt.time_of_day(view.projected_end))
               if view.projected_end else "")
        return self.tr("session so far") + end

    def _chimed(self, _events: object) -> None:
        self.clock.glow.show()
        if self.room is not None:
            self.room.cue()

    def _problem(self, sentence: str) -> None:
        self.problem.setText(sentence)
        self.problem.show()

    # -- actions ---------------------------------------------------------------------------------

    def _usable(self) -> bool:
        """Shortcuts act only on a visible, unlocked runner holding a running session."""
        window = self.window()
        return self.isVisible() and not getattr(window, "locked", False) and self.live.running \
            and self.live.holds_runner

    def _act(self, action, *args) -> bool:  # type: ignore[no-untyped-def]
        done = bool(action(*args))
        if done:
            self.problem.hide()
        return done

    def toggle_pause(self) -> None:
        if self._usable():
            self._act(self.live.toggle_pause)

    def next_phase(self) -> None:
        if self._usable():
            self._act(self.live.next_phase)

    def extend_five(self) -> None:
        if self._usable():
            self._act(self.live.extend, 5)

    def open_circle(self) -> None:
        """C or the button: circle mode for this session, while a sharing phase runs."""
        if self._usable() and self.circle_line.isVisible() and self.live.session_id is not None:
            self.ctx.open_session(self.live.session_id, "circle")

    def note_key(self) -> None:
        if self._usable():
            self.note_line.focus_or_commit()

    def _open_extend(self) -> None:
        self.finish_bar.hide()
        self.extend_bar.open()

    def _extend_custom(self, minutes: int) -> None:
        if self._act(self.live.extend, minutes):
            self.extend_bar.hide()

    def _open_finish(self) -> None:
        self.extend_bar.hide()
        self.finish_bar.open()

    def _finish(self) -> None:
        self.finish_bar.hide()
        if self._act(self.live.finish):
            self.record_button.setFocus()  # keeps the view at the top, where the record is offered

    def _add_note(self, text: str) -> None:
        if self._act(self.live.add_note, text):
            self.note_line.field.clear()

    def _set_room_message(self, text: str) -> None:
        self._act(self.live.set_room_message, text)

    def _view_record(self) -> None:
        if self.live.session_id is not None:
            self.ctx.open_session(self.live.session_id, "session-detail")

    # -- the room display ------------------------------------------------------------------------

    def toggle_room(self) -> None:
        window = self.window()
        if getattr(window, "locked", False) or not self.isVisible():
            return
        if self.room is not None:
            self.room.close()
            return
        self.room = RoomDisplay()
        self.room.closed.connect(self._room_closed)
        snapshot = self.live.snapshot
        if snapshot is not None:
            self.room.show_room(snapshot.room(self.live.view or snapshot.timer))
        screen = window.screen() if window is not None else None
        self.room.place(screen)
        self.room_controls.set_open(True)

    def _data_changed(self) -> None:
        """Another screen changed the session (circle mode's round): the open room display follows at once."""
        if self.room is not None and not self.isVisible() and self.live.running:
            self.live.reload()

    def _room_closed(self) -> None:
        if self.room is not None:
            self.room.deleteLater()
        self.room = None
        self.room_controls.set_open(False)

    def shut_down(self) -> None:
        """The main window is closing: close the room display and give up the runner claim."""
        if self.room is not None:
            self.room.close()
        self.live.close()


def create(ctx: AppContext) -> QWidget:
    return RunnerScreen(ctx)
