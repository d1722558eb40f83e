"""Bootstrap of the desktop app: database, QApplication, theme and main window.

Qt is imported inside the functions so that ``facilitator.cli`` can import this module's names
without paying for Qt on the data-only commands.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from facilitator.domain.clock import Clock
    from facilitator.services.backup import AutoBackup
    from facilitator.services.instance_lock import InstanceLock
    from facilitator.services.store import Store
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.safety import InstanceServer

log = logging.getLogger(__name__)

# When this module was imported: the start of the clock if ``cli.main`` did not record an earlier one.
_IMPORTED_AT = time.perf_counter()
SMOKE_TIMEOUT_MS = 30_000
# Work that is not needed for the first window's first paint starts this long after it is shown.
START_AFTER_PAINT_MS = 200


def _started_at() -> float:
    from facilitator import cli

    return getattr(cli, "STARTED_AT", None) or _IMPORTED_AT


def _application() -> QApplication:
    """The QApplication, created once with the app's identity."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setApplicationName("Facilitator")
    QApplication.setOrganizationName("Facilitator")
    QApplication.setDesktopFileName("facilitator")
    return QApplication(sys.argv[:1])


class Launcher:
    """Holds the app's top-level windows: the sign-in gate first, then the main window.

    Attributes:
        gate: the first window (first run, set-up, sign-in).
        window: the main window, once someone has signed in.
    """

    def __init__(self, database_url: str | None, data_dir: str | Path | None, clock: Clock | None = None) -> None:
        from facilitator import paths
        from facilitator.services.clinic_probe import probe_clinic
        from facilitator.settings import load_settings
        from facilitator.ui import i18n
        from facilitator.ui.gate.window import GateWindow
        from facilitator.ui.theme import apply_theme

        probe = probe_clinic(database_url, data_dir)  # a bad place or file: one sentence, before any window
        self.data_dir = paths.resolve_data_dir(data_dir)
        self.settings = load_settings(self.data_dir)
        self.clock = clock
        self.gate: QWidget | None = None
        self.window: MainWindow | None = None
        self.auto_backup: AutoBackup | None = None
        self.backup_timer: QObject | None = None
        self.lock: InstanceLock | None = None
        self.instance_server: InstanceServer | None = None
        app = _application()
        i18n.install(self.settings.language)  # before the first window: its words are set when it is built
        if probe.target.sqlite_path is not None:
            self._claim(probe.target.sqlite_path)
        apply_theme(app, self.settings.theme, self.settings.large_text)
        gate = GateWindow(probe, database_url, data_dir, clock=clock)
        gate.opened.connect(self.open_main)
        self.gate = gate

    def _claim(self, database: Path) -> None:
        """One app per database: bring a running one to the front, or take the lock.

        Raises:
            AlreadyRunning: another app has this database open (it was asked to come to the front).
        """
        from PySide6.QtCore import QTimer

        from facilitator.services.instance_lock import AlreadyRunning, InstanceLock, live_holder

        if live_holder(database) is not None:
            from facilitator.ui.safety import ask_running_instance_to_raise

            if ask_running_instance_to_raise(database):
                raise AlreadyRunning("Facilitator is already open on this database; that window was brought to "
                                     "the front.")
        self.lock = InstanceLock(database).acquire()
        # Answering a second launch ("come to the front") and refreshing the lock can wait until the
        # first window has painted: Qt's network module is not needed for that paint.
        QTimer.singleShot(START_AFTER_PAINT_MS, lambda: self._serve(database))

    def _serve(self, database: Path) -> None:
        from facilitator.ui.safety import BackupTimer, InstanceServer

        if self.lock is None:  # already shut down
            return
        self.instance_server = InstanceServer(database, lambda: self.window or self.gate)
        self.heartbeat = BackupTimer(self.lock.heartbeat, self.instance_server)  # keeps the lock fresh

    @property
    def first_window(self) -> QWidget:
        assert self.gate is not None
        return self.gate

    def open_main(self, store: Store) -> None:
        from facilitator.services.backup import AutoBackup
        from facilitator.ui.main_window import MainWindow
        from facilitator.ui.safety import BackupTimer

        _log_to_data_dir(store.data_dir)
        store = self._offer_encryption(store)
        self.window = MainWindow(store, self.settings, clock=self.clock)
        if store.target.sqlite_path is not None:
            self.auto_backup = AutoBackup(store, self.settings.backup_interval_minutes)
            self.backup_timer = BackupTimer(self.auto_backup.tick, self.window)
        _fit_to_screen(_application(), self.window)
        self.window.show()
        self.window.open_running_session()  # after a crash or a restart, straight back to the runner
        if self.gate is not None:
            self.gate.close()
            self.gate.deleteLater()
            self.gate = None

    def _offer_encryption(self, store: Store) -> Store:
        """A plaintext SQLite clinic opened by an administrator: offer to encrypt it before anything else."""
        if store.encrypted or store.target.sqlite_path is None or store.actor is None or not store.actor.is_admin:
            return store
        from facilitator.ui.dialogs.encrypt_dialog import EncryptDialog

        dialog = EncryptDialog(store, self.gate)
        dialog.exec()
        return dialog.store

    def shut_down(self) -> None:
        if self.window is not None:
            from facilitator.services.sign_in import record_sign_out

            store = self.window.ctx.store
            try:
                record_sign_out(store)
            except Exception:  # closing must never fail because the database went away
                log.warning("sign-out not recorded")
            if self.auto_backup is not None:
                try:
                    self.auto_backup.on_close()
                except Exception as exc:
                    log.warning("backup on close failed (%s)", type(exc).__name__)
            store.dispose()
        if self.instance_server is not None:
            self.instance_server.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def run_app(database_url: str | None = None, data_dir: str | Path | None = None) -> int:
    """Open the app and run until its window closes. Returns the process exit code.

    A problem the user can fix (a locked or damaged database, an unwritable folder) is shown as one
    sentence in a message box and gives a non-zero exit code, never a traceback.
    """
    from PySide6.QtWidgets import QMessageBox

    app = _application()
    running: list[Launcher] = []
    _close_on_terminate(app, running)
    try:
        launcher = Launcher(database_url, data_dir)
        running.append(launcher)
    except UserError as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        QMessageBox.critical(None, "Facilitator cannot start", str(exc))
        return exc.exit_code
    _fit_to_screen(app, launcher.first_window)
    launcher.first_window.show()
    _warm_up_after_first_paint()
    try:
        return app.exec()
    finally:
        launcher.shut_down()


