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
# "participant" (a profile), "room-display" and "login" are written once their screens exist.
SCREENSHOT_IDS = ("today", "groups", "participants", "participant", "session-setup", "runner", "monitoring",
                  "circle", "notes", "history", "search", "protocols", "documents", "inventory", "audit",
                  "settings")
WINDOW_SIZE = (1440, 900)
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


def _fill_demo(store, clock: FakeClock, database_url: str | None) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui import welcome

    if not store.is_empty():
        # Only the demo clinic may appear in pictures: never a real clinic's records.
        if database_url and not getattr(store, "demo", False):
            raise UserError(f"The database {store.target.describe()} already holds records; screenshots use "
                            "the demo clinic, so give an empty database or none.")
        return
    if welcome.generate_demo_clinic is None:
        log.info("no demo generator in this version; screenshots show empty screens")
        return
    welcome.generate_demo_clinic(store, years=1, seed=DEMO_SEED, clock=clock)


def _window(store, theme: str, clock: FakeClock):  # type: ignore[no-untyped-def]
    from facilitator.settings import Settings
    from facilitator.ui.main_window import MainWindow

    window = MainWindow(store, Settings(theme=theme), clock=clock)  # type: ignore[arg-type]
    window.resize(*WINDOW_SIZE)
    window.show()
    return window


def write_screenshots(out_dir: Path, theme: str = "light", data_dir: str | Path | None = None,
                      database_url: str | None = None) -> list[Path]:
    """Render the first-run view and every built screen to ``out_dir/<screen-id>.png``.

    Args:
        out_dir: created if missing.
        theme: "light" or "dark".
        data_dir: where the temporary clinic is made (a temporary folder inside it, removed
            afterwards); None uses the system's temporary folder.
        database_url: an empty database to build the demo clinic in instead of a temporary SQLite
            file (to picture a PostgreSQL setup); a database with records is refused.

    Returns:
        The files written, in :data:`SCREENSHOT_IDS` order after ``welcome.png``.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from facilitator.app import _application
    from facilitator.services.store import open_store
    from facilitator.ui import navigation
    from facilitator.ui.theme import apply_theme

    if theme not in ("light", "dark"):
        raise UserError(f"Unknown theme {theme!r}; use light or dark.")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"The folder {out} cannot be created ({exc.strerror or exc}).") from None
    app = _application()
    apply_theme(app, theme, False)  # type: ignore[arg-type]
    known = {s.id for s in navigation.SCREENS}
    written: list[Path] = []
    parent = Path(data_dir) if data_dir else None
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="facilitator-screenshots-", dir=parent) as tmp:
        empty = open_store(data_dir=Path(tmp) / "empty")
        try:
            window = _window(empty, theme, frozen_clock())
            written.append(_grab(window, out / "welcome.png"))
            window.close()
            window.deleteLater()
        finally:
            empty.dispose()

        clock = frozen_clock()
        store = open_store(database_url, Path(tmp) / "demo")
        try:
            _fill_demo(store, clock, database_url)
            window = _window(store, theme, clock)
            for screen_id in SCREENSHOT_IDS:
                if screen_id in known:
                    window.show_screen(screen_id)
                    written.append(_grab(window, out / f"{screen_id}.png"))
            window.close()
            window.deleteLater()
            _settle()
        finally:
            store.dispose()
    return written
