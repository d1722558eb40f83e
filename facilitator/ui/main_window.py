"""The main window: sidebar, the current screen, and a status bar naming the open database."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QWidget

from facilitator.domain.clock import Clock
from facilitator.settings import Settings
from facilitator.ui import format as fmt
from facilitator.ui import icons, navigation
from facilitator.ui.context import AppContext
from facilitator.ui.live_refresh import LiveRefresh
from facilitator.ui.lock import IdleWatcher, LockOverlay
from facilitator.ui.sidebar import SHORTCUT_COUNT, Sidebar
from facilitator.ui.theme import apply_theme

if TYPE_CHECKING:
    from facilitator.services.store import Store

log = logging.getLogger(__name__)

WINDOW_TITLE = "Facilitator"  # never a participant's name: the title shows in task bars and screen shares
CLOCK_REFRESH_MS = 15_000
# An explicit minimum keeps the layout from resizing the window's limits whenever the type scale
# changes (and keeps a 1024 x 768 laptop usable with large text).
MINIMUM_SIZE = (960, 640)


class MainWindow(QMainWindow):
    """The app's one main window.

    Args:
        store: the open database.
        settings: this laptop's preferences (already applied to the app's theme).
        clock: the source of "now" for every screen; the system clock unless a test or the
            screenshot tool gives a fake one.

    Signals:
        screenChanged(str): the id of the screen brought to the front.
    """

    screenChanged = Signal(str)

    def __init__(self, store: Store, settings: Settings, clock: Clock | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.setMinimumSize(*MINIMUM_SIZE)
        icons.register()
        self.setWindowIcon(icons.icon("app", role="accent"))
        self.ctx = AppContext(store, settings, clock, self)
        self.ctx.bind(self.show_screen, self._apply_settings, self.open_screen)
        self.pages: dict[str, QWidget] = {}
        self.current_screen: str | None = None

        self.sidebar = Sidebar()
        self.sidebar.screenRequested.connect(self.show_screen)
        self.stack = QStackedWidget()
        shell = QWidget()
        row = QHBoxLayout(shell)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.root = QStackedWidget()
        self.root.addWidget(shell)
        self.shell = shell
        self.setCentralWidget(self.root)
        self._build_status_bar()
        self._build_shortcuts()

        self.lock_overlay = LockOverlay(store, self.ctx.clock, self)
        self.lock_overlay.unlocked.connect(self._unlocked)
        self.idle = IdleWatcher(self.ctx.clock, settings.idle_lock_minutes, self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.ctx.settingsChanged.connect(lambda s: setattr(self.idle, "minutes", s.idle_lock_minutes))
        # Another laptop on the same database: its changes show here within about a second.
        self.live_refresh = LiveRefresh(store, self)
        self.live_refresh.changed.connect(self._database_changed)
        self.live_refresh.start()
        self.show_screen(navigation.DEFAULT_SCREEN)

    @property
    def locked(self) -> bool:
        return self.lock_overlay.isVisible()

    def lock(self, reason: str = "by hand") -> None:
        """Hide every record behind the lock overlay (idle time, or Ctrl+L)."""
        if self.locked:
            return
        from facilitator.services.sign_in import record_lock

        try:
            record_lock(self.ctx.store, reason)
        except Exception:  # the lock itself must never fail: PHI gets hidden whatever the database says
            log.warning("lock not recorded in the audit trail")
        self.lock_overlay.engage()

    def _database_changed(self) -> None:
        if not self.locked:  # behind the lock nothing reloads; unlocking reloads everything anyway
            self.ctx.databaseChanged.emit()

    def _unlocked(self, _who: object) -> None:
        self.idle.poke()
        self.ctx.dataChanged.emit()  # another user may have switched in: screens reload

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.lock_overlay.resize(self.size())

    def page(self, screen_id: str) -> QWidget:
        """The widget of ``screen_id``, built on first use (screens import their module lazily)."""
        if screen_id not in self.pages:
            widget = navigation.entry(screen_id).load().create(self.ctx)
            widget.setObjectName(f"screen-{screen_id}")
            self.pages[screen_id] = widget
            self.stack.addWidget(widget)
        return self.pages[screen_id]

    def show_screen(self, screen_id: str) -> None:
        """Bring a screen to the front."""
        widget = self.page(screen_id)
        self.stack.setCurrentWidget(widget)
        self.sidebar.set_current(navigation.NAV_PARENT.get(screen_id, screen_id))
        activated = getattr(widget, "activated", None)
        if callable(activated):
            activated()
        if screen_id != self.current_screen:
            self.current_screen = screen_id
            self.screenChanged.emit(screen_id)

    def open_running_session(self) -> bool:
        """Bring the runner of a running session to the front (at start-up: a crash or restart resumes).

        Returns:
            True when a running session was found and its runner shown.
        """
        from facilitator.services.runner import find_running_session

        try:
            session_id = self.ctx.store.run(find_running_session)
        except Exception:  # the overview stays in front; the runner can still be opened by hand
            log.warning("could not look for a running session")
            return False
        if session_id is None:
            return False
        self.ctx.open_session(session_id, "runner")
        return True

    def open_screen(self, screen_id: str, target: dict[str, object]) -> None:
        """Show ``screen_id`` with one record open (``AppContext.open``); nothing comes forward while locked."""
        if self.locked:
            return
        widget = self.page(screen_id)
        opener = getattr(widget, "open_target", None)
        if callable(opener) and target:
            opener(**target)
        self.show_screen(screen_id)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        text, tooltip = fmt.database_label(self.ctx.store)
        self.db_icon = icons.IconLabel("database", size=16, role="muted")
        self.db_label = QLabel(text)
        self.db_label.setProperty("role", "status")
        self.db_label.setToolTip(tooltip)
        self.db_label.setAccessibleName(self.tr("Open database: {name}").format(name=tooltip))
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(12, 0, 0, 0)
        line.setSpacing(0)
        line.addWidget(self.db_icon)
        line.addWidget(self.db_label)
        bar.addWidget(holder)
        store = self.ctx.store
        if not store.encrypted and store.target.sqlite_path is not None:
            # Chosen or inherited, a plaintext file is a risk the team should keep seeing.
            self.plaintext_label = QLabel(self.tr("Not encrypted on this laptop"))
            self.plaintext_label.setProperty("role", "error")
            self.plaintext_label.setToolTip(self.tr("An administrator can encrypt the records when signing in."))
            bar.addWidget(self.plaintext_label)
        self.clock_label = QLabel()
        self.clock_label.setProperty("role", "status")
        self.clock_label.setAccessibleName(self.tr("Time now"))
        bar.addPermanentWidget(self.clock_label)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(CLOCK_REFRESH_MS)
        self._clock_timer.timeout.connect(self.update_clock)
        self._clock_timer.start()
        self.update_clock()

    def update_clock(self) -> None:
        self.clock_label.setText(fmt.time_of_day(self.ctx.clock.now()))

    def _build_shortcuts(self) -> None:
        self.shortcuts: list[QShortcut] = []
        for index, screen in enumerate(navigation.SCREENS[:SHORTCUT_COUNT]):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda sid=screen.id: self._shortcut(sid))
            self.shortcuts.append(shortcut)
        settings = QShortcut(QKeySequence("Ctrl+,"), self)
        settings.activated.connect(lambda: self._shortcut("settings"))
        self.shortcuts.append(settings)
        lock = QShortcut(QKeySequence("Ctrl+L"), self)
        lock.activated.connect(lambda: self.lock("by hand"))
        self.shortcuts.append(lock)

    def _shortcut(self, screen_id: str) -> None:
        # Behind the lock nothing may come to the front.
        if not self.locked:
            self.show_screen(screen_id)

    def _apply_settings(self, settings: Settings) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.large_text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock_timer.stop()
        self.idle.stop()
        self.live_refresh.stop()
        for page in self.pages.values():
            # Screens with something open outside this window (the room display, a runner claim).
            shut_down = getattr(page, "shut_down", None)
            if callable(shut_down):
                shut_down()
        super().closeEvent(event)
