"""First run: nothing is set up here yet; explore the demo clinic or set up your own clinic."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from facilitator.ui.icons import IconLabel
from facilitator.ui.widgets.page import Paragraph, label


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
        demoRequested(): the person chose the fictional demo clinic.
        setupRequested(): the person chose to set up their own clinic.
    """

    demoRequested = Signal()
    setupRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        badge = IconLabel("app", size=40, role="accent")
        badge.setProperty("role", "emptyIcon")
        badge.setFixedSize(88, 88)
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = label("Welcome to Facilitator", "emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = Paragraph("There are no records on this laptop yet. Explore a fictional clinic first, "
                          "or set up your clinic with its first administrator.", width=600)

        self.demo_button = ChoiceButton(
            "demo", "Open the demo clinic",
            "A fictional clinic with a year of groups, sessions, notes and monitoring to explore safely.")
        self.setup_button = ChoiceButton(
            "start-empty", "Set up your clinic",
            "Create the administrator's account; the clinic's records are encrypted on this laptop.")
        self.demo_button.clicked.connect(self.demoRequested.emit)
        self.setup_button.clicked.connect(self.setupRequested.emit)
        choices = QHBoxLayout()
        choices.setSpacing(24)
        choices.addStretch(1)
        choices.addWidget(self.demo_button)
        choices.addWidget(self.setup_button)
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

    def show_busy(self, message: str) -> None:
        for button in (self.demo_button, self.setup_button):
            button.setEnabled(False)
        self.error_label.hide()
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress_label.setText(message)
        self.progress.show()
        self.progress_label.show()

    def show_progress(self, fraction: float, message: str) -> None:
        if fraction >= 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(fraction * 1000))
        if message:
            self.progress_label.setText(message)

    def show_failure(self, message: str) -> None:
        self.progress.hide()
        self.progress_label.hide()
        self.error_label.setText(f"The demo clinic could not be created. {message}")
        self.error_label.show()
        for button in (self.demo_button, self.setup_button):
            button.setEnabled(True)
