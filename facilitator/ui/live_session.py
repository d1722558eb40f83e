"""The session a runner has open: its snapshot, the repaint tick, reloads, the runner claim and chimes.

Nothing here counts time. Each tick asks the snapshot for the timer at ``clock.monotonic()`` (no
database); each facilitator action is written at once through a service, which answers with a
fresh snapshot; every ``RELOAD_MS`` the snapshot is read again, so changes made elsewhere (a note
from the monitor's laptop) appear. The object lives on the UI thread and keeps ticking whatever
screen is in front and while the window is locked: chimes and the room display never stop.

A window refused the runner (another laptop runs the session) follows it read-only: it ticks
without chimes and reloads when the database changes, so the monitor's laptop sees the phases move.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.domain.enums import SessionStatus
from facilitator.domain.phase_timer import TimerView, new_chimes
from facilitator.errors import UserError
from facilitator.logs import scrubbed_traceback
from facilitator.services import runner
from facilitator.services.runner_lock import claim_runner, release_runner
from facilitator.services.runner_snapshot import RunnerSnapshot
from facilitator.ui.chime import ChimePlayer
from facilitator.ui.context import AppContext

log = logging.getLogger(__name__)

TICK_MS = 250
RELOAD_MS = 10_000
HEARTBEAT_MS = 30_000
_CLAIMED = (SessionStatus.PLANNED.value, SessionStatus.RUNNING.value)


def this_computer() -> str:
    return socket.gethostname() or "this computer"


class LiveSession(QObject):
    """One open session.

    Attributes:
        session_id: the open session (None when nothing is open).
        snapshot: its last snapshot from the database.
        view: the timer at the last tick.
        refusal: the sentence saying why this window may not run the session (another runner holds
            it); empty while this window holds the runner.
        sound: the chime player.

    Signals:
        loaded(object): a new :class:`RunnerSnapshot` (open, action, periodic reload).
        ticked(object): the :class:`TimerView` for now, every ``TICK_MS`` while the session runs.
        chimed(object): the tuple of chime events reached just now; the visual cue shows for each,
            whether or not a sound could play.
        problem(str): a refused action or a database that could not be reached, in one sentence.
        refused(str): another runner holds the session (the sentence to show).
    """

    loaded = Signal(object)
    ticked = Signal(object)
    chimed = Signal(object)
    problem = Signal(str)
    refused = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, sound: ChimePlayer | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id: int | None = None
        self.snapshot: RunnerSnapshot | None = None
        self.view: TimerView | None = None
        self.refusal = ""
        self.sound = sound or ChimePlayer(lambda: self.ctx.settings, self)
        self.tick_timer = self._timer(TICK_MS, self.tick)
        self.reload_timer = self._timer(RELOAD_MS, self.reload)
        self.heartbeat_timer = self._timer(HEARTBEAT_MS, self._heartbeat)

    def _timer(self, interval: int, slot: Callable[[], Any]) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    @property
    def holds_runner(self) -> bool:
        return self.snapshot is not None and not self.refusal and self.snapshot.status in _CLAIMED

    @property
    def running(self) -> bool:
        return self.snapshot is not None and self.snapshot.status == SessionStatus.RUNNING.value

    # -- opening and closing -------------------------------------------------------------------

    def open(self, session_id: int) -> bool:
        """Open ``session_id`` (releasing any other); False if it could not be loaded."""
        if session_id != self.session_id:
            self.close()
        self.session_id = session_id
        snapshot = self._call(runner.get_snapshot, session_id, self.ctx.clock)
        if snapshot is None:
            self.session_id = None
            return False
        self.refusal = ""
        if snapshot.status in _CLAIMED and not self._claim():
            self.view = None
            self._show(snapshot)  # followed read-only: ticking, no chimes, no heartbeat
            self.refused.emit(self.refusal)
            return True
        self.view = None  # a reopened session must not replay chimes that are long past
        self._show(snapshot)
        return True

    def close(self) -> None:
        """Stop ticking and give up the runner claim (the session itself goes on running)."""
        self._stop()
        if self.session_id is not None and self.holds_runner:
            try:
                self.ctx.store.run(release_runner, self.session_id, self.ctx.instance_id)
            except Exception as exc:  # closing must never fail; the claim goes stale in two minutes
                log.warning("runner claim not released\n%s", scrubbed_traceback(exc))
        self.session_id, self.snapshot, self.view, self.refusal = None, None, None, ""

    def _stop(self) -> None:
        for timer in (self.tick_timer, self.reload_timer, self.heartbeat_timer):
            timer.stop()

    def _claim(self) -> bool:
        assert self.session_id is not None
        try:
            self.ctx.store.run(claim_runner, self.session_id, self.ctx.instance_id, self.ctx.clock,
                               label=this_computer(), host=this_computer(), pid=os.getpid())
        except UserError as exc:
            self.refusal = str(exc)
            return False
        except Exception as exc:
            log.warning("runner claim failed\n%s", scrubbed_traceback(exc))
            self.refusal = "The session could not be opened because the database did not answer; try again."
            return False
        return True

    def _heartbeat(self) -> None:
        if self.session_id is None or not self.holds_runner:
            return
        if not self._claim():
            if self.snapshot is not None:
                self._show(self.snapshot)  # taken over elsewhere: follow it from now on
            self.refused.emit(self.refusal)

    # -- the tick ------------------------------------------------------------------------------

    def tick(self) -> TimerView | None:
        """The timer now, from the snapshot and the monotonic clock; chimes when a moment is reached."""
        if self.snapshot is None:
            return None
        view = self.snapshot.timer_at(self.ctx.clock.monotonic())
        events = new_chimes(self.view, view)
        self.view = view
        if events and not self.refusal:  # the runner's laptop chimes, not every laptop following it
            self.sound.play()
            self.chimed.emit(events)
        self.ticked.emit(view)
        return view

    def _show(self, snapshot: RunnerSnapshot, *, baseline: bool = False) -> None:
        self.snapshot = snapshot
        if baseline:
            # After an action, what was already due at that moment does not chime again.
            self.view = snapshot.timer
        running = snapshot.status == SessionStatus.RUNNING.value
        claimed = snapshot.status in _CLAIMED and not self.refusal
        for timer, wanted in ((self.tick_timer, running), (self.reload_timer, running),
                              (self.heartbeat_timer, claimed)):
            if wanted and not timer.isActive():
                timer.start()
            elif not wanted:
                timer.stop()
        if running and not self.refusal:
            self.sound.prepare()
        self.loaded.emit(snapshot)
        self.tick()

    def reload(self) -> None:
        """Read the session again (every ``RELOAD_MS`` and on a change), keeping the chime baseline."""
        if self.session_id is None:
            return
        snapshot = self._call(runner.get_snapshot, self.session_id, self.ctx.clock, quiet=True)
        if snapshot is not None:
            self._show(snapshot)

    # -- actions -------------------------------------------------------------------------------

    def _call(self, fn: Callable[..., Any], *args: Any, quiet: bool = False) -> Any:
        try:
            return self.ctx.store.run(fn, *args)
        except UserError as exc:
            self.problem.emit(str(exc))
        except Exception as exc:  # a lost server connection: the timer goes on from the snapshot
            log.error("runner call failed\n%s", scrubbed_traceback(exc))
            if not quiet:
                self.problem.emit("The database did not answer; the timer goes on and nothing was lost. Try again.")
        return None

    def act(self, fn: Callable[..., RunnerSnapshot], *args: Any) -> bool:
        """Apply a runner action (``fn(session, session_id, *args)``) and show its snapshot."""
        if self.session_id is None or self.refusal:
            return False
        snapshot = self._call(fn, self.session_id, *args)
        if snapshot is None:
            return False
        self._show(snapshot, baseline=True)
        self.ctx.dataChanged.emit()
        return True

    def _user(self) -> int | None:
        return self.ctx.store.actor.id if self.ctx.store.actor is not None else None

    def start(self) -> bool:
        return self.act(runner.start_session, self.ctx.clock, self._user())

    def toggle_pause(self) -> bool:
        if self.view is None:
            return False
        paused = self.view.state.value == "paused"
        return self.act(runner.resume_phase if paused else runner.pause_phase, self.ctx.clock)

    def extend(self, minutes: int) -> bool:
        return self.act(runner.extend_phase, minutes, self.ctx.clock, self._user())

    def next_phase(self) -> bool:
        return self.act(runner.next_phase, self.ctx.clock)

    def skip(self) -> bool:
        return self.act(runner.skip_phase, self.ctx.clock)

    def back(self) -> bool:
        return self.act(runner.back_to_previous_phase, self.ctx.clock)

    def finish(self) -> bool:
        done = self.act(runner.finish_session, self.ctx.clock)
        if done and self.session_id is not None:
            self._call(release_runner, self.session_id, self.ctx.instance_id, quiet=True)
        return done

    def add_note(self, text: str) -> bool:
        return self.act(runner.add_quick_note, text, self.ctx.clock, self._user())

    def set_room_message(self, text: str) -> bool:
        if self.session_id is None or self.refusal:
            return False
        if self._call(runner.set_room_message, self.session_id, text) is None:
            return False
        self.reload()
        return True
