"""``facilitator screenshots``: every built screen rendered offscreen with the demo clinic, as PNGs.

The pictures are reproducible: the demo clinic comes from a fixed seed and the window's clock is
frozen at a fixed local time, so "running for 1 h 10 min" reads the same on every run. Nothing is
written to the user's own database unless they name an empty one with ``--database-url``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path

from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError

log = logging.getLogger(__name__)

# The file names the docs and reviewers expect, in the order a reader meets the screens.
# "participant" (a profile) and "room-display" are written once their screens exist; "welcome" and
# "login" come first, from the window before the main window.
SCREENSHOT_IDS = ("today", "groups", "participants", "participant", "session-setup", "runner", "room-display",
                  "monitoring",
                  "circle", "notes", "history", "search", "protocols", "documents", "inventory", "audit",
                  "settings")
WINDOW_SIZE = (1440, 900)
ROOM_SIZE = (1280, 720)  # the room display, as on a television or projector
DEMO_SEED = 7
FROZEN_NOW = datetime(2026, 3, 12, 10, 40)  # local time: a Thursday morning, mid-session in the demo


def frozen_clock() -> FakeClock:
    return FakeClock(FROZEN_NOW.astimezone())


def _settle() -> None:
    """Let layouts, deferred deletes and first paints finish before a grab."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _grab(window, path: Path) -> Path:  # type: ignore[no-untyped-def]
    _settle()
    if not window.grab().save(str(path), "PNG"):
        raise UserError(f"The screenshot {path} could not be written.")
    return path


def _window(store, theme: str, clock: FakeClock):  # type: ignore[no-untyped-def]
    from facilitator.settings import Settings
    from facilitator.ui.main_window import MainWindow

    window = MainWindow(store, Settings(theme=theme), clock=clock)  # type: ignore[arg-type]
    window.resize(*WINDOW_SIZE)
    window.show()
    return window


def write_screenshots(out_dir: Path, theme: str = "light", data_dir: str | Path | None = None,
                      database_url: str | None = None, language: str = "en") -> list[Path]:
    """Render the first-run view and every built screen to ``out_dir/<screen-id>.png``.

    Args:
        out_dir: created if missing.
        theme: "light" or "dark".
        data_dir: where the temporary clinic is made (a temporary folder inside it, removed
            afterwards); None uses the system's temporary folder.
        language: the interface's language ("en" or "es"), as chosen in Settings.
        database_url: an empty database to build the demo clinic in instead of a temporary SQLite
            file (to picture a PostgreSQL setup); a database with records is refused.

    Returns:
        The files written, in :data:`SCREENSHOT_IDS` order after ``welcome.png``.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from facilitator.app import _application
    from facilitator.ui import i18n
    from facilitator.ui.theme import apply_theme

    if theme not in ("light", "dark"):
        raise UserError(f"Unknown theme {theme!r}; use light or dark.")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"The folder {out} cannot be created ({exc.strerror or exc}).") from None
    if language not in i18n.LANGUAGES:
        raise UserError(f"Unknown language {language!r}; use " + " or ".join(i18n.LANGUAGES) + ".")
    app = _application()
    apply_theme(app, theme, False)  # type: ignore[arg-type]
    i18n.install(language)
    written: list[Path] = []
    parent = Path(data_dir) if data_dir else None
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="facilitator-screenshots-", dir=parent) as tmp:
        written.append(_grab_gate(database_url if database_url else None, Path(tmp) / "new", out / "welcome.png",
                                  empty_only=True))
        clock = frozen_clock()
        store = _demo_store(database_url, Path(tmp) / "demo", clock)
        try:
            written.append(_grab_gate(database_url, Path(tmp) / "demo", out / "login.png"))
            window = _window(store, theme, clock)
            window.open_running_session()  # the demo's session running now is the runner's
            for screen_id in planned_ids():
                if screen_id == "circle":
                    continue  # last: its second running session must not change the pictures after it
                if screen_id == "room-display":
                    written.append(_grab_room(window, out / f"{screen_id}.png"))
                elif screen_id in PROFILE_SHOTS:
                    written.append(_grab_profile(window, store, clock, screen_id, out / f"{screen_id}.png"))
                else:
                    window.show_screen(screen_id)
                    if screen_id == "documents":  # pictured with a summary open in its preview
                        window.pages[screen_id].preview_latest_summary()
                    _prepare(window, screen_id)
                    written.append(_grab(window, out / f"{screen_id}.png"))
            written.append(_grab_progress(window, out / "history-participant.png"))
            if "circle" in planned_ids():
                shot = _grab_circle(window, store, clock, out / "circle.png")
                written.insert(2 + planned_ids().index("circle"), shot)
            window.close()
            window.deleteLater()
            _settle()
        finally:
            store.dispose()
            i18n.install("en")
    return written


SEARCH_WORD = "grief"  # a word the demo's notes use


def _wait_for_tasks() -> None:
    """Let background work (history pages, searches, charts) finish and report before a grab."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(10_000)
    _settle()


