"""The main window: sidebar, the current screen, and a status bar naming the open database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QWidget

from facilitator.domain.clock import Clock
from facilitator.settings import Settings
from facilitator.ui import format as fmt
from facilitator.ui import icons, navigation
from facilitator.ui.context import AppContext
from facilitator.ui.sidebar import SHORTCUT_COUNT, Sidebar
from facilitator.ui.theme import apply_theme

if TYPE_CHECKING:
    from facilitator.services.store import Store

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
        self.ctx.bind(self.show_screen, self._apply_settings)
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

        self.welcome = None
        if store.is_empty():
            from facilitator.ui.welcome import WelcomeView  # only a first run needs it

            self.welcome = WelcomeView(self.ctx)
            self.welcome.finished.connect(self._leave_welcome)
            self.root.addWidget(self.welcome)
            self.root.setCurrentWidget(self.welcome)
        else:
            self.show_screen(navigation.DEFAULT_SCREEN)

    def page(self, screen_id: str) -> QWidget:
        """The widget of ``screen_id``, built on first use (screens import their module lazily)."""
        if screen_id not in self.pages:
            widget = navigation.entry(screen_id).load().create(self.ctx)
            widget.setObjectName(f"screen-{screen_id}")
            self.pages[screen_id] = widget
            self.stack.addWidget(widget)
        return self.pages[screen_id]

    def show_screen(self, screen_id: str) -> None:
        """Bring a screen to the front (leaving the welcome view if it is still showing)."""
        if self.root.currentWidget() is not self.shell:
            self.root.setCurrentWidget(self.shell)
        widget = self.page(screen_id)
        self.stack.setCurrentWidget(widget)
        self.sidebar.set_current(screen_id)
        activated = getattr(widget, "activated", None)
        if callable(activated):
            activated()
        if screen_id != self.current_screen:
            self.current_screen = screen_id
            self.screenChanged.emit(screen_id)

    def showing_welcome(self) -> bool:
        return self.welcome is not None and self.root.currentWidget() is self.welcome

    def _leave_welcome(self, _how: str) -> None:
        self.show_screen(navigation.DEFAULT_SCREEN)
        if self.welcome is not None:
            self.root.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        text, tooltip = fmt.database_label(self.ctx.store)
        self.db_icon = icons.IconLabel("database", size=16, role="muted")
        self.db_label = QLabel(text)
        self.db_label.setProperty("role", "status")
        self.db_label.setToolTip(tooltip)
        self.db_label.setAccessibleName(f"Open database: {tooltip}")
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(12, 0, 0, 0)
        line.setSpacing(0)
        line.addWidget(self.db_icon)
        line.addWidget(self.db_label)
        bar.addWidget(holder)
        self.clock_label = QLabel()
        self.clock_label.setProperty("role", "status")
        self.clock_label.setAccessibleName("Time now")
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

    def _shortcut(self, screen_id: str) -> None:
        # The first-run choice is made with the buttons; a stray shortcut must not skip it.
        if not self.showing_welcome():
            self.show_screen(screen_id)

    def _apply_settings(self, settings: Settings) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.large_text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock_timer.stop()
        super().closeEvent(event)
