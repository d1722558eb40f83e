"""The window before the main window: first run, set-up, sign-in, emergency access.

Every step that touches the database or derives a key runs off the UI thread; the window only
shows progress and the one sentence that explains a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from facilitator.domain.clock import Clock, SystemClock
from facilitator.services.opening import ClinicProbe, DamagedDatabase, NewClinic
from facilitator.services.store import Store
from facilitator.ui import icons
from facilitator.ui.gate.login_page import EmergencyPage, LoginPage
from facilitator.ui.gate.recovery_page import RecoveryPage
from facilitator.ui.gate.setup_page import SetupPage
from facilitator.ui.gate.welcome import WelcomeView
from facilitator.ui.workers import Task

DEMO_YEARS, DEMO_SEED = 1, 7


def _create_demo(database_url: str | None, data_dir: str | Path | None, clock: Clock,
                 progress: Any = None) -> Store:
    from facilitator.services.demo_clinic import create_demo_clinic

    store, _summary = create_demo_clinic(database_url, data_dir, years=DEMO_YEARS, seed=DEMO_SEED, clock=clock,
                                         progress=progress)
    return store


def _create_clinic(database_url: str | None, data_dir: str | Path | None, new: NewClinic, clinic_name: str,
                   progress: Any = None) -> Store:
    from facilitator.services.clinic import set_clinic_setting
    from facilitator.services.store import open_store

    store = open_store(database_url, data_dir, new_clinic=new)
    if clinic_name:
        store.run(set_clinic_setting, "clinic_name", clinic_name)
    return store


def _sign_in(database_url: str | None, data_dir: str | Path | None, credentials: Any, clock: Clock,
             progress: Any = None) -> Store | DamagedDatabase:
    """Sign in; a damaged database comes back as a value, so the window can offer the newest good backup."""
    from facilitator.services.store import open_store

    try:
        return open_store(database_url, data_dir, credentials=credentials, clock=clock)
    except DamagedDatabase as damaged:
        return damaged


def _restore_and_sign_in(database_url: str | None, data_dir: str | Path | None, credentials: Any, clock: Clock,
                         damaged: DamagedDatabase, progress: Any = None) -> Store:
    from facilitator import paths
    from facilitator.services.restore import restore_backup
    from facilitator.services.store import open_store

    assert damaged.backup is not None
    restore_backup(damaged.path, damaged.backup, credentials, data_dir=paths.resolve_data_dir(data_dir),
                   damaged=True, clock=clock)
    return open_store(database_url, data_dir, credentials=credentials, clock=clock)


def ask_to_restore(parent: QWidget, damaged: DamagedDatabase) -> bool:
    """Offer the newest good backup (a separate function, so tests can answer for the person)."""
    assert damaged.backup is not None
    answer = QMessageBox.question(
        parent, "The database is damaged",
        f"The clinic database is damaged; it was not changed. Restore the newest good backup "
        f"({damaged.backup.name})? The damaged file is kept in the backups folder.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


class GateWindow(QWidget):
    """First run, set-up and sign-in.

    Args:
        probe: what is at the configured place (new, encrypted, plaintext, server).

    Signals:
        opened(Store): a signed-in store; the caller opens the main window with it.
    """

    opened = Signal(object)

    def __init__(self, probe: ClinicProbe, database_url: str | None, data_dir: str | Path | None,
                 clock: Clock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Facilitator")
        self.setObjectName("gate")
        self.setMinimumSize(960, 640)
        icons.register()
        self.setWindowIcon(icons.icon("app", role="accent"))
        self.probe, self.database_url, self.data_dir = probe, database_url, data_dir
        self.clock: Clock = clock or SystemClock()
        self.task: Task | None = None
        self._pending_store: Store | None = None

        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.welcome = WelcomeView()
        self.setup = SetupPage()
        self.recovery = RecoveryPage()
        where = probe.target.describe() if probe.state == "server" else "this laptop"
        self.login = LoginPage(where, demo=probe.demo)
        self.emergency = EmergencyPage()
        for page in (self.welcome, self.setup, self.recovery, self.login, self.emergency):
            self.stack.addWidget(page)

        self.welcome.demoRequested.connect(self._start_demo)
        self.welcome.setupRequested.connect(lambda: self.stack.setCurrentWidget(self.setup))
        self.setup.cancelled.connect(lambda: self.stack.setCurrentWidget(self.welcome))
        self.setup.submitted.connect(self._create_clinic)
        self.recovery.done.connect(self._after_recovery)
        self.login.submitted.connect(self._sign_in)
        self.login.emergencyRequested.connect(lambda: self.stack.setCurrentWidget(self.emergency))
        self.emergency.cancelled.connect(lambda: self.stack.setCurrentWidget(self.login))
        self.emergency.submitted.connect(self._emergency)
        self.stack.setCurrentWidget(self.welcome if probe.state == "new" else self.login)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _run(self, fn: Any, *args: Any, done: Any, failed: Any, progress: Any = None) -> None:
        if self.task is not None:
            return
        self.task = Task(fn, *args, parent=self)
        if progress is not None:
            self.task.progress.connect(progress)

        def succeeded(result: Any) -> None:
            self._forget()
            done(result)

        def fail(message: str) -> None:
            self._forget()
            failed(message)

        self.task.succeeded.connect(succeeded)
        self.task.failed.connect(fail)
        self.task.start()

    def _forget(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
            self.task = None

    def _start_demo(self) -> None:
        self.welcome.show_busy("Creating the demo clinic…")
        self._run(_create_demo, self.database_url, self.data_dir, self.clock, done=self.opened.emit,
                  failed=self.welcome.show_failure, progress=self.welcome.show_progress)

    def _create_clinic(self, new: NewClinic) -> None:
        self.setup.set_busy(True)

        def created(store: Store) -> None:
            self._pending_store = store
            self.recovery.set_key(store.new_recovery_key or "")
            store.new_recovery_key = None
            self.stack.setCurrentWidget(self.recovery)

        def failed(message: str) -> None:
            self.setup.set_busy(False)
            self.setup.show_error(message)

        self._run(_create_clinic, self.database_url, self.data_dir, new, self.setup.clinic_name(), done=created,
                  failed=failed)

    def _after_recovery(self) -> None:
        store, self._pending_store = self._pending_store, None
        if store is not None:
            self.opened.emit(store)

    def _sign_in(self, credentials: Any) -> None:
        self.login.set_busy(True)

        def failed(message: str) -> None:
            self.login.set_busy(False)
            self.login.show_error(message)

        def done(result: Store | DamagedDatabase) -> None:
            if not isinstance(result, DamagedDatabase):
                self.opened.emit(result)
            elif result.backup is None or not ask_to_restore(self, result):
                failed(str(result))
            else:
                self._run(_restore_and_sign_in, self.database_url, self.data_dir, credentials, self.clock, result,
                          done=self.opened.emit, failed=failed)

        self._run(_sign_in, self.database_url, self.data_dir, credentials, self.clock, done=done, failed=failed)

    def _emergency(self, access: Any) -> None:
        self.emergency.set_busy(True)

        def failed(message: str) -> None:
            self.emergency.set_busy(False)
            self.emergency.show_error(message)

        def done(result: Store | DamagedDatabase) -> None:
            if isinstance(result, DamagedDatabase):
                failed(str(result))
            else:
                self.opened.emit(result)

        self._run(_sign_in, self.database_url, self.data_dir, access, self.clock, done=done, failed=failed)
