"""A card per participant in the room: a kind short name, attendance, intention, and monitoring.

The runner's screen may be glimpsed by others in the room, so the card shows the preferred first
name and the last name's initial ("Bea O."). In a dosing session the monitoring area holds a
:class:`MonitoringPanel` (dose, vitals and its class, next reading due, the one-line vitals entry);
an alert or an overdue reading gives the whole card a calm warm border.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from facilitator.services.monitoring import MonitoringCard
from facilitator.services.runner_snapshot import ParticipantCard
from facilitator.ui.i18n import QT_TRANSLATE_NOOP
from facilitator.ui.widgets.monitoring_panel import MonitoringPanel, restyle
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.phase_clock import set_text

ATTENDANCE_WORDS = {
    "expected": QT_TRANSLATE_NOOP("Attendance", "Expected"), "present": QT_TRANSLATE_NOOP("Attendance", "Present"),
    "late": QT_TRANSLATE_NOOP("Attendance", "Arrived late"),
    "left_early": QT_TRANSLATE_NOOP("Attendance", "Left early"),
    "absent": QT_TRANSLATE_NOOP("Attendance", "Absent"), "cancelled": QT_TRANSLATE_NOOP("Attendance", "Cancelled"),
}


def attendance_word(status: str) -> str:
    """An attendance status as the screen says it, in the interface's language."""
    word = ATTENDANCE_WORDS.get(status)
    return QCoreApplication.translate("Attendance", word) if word else status.replace("_", " ")


class ParticipantCardWidget(QWidget):
    """One participant's card.

    Attributes:
        card: the data shown (replace with :meth:`show_card`).
        monitoring_area: the widget whose layout holds the monitoring state (dose, vitals).
    """

    def __init__(self, card: ParticipantCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", "participant")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("participantCard")
        # Preferred height with height-for-width: a long intention wraps onto more lines, never clipped.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.name_label = label("", "section")
        self.attendance_label = label("", "tag")
        self.intention_label = label("", "intention", wrap=True)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.attendance_label, 0, Qt.AlignmentFlag.AlignTop)
        self.monitoring_area = QWidget()
        self.monitoring_area.setObjectName("monitoringArea")
        monitoring = QVBoxLayout(self.monitoring_area)
        monitoring.setContentsMargins(0, 4, 0, 0)
        monitoring.setSpacing(4)
        self.monitoring_placeholder = label(self.tr("No dose or vitals recorded yet"), "small")
        monitoring.addWidget(self.monitoring_placeholder)
        self.panel = MonitoringPanel(narrow=True)
        self.panel.hide()
        self.panel.attentionChanged.connect(lambda value: restyle(self, "attention", value))
        monitoring.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.intention_label)
        layout.addWidget(self.monitoring_area)
        layout.addStretch(1)  # beside a taller card in its row, the space goes below, not between lines
        self.card = card
        self.show_card(card)

    def show_card(self, card: ParticipantCard) -> None:
        self.card = card
        set_text(self.name_label, card.short_name or card.name)
        set_text(self.attendance_label, attendance_word(card.attendance))
        intention = card.intention.strip()
        set_text(self.intention_label, f"\u201c{intention}\u201d" if intention else self.tr("No intention noted yet"))
        self.setAccessibleName(f"{card.short_name or card.name}, {self.attendance_label.text().lower()}")

    def show_monitoring(self, card: MonitoringCard | None) -> None:
        """Show the participant's monitoring state (None: not a dosing session, or not on the board)."""
        self.monitoring_placeholder.setVisible(card is None)
        self.panel.setVisible(card is not None)
        if card is not None:
            self.panel.show_card(card)
        else:
            restyle(self, "attention", "")

    def tick(self, now: datetime) -> None:
        """Move the time-dependent parts on (minutes since the dose, the vitals countdown); no query."""
        if not self.panel.isHidden():
            self.panel.tick(now)
