"""What every screen is given: the open store, the clock, this laptop's settings, and navigation.

Screens receive one :class:`AppContext` instead of reaching for globals, so a test can build any
screen with a temporary store and a fake clock.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from facilitator.domain.clock import Clock, SystemClock
from facilitator.settings import Settings, save_settings

if TYPE_CHECKING:
    from facilitator.services.store import Store

log = logging.getLogger(__name__)


class AppContext(QObject):
    """Shared state of one main window.

    Attributes:
        store: the open database (screens call services through ``store.run``).
        clock: the only source of "now" for the UI.
        settings: this laptop's preferences as last saved.
        session_id: the session the session screens (setup, runner, detail) are about; None for
            a new plan or "whichever session is running".
        instance_id: this run of the app, as it claims a session's runner (one runner per session).
        document_request: a document another screen asked the Documents screen to make, until it does.

    Signals:
        settingsChanged(Settings): after a change was applied and saved.
        dataChanged(): after something changed the database (screens reload when shown next).
        databaseChanged(): the live refresh saw the database change, on this computer or another
            (about once a second at most); shown screens reload in place without disturbing an edit.
        sessionFocused(object, str): the new :attr:`session_id` (an int, or None) and the screen asked for.
    """

    settingsChanged = Signal(object)
    dataChanged = Signal()
    databaseChanged = Signal()
    sessionFocused = Signal(object, str)

    def __init__(self, store: Store, settings: Settings, clock: Clock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.settings = settings
        self.session_id: int | None = None
        self.instance_id = uuid.uuid4().hex
        self.document_request: tuple[str, int] | None = None
        self._navigate: Callable[[str], None] = lambda _screen_id: None
        self._apply: Callable[[Settings], None] = lambda _settings: None
        self._open: Callable[[str, dict[str, Any]], None] = lambda screen_id, _target: self._navigate(screen_id)

    def bind(self, navigate: Callable[[str], None], apply_settings: Callable[[Settings], None],
             open_screen: Callable[[str, dict[str, Any]], None] | None = None) -> None:
        """Connect the context to its window (done once, by the main window)."""
        self._navigate, self._apply = navigate, apply_settings
        if open_screen is not None:
            self._open = open_screen

    def navigate(self, screen_id: str) -> None:
        """Bring ``screen_id`` to the front."""
        self._navigate(screen_id)

    def open_session(self, session_id: int | None, screen_id: str = "runner") -> None:
        """Make ``session_id`` the session the session screens show, then bring ``screen_id`` forward."""
        self.session_id = session_id
        self.sessionFocused.emit(session_id, screen_id)
        self.navigate(screen_id)

    def open(self, screen_id: str, **target: Any) -> None:
        """Bring ``screen_id`` to the front showing one record, e.g. ``open("check-in", session_id=12)``.

        The screen's ``open_target(**target)`` is called first (screens without one just come to the front).
        """
        self._open(screen_id, target)

    def request_document(self, kind: str, target_id: int) -> None:
        """Open the Documents screen and make ``kind`` ("summary", "handouts"…) for a session or participant."""
        self.document_request = (kind, target_id)
        self.navigate("documents")

    def update_settings(self, **changes: Any) -> str | None:
        """Apply and save a change to this laptop's settings.

        Returns:
            None when saved, else one sentence saying why the change could not be saved (it still
            applies until the app closes).
        """
        new = self.settings.with_changes(**changes)
        if new == self.settings:
            return None
        self.settings = new
        self._apply(new)
        problem = None
        try:
            save_settings(self.store.data_dir, new)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)
            problem = f"The settings could not be saved ({exc.strerror or exc}); they apply until you quit."
        self.settingsChanged.emit(new)
        return problem
