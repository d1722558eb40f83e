"""The window before the main window: first run, set-up, sign-in, emergency access.

Every step that touches the database or derives a key runs off the UI thread; the window only
shows progress and the one sentence that explains a failure.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from facilitator.domain.clock import Clock, SystemClock
from facilitator.services.clinic_probe import ClinicProbe, DamagedDatabase, NewClinic
from facilitator.ui import icons
from facilitator.ui.gate.login_page import EmergencyPage, LoginPage
from facilitator.ui.workers import Task

if TYPE_CHECKING:
    from facilitator.services.store import Store
    from facilitator.ui.gate.recovery_page import RecoveryPage
    from facilitator.ui.gate.setup_page import SetupPage
    from facilitator.ui.gate.welcome import WelcomeView

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


P = TypeVar("P", bound=QWidget)


class _Page(Generic[P]):
    """A page of the gate, built and added to its stack the first time it is asked for."""

    def __init__(self, build: Callable[[GateWindow], P]) -> None:
        self.build = build

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, gate: GateWindow, owner: type | None = None) -> P:
        page = gate._pages.get(self.name)
        if page is None:
            page = gate._pages[self.name] = self.build(gate)
            gate.stack.addWidget(page)
        return page  # type: ignore[return-value]


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
        self._pages: dict[str, QWidget] = {}
        self.stack.setCurrentWidget(self.welcome if probe.state == "new" else self.login)

    # Pages are built when first shown: start-up pays for the one page the person sees.
    def _build_welcome(self) -> WelcomeView:
        from facilitator.ui.gate.welcome import WelcomeView

        page = WelcomeView()
        page.demoRequested.connect(self._start_demo)
        page.setupRequested.connect(lambda: self.stack.setCurrentWidget(self.setup))
        return page

    def _build_setup(self) -> SetupPage:
        from facilitator.ui.gate.setup_page import SetupPage

        page = SetupPage()
        page.cancelled.connect(lambda: self.stack.setCurrentWidget(self.welcome))
        page.submitted.connect(self._create_clinic)
        return page

    def _build_recovery(self) -> RecoveryPage:
        from facilitator.ui.gate.recovery_page import RecoveryPage

        page = RecoveryPage()
        page.done.connect(self._after_recovery)
        return page

    def _build_login(self) -> LoginPage:
        where = self.probe.target.describe() if self.probe.state == "server" else "this laptop"
        page = LoginPage(where, demo=self.probe.demo)
        page.submitted.connect(self._sign_in)
        page.emergencyRequested.connect(lambda: self.stack.setCurrentWidget(self.emergency))
        return page

    def _build_emergency(self) -> EmergencyPage:
        page = EmergencyPage()
        page.cancelled.connect(lambda: self.stack.setCurrentWidget(self.login))
        page.submitted.connect(self._emergency)
        return page

    welcome = _Page(_build_welcome)
    setup = _Page(_build_setup)
    recovery = _Page(_build_recovery)
    login = _Page(_build_login)
    emergency = _Page(_build_emergency)

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
