"""The runner's controls: the action buttons with their keys, the finish and extend bars, the next phase."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.phase_actions import MAX_EXTENSION_MINUTES
from facilitator.domain.phase_timer import PhaseTiming
from facilitator.services.runner_snapshot import RunnerPhase
from facilitator.ui import format as fmt
from facilitator.ui.icons import set_icon
from facilitator.ui.widgets.page import card, divider, label
from facilitator.ui.widgets.phase_clock import set_text
from facilitator.ui.widgets.progress import Dot
from facilitator.ui.widgets.stepper import Stepper

PROMPTS_SHOWN = 4
translate = QCoreApplication.translate


def key_name(key: str) -> str:
    """A shortcut key as the reader's keyboard calls it ("Space" is "Espacio" in Spanish; letters stay)."""
    return translate("RunnerControls", "Space") if key == "Space" else key


def _button(text: str, key: str = "", kind: str | None = None, icon: str | None = None) -> QPushButton:
    key = key_name(key)
    button = QPushButton(f"{text}  {key}" if key else text)
    if kind:
        button.setProperty("kind", kind)
    if icon:
        set_icon(button, icon, role="on-accent" if kind == "primary" else "text", on_role="text")
    name = f"{text} ({key})" if key else text
    button.setAccessibleName(name)
    button.setToolTip(translate("RunnerControls", "Shortcut: {key}").format(key=key) if key else "")
    return button