def _close_on_terminate(app: QApplication, running: list[Launcher]) -> None:
    """SIGTERM (a logout, a shutdown, a service manager) closes the app as its window's close button would.

    The window's own closing runs (open screens shut down, the room display closes), then the usual
    shutdown: sign-out recorded, a backup if due, the database closed cleanly (so the next start
    needs no full integrity check) and the lock released.
    """
    import signal

    from PySide6.QtCore import QTimer

    def terminate(_signum: int, _frame: object) -> None:
        window = (running[0].window or running[0].gate) if running else None
        if window is not None:
            window.close()
        QTimer.singleShot(0, app.quit)  # a quit() before the event loop runs would be lost

    signal.signal(signal.SIGTERM, terminate)
    # Python runs a signal handler only when it next gets the interpreter; while Qt's event loop waits
    # in C++ that could be never, so a quiet timer gives it a turn four times a second.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _warm_up_after_first_paint() -> None:
    """Load the database layer on a worker thread while the person types their password.

    The sign-in window paints without SQLAlchemy and the models (they cost more than the whole
    window); signing in needs them, so they are imported in the background meanwhile. Not a daemon
    thread: closing the app at once waits for the import to finish rather than cutting it short.
    """
    import threading

    from PySide6.QtCore import QTimer

    def load() -> None:
        try:
            import facilitator.services.opening  # noqa: F401
        except Exception:  # signing in imports it again and reports any problem properly
            log.warning("warming up the database layer failed")

    QTimer.singleShot(START_AFTER_PAINT_MS, lambda: threading.Thread(target=load, name="warm-up").start())


def _fit_to_screen(app: QApplication, window: QWidget) -> None:
    """A comfortable first size that never exceeds a small laptop screen."""
    screen = app.primaryScreen()
    if screen is None:
        window.resize(1280, 800)
        return
    room = screen.availableGeometry()
    # The runner and notes screens want about 1,400 px; a smaller screen gets all it has.
    window.resize(min(1440, room.width() - 40), min(900, room.height() - 40))


def _log_to_data_dir(data_dir: Path) -> None:
    """Keep a PHI-free log, and send exceptions raised inside Qt slots to it instead of a console."""
    from facilitator.logs import configure_logging, scrubbed_traceback

    log_file = configure_logging(data_dir)

    def excepthook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        # PySide reports an exception in a slot and carries on; keep its frames, not its message
        # (messages can quote record data).
        log.error("unexpected error in the interface\n%s", scrubbed_traceback(exc))
        print(f"facilitator: an unexpected error in the interface ({kind.__name__}); details are in {log_file}.",
              file=sys.stderr)
        try:
            from PySide6.QtWidgets import QApplication

            from facilitator.ui.safety import show_calm_error

            show_calm_error(QApplication.activeWindow(), log_file)
        except Exception:  # the safety net itself must never raise
            log.error("the error dialog could not be shown")

    sys.excepthook = excepthook


def smoke_test(database_url: str | None = None, data_dir: str | Path | None = None) -> int:
    """Open the app's real first window offscreen, wait for its first paint, print ``startup_ms=<n>``.

    The first window is the sign-in (or first-run) window: the clinic's records stay locked until
    someone signs in. The time runs from the start of ``facilitator.cli.main`` (or this module's
    import) to its first paint event. Returns 0, or 1 if the window never painted.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    _application()
    launcher = Launcher(database_url, data_dir)
    window = launcher.first_window
    painted: list[float] = []
    # A local loop rather than app.exec(): the application is not told to quit, so the smoke test
    # can run inside a larger program (or a test session) and leave it as it was.
    loop = QEventLoop()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
                QTimer.singleShot(0, loop.quit)  # let this paint finish before leaving the loop
            return False

    spy = FirstPaint(window)
    window.installEventFilter(spy)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, loop, loop.quit)
    window.resize(1280, 800)
    window.show()
    loop.exec()
    window.removeEventFilter(spy)
    window.close()
    launcher.shut_down()
    if not painted:
        print("facilitator: the first window did not paint within 30 seconds", file=sys.stderr)
        return 1
    print(f"startup_ms={round((painted[0] - _started_at()) * 1000)}")
    return 0


def main() -> int:
    """Entry point of the ``facilitator-gui`` launcher: the same arguments as ``facilitator``."""
    from facilitator import cli

    return cli.main()
