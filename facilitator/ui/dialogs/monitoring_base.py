"""The frame the monitoring dialogs share: a form, one sentence for a refusal, Save and Cancel, times of day."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPushButton, QTimeEdit, QVBoxLayout, QWidget

from facilitator.domain.clock import utc
from facilitator.services.monitoring import MonitoringCard
from facilitator.ui import format as fmt
from facilitator.ui.monitoring_feed import MonitoringFeed
from facilitator.ui.widgets.page import label


def time_field(at: datetime) -> QTimeEdit:
    """A local time-of-day field showing ``at``."""
    field = QTimeEdit()
    local = fmt.local(at)
    field.setTime(QTime(local.hour, local.minute))
    field.setDisplayFormat("HH:mm")
    return field


def moment(field: QTimeEdit, now: datetime) -> datetime:
    """The field's time on today's local date, as UTC (a session happens within one day)."""
    local = fmt.local(now)
    t = field.time()
    return utc(datetime.combine(local.date(), time(t.hour(), t.minute()), tzinfo=local.tzinfo))


class MonitoringDialog(QDialog):
    """A window-modal form about one participant; ``save`` records it (the title never names the person)."""

    def __init__(self, title: str, feed: MonitoringFeed, card: MonitoringCard, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.feed, self.card = feed, card
        self.session_id = feed.session_id or 0
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("kind", "primary")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(label(card.name.split()[0] if card.name else "", "section"))
        self.layout_.addLayout(self.form)
        self.extra = QVBoxLayout()
        self.layout_.addLayout(self.extra)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def refuse(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.setVisible(bool(sentence))

    def done_saving(self) -> None:
        self.feed.changed()
        self.accept()

    def save(self) -> None:  # overridden
        """Record the form; on a refusal keep the dialog open with the sentence."""