class ControlsBar(QWidget):
    """Pause, next, extend, back, skip and finish, each with its key shown on the button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pause = _button(self.tr("Pause"), "Space", "primary", "pause")
        # Bold text is wider than the size hint Qt computes before the stylesheet applies.
        widest = max(self.tr("Resume"), self.tr("Pause"), key=self.pause.fontMetrics().horizontalAdvance)
        self.pause.setMinimumWidth(self.pause.fontMetrics().horizontalAdvance(f"{widest}  {key_name('Space')}") + 64)
        self.next = _button(self.tr("Next phase"), "N")
        self.extend5 = _button("+5 min", "E")
        self.extend1 = _button("+1 min")
        self.extend_custom = _button(self.tr("Extend\u2026"))
        self.back = _button(self.tr("Back"), kind="quiet", icon="back")
        self.skip = _button(self.tr("Skip"), kind="quiet", icon="skip")
        self.finish = _button(self.tr("Finish\u2026"))
        self.paused = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        for widget in (self.pause, self.next, self.extend5, self.extend1, self.extend_custom):
            row.addWidget(widget)
        row.addSpacing(8)
        row.addWidget(self.back)
        row.addWidget(self.skip)
        row.addStretch(1)
        row.addWidget(self.finish)

    def set_paused(self, paused: bool) -> None:
        """Called every tick: changes the button only when the state flips."""
        if paused == self.paused:
            return
        self.paused = paused
        text = self.tr("Resume") if paused else self.tr("Pause")
        set_text_button(self.pause, f"{text}  {key_name('Space')}")
        self.pause.setAccessibleName(f"{text} ({key_name('Space')})")
        set_icon(self.pause, "play" if paused else "pause", role="on-accent", on_role="text")


def set_text_button(button: QPushButton, text: str) -> None:
    if button.text() != text:
        button.setText(text)


class ConfirmBar(QFrame):
    """An inline question with a confirming and a cancelling button (Esc cancels); no modal dialog.

    Signals:
        confirmed(), cancelled()
    """

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self, question: str, confirm: str, cancel: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "confirm")
        self.question = label(question, None, wrap=True)
        self.yes = QPushButton(confirm)
        self.yes.setProperty("kind", "primary")
        self.no = QPushButton(cancel)
        self.yes.clicked.connect(self.confirmed)
        self.no.clicked.connect(self.cancelled)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 14, 12)
        row.setSpacing(10)
        row.addWidget(self.question, 1)
        self.extra = QHBoxLayout()
        row.addLayout(self.extra)
        row.addWidget(self.no)
        row.addWidget(self.yes)
        self.hide()

    def open(self) -> None:
        self.show()
        self.yes.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)


class ExtendBar(ConfirmBar):
    """"Extend this phase by [ 10 min ]": a custom extension without a dialog.

    Signals:
        extend(int): the minutes to add.
    """

    extend = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Extend this phase by"), self.tr("Extend"), self.tr("Cancel"), parent)
        self.minutes = Stepper(1, MAX_EXTENSION_MINUTES, 10, suffix=" min",
                               accessible_name=self.tr("Minutes to add"))
        self.minutes.spin.setFixedWidth(96)
        self.extra.addWidget(self.minutes)
        self.confirmed.connect(lambda: self.extend.emit(self.minutes.value()))
        self.minutes.spin.lineEdit().returnPressed.connect(self.yes.click)

    def open(self) -> None:
        self.show()
        self.minutes.spin.setFocus(Qt.FocusReason.OtherFocusReason)
        self.minutes.spin.selectAll()


class NextPhasePanel(QFrame):
    """The facilitator's prompts for now, then what comes next: its name, length, clock time and prompts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "true")
        self.now_heading = label(self.tr("NOW"), "day")
        self.now_prompts = label("", "prompt", wrap=True)
        self.now_prompts.setTextFormat(Qt.TextFormat.PlainText)
        self.heading = label(self.tr("NEXT"), "day")
        self.dot = Dot("#6b8f9c")
        self.name = label("", "cardTitle", wrap=True)
        self.when = label("", "muted")
        self.prompts = label("", "prompt", wrap=True)
        self.prompts.setTextFormat(Qt.TextFormat.PlainText)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.name, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(26, 22, 26, 22)
        layout.setSpacing(8)
        layout.addWidget(self.now_heading)
        layout.addWidget(self.now_prompts)
        self.now_divider = divider()
        layout.addSpacing(6)
        layout.addWidget(self.now_divider)
        layout.addSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(head)
        layout.addWidget(self.when)
        layout.addSpacing(4)
        layout.addWidget(self.prompts)
        layout.addStretch(1)

    def show_now(self, phase: RunnerPhase | None) -> None:
        """The current phase's prompts (or its purpose when it has none)."""
        lines = _prompt_lines(phase) if phase is not None else []
        set_text(self.now_prompts, "\n".join(lines))
        for widget in (self.now_heading, self.now_prompts, self.now_divider):
            widget.setVisible(bool(lines))

    def show_next(self, phase: RunnerPhase | None, timing: PhaseTiming | None, *, last: bool) -> None:
        if phase is None:
            set_text(self.heading, self.tr("NEXT"))
            set_text(self.name, self.tr("Last phase") if last else self.tr("Nothing further"))
            set_text(self.when, self.tr("Finish the session when the group is ready."))
            set_text(self.prompts, "")
            self.dot.hide()
            return
        self.dot.show()
        self.dot.set_colour(phase.colour)
        set_text(self.name, phase.name)
        when = fmt.duration_minutes(round((timing.planned_seconds if timing else 0) / 60))
        if timing is not None and timing.projected_start is not None:
            when += "  ·  " + self.tr("about {time}").format(time=fmt.time_of_day(timing.projected_start))
        set_text(self.when, when)
        set_text(self.prompts, "\n".join(_prompt_lines(phase)))


def _prompt_lines(phase: RunnerPhase) -> list[str]:
    lines = [f"\u2022  {p}" for p in phase.prompts[:PROMPTS_SHOWN]]
    return lines or ([phase.purpose] if phase.purpose else [])


def section_card(title: str, body: QWidget, side: QWidget | None = None) -> QFrame:
    """A titled card around ``body`` (the runner's lower columns)."""
    frame = card()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(22, 18, 22, 20)
    layout.setSpacing(12)
    head = QHBoxLayout()
    head.addWidget(label(title, "section"))
    head.addStretch(1)
    if side is not None:
        head.addWidget(side)
    layout.addLayout(head)
    layout.addWidget(body)
    return frame
