"""The idle lock: after N quiet minutes an opaque overlay hides every record until a password is given.

The overlay covers only this window's widgets. Timers, chimes and the room display belong to other
objects and keep running underneath: a lock never disturbs a session in progress.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from facilitator.domain.clock import Clock
from facilitator.services.actor import Actor
from facilitator.services.sign_in import unlock
from facilitator.services.store import Store
from facilitator.ui.gate.form import GateCard, password_field
from facilitator.ui.icons import IconLabel
from facilitator.ui.workers import Task

CHECK_EVERY_MS = 5_000
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Watches the whole application's input; says when it has been quiet for ``minutes``.

    Quiet time is measured on the clock's monotonic reading, so changing the system time neither
    locks early nor postpones a lock.

    Signals:
        idle(): the quiet time passed (once, until activity resets it).
    """

    idle = Signal()

    def __init__(self, clock: Clock, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.minutes = minutes
        self.last_activity = clock.monotonic()
        self._fired = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.poke()
        return False

    def poke(self) -> None:
        self.last_activity = self.clock.monotonic()
        self._fired = False

    def check(self) -> None:
        if self.minutes <= 0 or self._fired:
            return
        if self.clock.monotonic() - self.last_activity >= self.minutes * 60:
            self._fired = True
            self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


class LockOverlay(QWidget):
    """An opaque cover over the main window with the unlock form.

    Signals:
        unlocked(Actor): the same user unlocked, or another user switched in.
    """

    unlocked = Signal(object)

    def __init__(self, store: Store, clock: Clock, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.store, self.clock = store, clock
        self.task: Task | None = None
        self.card = GateCard(self.tr("Locked"), "", self)
        self.switch_name = self.card.add_field(self.tr("Username"), QLineEdit())
        self.password = self.card.add_field(self.tr("Password"), password_field())
        self.unlock_button = self.card.add_button(self.tr("Unlock"))
        self.switch_button = self.card.add_button(self.tr("Sign in as someone else"), "link")
        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.switch_button.clicked.connect(self._switch_mode)
        badge = IconLabel("lock", size=36, role="accent")
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(badge)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(self.card, 4)
        self.hide()

    def engage(self) -> None:
        """Cover the window now (the caller records the lock in the audit trail)."""
        who = self.store.actor
        name = who.display_name if who else self.tr("the signed-in user")
        self.card.sentence.setText(self.tr("Signed in as {name}. Records are hidden until you unlock; a running "
                                           "session keeps its timers, chimes and room display.").format(name=name))
        self._same_user_mode()
        self.card.show_error("")
        parent = self.parentWidget()
        if parent is not None:
            self.resize(parent.size())
        self.raise_()
        self.show()
        self.password.setFocus()

    def _same_user_mode(self) -> None:
        who = self.store.actor
        self.switch_name.setText(who.username if who else "")
        self.card.form.setRowVisible(0, who is None)
        self.switch_button.setVisible(who is not None)

    def _switch_mode(self) -> None:
        self.switch_name.clear()
        self.card.form.setRowVisible(0, True)
        self.switch_button.hide()
        self.switch_name.setFocus()

    def submit(self) -> None:
        if self.task is not None:
            return
        username, password = self.switch_name.text().strip(), self.password.text()
        if not username or not password:
            self.card.show_error(self.tr("Enter the password to unlock."))
            return
        self.password.clear()
        self.unlock_button.setEnabled(False)
        self.task = Task(lambda progress=None: unlock(self.store, username, password, self.clock), parent=self)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _done(self, who: Actor) -> None:
        self._forget()
        self.hide()
        self.unlocked.emit(who)

    def _failed(self, message: str) -> None:
        self._forget()
        self.card.show_error(message)
        self.password.setFocus()

    def _forget(self) -> None:
        self.unlock_button.setEnabled(True)
        if self.task is not None:
            self.task.deleteLater()
            self.task = None
