"""The app's safety nets: a calm dialog for unexpected errors, one window per database, timed backups."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

CALM_TITLE = "Something went wrong"
CALM_TEXT = "Something went wrong; your work is saved; details are in the log."
RAISE = b"raise"
_open_dialogs: list[QMessageBox] = []


def show_calm_error(parent: QWidget | None, log_file: Path | None = None) -> QMessageBox | None:
    """Tell the person, without the error's message (it may quote record data) and without blocking.

    The box is not modal, so a running session's timers and screens carry on behind it; while one is
    open, further errors only go to the log.
    """
    if _open_dialogs:
        return None
    box = QMessageBox(QMessageBox.Icon.Information, CALM_TITLE, CALM_TEXT, QMessageBox.StandardButton.Ok, parent)
    if log_file is not None:
        box.setInformativeText(f"The log is {log_file}.")
    box.setModal(False)
    box.finished.connect(lambda _code: _forget(box))
    _open_dialogs.append(box)
    _present(box)
    return box


def _present(box: QMessageBox) -> None:
    box.show()  # not exec(): nothing waits for the person to answer


def _forget(box: QMessageBox) -> None:
    if box in _open_dialogs:
        _open_dialogs.remove(box)
    box.deleteLater()


def server_name(database: Path) -> str:
    """A local socket name for one database file (the path's hash: no folder names in it)."""
    return "facilitator-" + hashlib.sha256(str(database.resolve()).encode()).hexdigest()[:20]


def ask_running_instance_to_raise(database: Path, timeout_ms: int = 500) -> bool:
    """True when another app holds this database and was asked to come to the front."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(database))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for a second start on the same database and brings this app's window to the front."""

    def __init__(self, database: Path, front: Callable[[], QWidget | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._front = front
        self.server = QLocalServer(self)
        name = server_name(database)
        QLocalServer.removeServer(name)  # a name left behind by a crashed app (the lock file said it was stale)
        self.server.listen(name)
        self.server.newConnection.connect(self._connection)

    def _connection(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda: self._read(socket))
        socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).strip() == RAISE:
            self.bring_to_front()

    def bring_to_front(self) -> None:
        window = self._front()
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    def close(self) -> None:
        self.server.close()


class BackupTimer(QObject):
    """Calls ``tick`` every minute (is a backup due? refresh the lock); a failure is logged, never shown."""

    def __init__(self, tick: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tick = tick
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.run)
        self.timer.start()

    def run(self) -> None:
        try:
            self._tick()
        except Exception as exc:
            log.warning("timed safety task failed (%s)", type(exc).__name__)
