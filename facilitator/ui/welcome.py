"""First run: an empty database offers the demo clinic or a clean start, inside the main window."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from facilitator.ui.context import AppContext
from facilitator.ui.icons import IconLabel
from facilitator.ui.widgets.page import Paragraph, label
from facilitator.ui.workers import Task

log = logging.getLogger(__name__)

try:
    from facilitator.services.demo import generate_demo_clinic as _generator
except ImportError as exc:  # a build without the demo generator still opens; the choice is disabled
    log.info("demo clinic not available: %s", exc)
    _generator = None  # type: ignore[assignment]

# Looked up when the button is pressed (not bound at import) so tests can replace it.
generate_demo_clinic: Callable[..., Any] | None = _generator

DEMO_YEARS, DEMO_SEED = 1, 7


class ChoiceButton(QPushButton):
    """A large button with an icon, a title and a sentence (the two first-run choices)."""

    def __init__(self, icon: str, title: str, sentence: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("kind", "choice")
        self.setAccessibleName(title)
        self.setAccessibleDescription(sentence)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedWidth(340)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(26, 24, 26, 26)
        layout.setSpacing(8)
        parts = [IconLabel(icon, size=32, role="accent"), label(title, "cardTitle"),
                 label(sentence, "muted", wrap=True)]
        for part in parts:
            # The labels only decorate: clicks, hover and focus belong to the button.
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(part)
        layout.addStretch(1)
        self.setMinimumHeight(layout.heightForWidth(340) if layout.hasHeightForWidth() else 180)


class WelcomeView(QWidget):
    """The first-run view.

    Signals:
        finished(str): "demo" once the demo clinic is in the database, or "empty".
    """

    finished = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        self.task: Task | None = None

        badge = IconLabel("app", size=40, role="accent")
        badge.setProperty("role", "emptyIcon")
        badge.setFixedSize(88, 88)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = label("Welcome to Facilitator", "emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = Paragraph("There are no records on this laptop yet. Explore a fictional clinic first, "
                          "or begin with your own groups and participants.", width=600)

        self.demo_button = ChoiceButton(
            "demo", "Open the demo clinic",
            "A fictional clinic with a year of groups, sessions, notes and monitoring to explore safely.")
        self.empty_button = ChoiceButton(
            "start-empty", "Start empty", "Begin with a clean database and add your clinic's own groups and people.")
        self.demo_button.clicked.connect(self.start_demo)
        self.empty_button.clicked.connect(lambda: self.finished.emit("empty"))
        if generate_demo_clinic is None:
            self.demo_button.setEnabled(False)
            self.demo_button.setToolTip("The demo clinic is not part of this version yet.")
        choices = QHBoxLayout()
        choices.setSpacing(24)
        choices.addStretch(1)
        choices.addWidget(self.demo_button)
        choices.addWidget(self.empty_button)
        choices.addStretch(1)

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(520)
        self.progress.setAccessibleName("Creating the demo clinic")
        self.progress_label = label("", "muted")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label = Paragraph("", "error", width=600)
        for widget in (self.progress, self.progress_label, self.error_label):
            widget.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.setSpacing(16)
        layout.addStretch(2)
        center = Qt.AlignmentFlag.AlignHCenter
        layout.addWidget(badge, 0, center)
        layout.addSpacing(6)
        layout.addWidget(title)
        layout.addWidget(intro, 0, center)
        layout.addSpacing(24)
        layout.addLayout(choices)
        layout.addSpacing(16)
        layout.addWidget(self.progress, 0, center)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.error_label, 0, center)
        layout.addStretch(3)

    def start_demo(self) -> None:
        """Fill the database with the demo clinic on a pool thread; the view shows progress."""
        if generate_demo_clinic is None or self.task is not None:
            return
        for button in (self.demo_button, self.empty_button):
            button.setEnabled(False)
        self.error_label.hide()
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress_label.setText("Creating the demo clinic…")
        self.progress.show()
        self.progress_label.show()
        self.task = Task(generate_demo_clinic, self.ctx.store, years=DEMO_YEARS, seed=DEMO_SEED, parent=self)
        self.task.progress.connect(self._on_progress)
        self.task.succeeded.connect(self._on_done)
        self.task.failed.connect(self._on_failed)
        self.task.start()

    def _on_progress(self, fraction: float, message: str) -> None:
        if fraction >= 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(fraction * 1000))
        if message:
            self.progress_label.setText(message)

    def _on_done(self, summary: Any) -> None:
        self._forget_task()
        log.info("demo clinic created: %s", getattr(summary, "describe", lambda: summary)())
        self.ctx.dataChanged.emit()
        self.finished.emit("demo")

    def _on_failed(self, message: str) -> None:
        self._forget_task()
        self.progress.hide()
        self.progress_label.hide()
        self.error_label.setText(f"The demo clinic could not be created. {message}")
        self.error_label.show()
        for button in (self.demo_button, self.empty_button):
            button.setEnabled(True)
        self.demo_button.setEnabled(generate_demo_clinic is not None)

    def _forget_task(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
            self.task = None
