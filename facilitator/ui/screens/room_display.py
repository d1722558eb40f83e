"""The room display: a second, dark window for everyone in the room. Never a name, never PHI.

It shows only what a :class:`RoomView` holds: the phase's name, a calm ring, the time left, the
line the facilitator typed, and during a circle its round (never who is speaking). On a second
monitor it fills that screen; otherwise it is an ordinary window that can be moved and resized (F
or F11 toggles full screen, Esc leaves it). It is its own top-level window, so the main window's
idle lock never hides or stops it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QGuiApplication, QKeyEvent, QMouseEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from facilitator.domain.timeline import TimerState
from facilitator.services.runner_snapshot import RoomView
from facilitator.ui.context import AppContext
from facilitator.ui.widgets.phase_clock import set_text
from facilitator.ui.widgets.progress import ProgressRing, colour_or

WINDOW_TITLE = "Room display"  # the title (translated) shows in task bars: never a name
TRACK = QColor("#262c29")
WARM = QColor("#c9a46a")  # past the plan: a soft amber, never red
DEFAULT_COLOUR = "#7fa892"
WINDOWED_SIZE = (960, 600)
MINIMUM_SIZE = (360, 260)


def _label(name: str) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


class RoomDisplay(QWidget):
    """The room's window. Feed it with :meth:`show_room`; :meth:`cue` shows the chime's glow.

    Signals:
        closed(): the window was closed (by the facilitator or its own Esc).
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("roomDisplay")
        self.setWindowTitle(self.tr("Room display"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.phase_label = _label("roomPhase")
        self.phase_label.setWordWrap(True)
        self.circle_label = _label("roomState")  # "Integration circle — round 2": the round, never who speaks
        self.circle_label.hide()
        self.ring = ProgressRing()
        self.ring.track = TRACK
        self.time_label = _label("roomTime")
        self.time_label.setAccessibleName(self.tr("Time left"))
        self.state_label = _label("roomState")
        self.message_label = _label("roomMessage")
        self.message_label.setWordWrap(True)
        inside = QVBoxLayout(self.ring)
        inside.addStretch(1)
        inside.addWidget(self.time_label)
        inside.addWidget(self.state_label)
        inside.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 48)
        layout.setSpacing(24)
        layout.addWidget(self.phase_label)
        layout.addWidget(self.circle_label)
        layout.addWidget(self.ring, 1)
        layout.addWidget(self.message_label)
        # The window's limits are set here once, not by the layout at show time (which would ask the
        # platform to change them again on every font rescale).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.room: RoomView | None = None
        self.resize(*WINDOWED_SIZE)
        self._scale_fonts()

    def show_room(self, room: RoomView) -> None:
        """Show ``room`` (called every runner tick; only what changed is repainted)."""
        self.room = room
        finished = room.state is TimerState.FINISHED
        set_text(self.phase_label, room.phase_name if not finished else self.tr("Thank you"))
        overrun = room.remaining_seconds < 0 and room.state is not TimerState.NOT_STARTED
        set_text(self.time_label, "" if finished else room.remaining_text)
        states = {TimerState.PAUSED: self.tr("paused"), TimerState.NOT_STARTED: self.tr("starting soon"),
                  TimerState.FINISHED: ""}
        set_text(self.state_label, states.get(room.state, self.tr("taking a little longer") if overrun
                                              else self.tr("remaining")))
        set_text(self.message_label, room.message)
        circle = room.circle_round > 0 and not finished
        line = self.tr("Integration circle — round {0}").format(room.circle_round) if circle else ""
        set_text(self.circle_label, line)
        self.circle_label.setVisible(circle)
        colour = WARM if overrun else colour_or(room.colour, DEFAULT_COLOUR)
        self.ring.set_progress(1.0 if overrun or finished else room.progress, colour, TRACK)

    def cue(self) -> None:
        """The chime's visual cue: a slow glow inside the ring, for everyone whether or not sound plays."""
        self.ring.glow.show()

    # -- placement -----------------------------------------------------------------------------

    def place(self, main_screen: QScreen | None) -> bool:
        """Show the window: full screen on another monitor if there is one, else as a movable window.

        Returns:
            True when it went full screen on a second monitor.
        """
        others = [s for s in QGuiApplication.screens() if s is not main_screen]
        if main_screen is not None and others:
            screen = others[0]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            return True
        self.resize(*WINDOWED_SIZE)
        self.showNormal()
        return False

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_F, Qt.Key.Key_F11):
            self.toggle_full_screen()
        elif key == Qt.Key.Key_Escape:
            if self.isFullScreen():
                self.showNormal()
            else:
                self.close()
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.toggle_full_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_fonts()

    def _scale_fonts(self) -> None:
        """Type in proportion to the window, so a projector and a small window both read well."""
        height = max(240, self.height())
        ring = max(120.0, min(self.width() - 96, height * 0.62))
        for widget, size, weight in (
            (self.phase_label, height * 0.065, QFont.Weight.Normal),
            (self.time_label, ring * 0.2, QFont.Weight.Light),
            (self.state_label, height * 0.035, QFont.Weight.Normal),
            (self.circle_label, height * 0.04, QFont.Weight.Normal),
            (self.message_label, height * 0.045, QFont.Weight.Normal),
        ):
            font = QFont(widget.font())
            font.setPixelSize(max(12, round(size)))
            font.setWeight(weight)
            widget.setFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


def create(ctx: AppContext) -> QWidget:
    """A room display not yet fed by a runner (the runner opens its own; see the runner screen)."""
    return RoomDisplay()