def _prepare(window, screen_id: str) -> None:  # type: ignore[no-untyped-def]
    """Put a screen in a state worth looking at: a search typed, the first history page loaded."""
    if screen_id == "search":
        screen = window.pages["search"]
        screen.field.setText(SEARCH_WORD)
        screen.timer.stop()
        screen.run()
    _wait_for_tasks()


def _grab_progress(window, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """History filtered to one participant with scores, showing the progress chart."""
    window.show_screen("history")
    screen = window.pages["history"]
    _wait_for_tasks()
    screen.person.setCurrentIndex(min(2, screen.person.count() - 1))
    _wait_for_tasks()
    return _grab(window, path)


def _grab_room(window, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The room display of the runner's session, at a television's proportions."""
    window.show_screen("runner")
    runner = window.pages["runner"]
    runner.toggle_room()
    room = runner.room
    if room is None:
        raise UserError("The room display could not be opened for its screenshot.")
    room.resize(*ROOM_SIZE)
    try:
        return _grab(room, path)
    finally:
        room.close()


def _grab_circle(window, store, clock: FakeClock, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Circle mode with a circle under way: a drop-in circle's check-in round, someone speaking now."""
    from facilitator.services.demo.live_circle import start_live_circle

    session_id = store.run(start_live_circle, clock)
    window.ctx.open_session(session_id, "circle")
    screen = window.pages["circle"]
    screen.note_field.setText("Noticed her shoulders drop when she talked about the garden")
    _wait_for_tasks()
    return _grab(window, path)


# Pictures of one record rather than a whole screen: id -> the screen that opens it.
PROFILE_SHOTS = {"participant": "participants"}


def planned_ids() -> list[str]:
    """The screenshots this build writes after welcome and login: built screens, and profiles of built screens."""
    from facilitator.ui import navigation

    known = set(navigation.screen_ids())
    return [s for s in SCREENSHOT_IDS if s in known or PROFILE_SHOTS.get(s) in known or s == "room-display"]


def _grab_profile(window, store, clock: FakeClock, shot: str, path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A demo participant's profile: an active member with screening flags and a history."""
    from facilitator.services.roster import roster_rows

    rows = store.run(roster_rows, clock.now().astimezone().date())
    current = [r for r in rows if r.status == "active" and r.groups and r.last_session]
    # The fullest picture: the most screening flags, then a preferred name, then the earliest in the roster.
    chosen = min(current, key=lambda r: (-len(r.flags), not r.preferred_name, r.sort_name)) if current else (
        rows[0] if rows else None)
    screen = PROFILE_SHOTS[shot]
    if chosen is None:
        window.show_screen(screen)
        return _grab(window, path)
    window.ctx.open(screen, participant_id=chosen.id)
    try:
        return _grab(window, path)
    finally:
        window.page(screen).show_roster()


def _demo_store(database_url: str | None, data_dir: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    """The demo clinic, signed in as its demo user; only ever a new database (never real records)."""
    from facilitator.services.demo_clinic import create_demo_clinic
    from facilitator.services.store import probe_clinic

    if probe_clinic(database_url, data_dir).state not in ("new", "server"):
        raise UserError("Screenshots use the demo clinic and need an empty database; give an empty one or none.")
    store, _summary = create_demo_clinic(database_url, data_dir, years=1, seed=DEMO_SEED, clock=clock)
    return store


def _grab_gate(database_url: str | None, data_dir: Path, path: Path, *, empty_only: bool = False) -> Path:
    """The window before the main window: the first-run choice, or the demo clinic's sign-in."""
    from facilitator.services.store import probe_clinic
    from facilitator.ui.gate.window import GateWindow

    if empty_only:
        database_url = None  # the first-run picture never needs the server
    gate = GateWindow(probe_clinic(database_url, data_dir), database_url, data_dir, clock=frozen_clock())
    gate.resize(*WINDOW_SIZE)
    gate.show()
    try:
        return _grab(gate, path)
    finally:
        gate.close()
        gate.deleteLater()
