"""A participant's monitoring state on a card: dose, last vitals and its class, next reading due, a vitals line.

The same panel sits in the runner's participant cards and in the monitoring board's rows. It shows a
:class:`MonitoringCard` and repaints the countdown from ``card.schedule_at(now)`` on each tick, so
nothing here queries the database. Actions are asked for through signals; the owner records them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.vitals import VitalsLevel
from facilitator.services.monitoring import MonitoringCard
from facilitator.ui import monitoring_text as words
from facilitator.ui.vitals_words import reasons_text
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.phase_clock import set_text


def restyle(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class MonitoringPanel(QWidget):
    """Dose, vitals, schedule, flags and the one-line vitals entry for one participant.

    Signals:
        vitalsEntered(int, str): participant id and the typed line (Enter in the vitals field).
        doseRequested(int), observationRequested(int), dischargeRequested(int): a quick button.
        attentionChanged(str): "alert", "overdue" or "" when the card's highlight should change.
    """

    vitalsEntered = Signal(int, str)
    doseRequested = Signal(int)
    observationRequested = Signal(int)
    dischargeRequested = Signal(int)
    attentionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, narrow: bool = False) -> None:
        """``narrow``: a runner card (the quick buttons go on their own line under the vitals field)."""
        super().__init__(parent)
        self.card: MonitoringCard | None = None
        self.attention = ""
        self.level_tag = label("", "levelTag")
        self.vitals_label = label("", "monitorValue", wrap=True)
        self.dose_label = label("", "monitorValue")
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.level_tag, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.vitals_label, 1)
        self.reason_label = label("", "levelReason", wrap=True)
        self.due_label = label("", "dueLine", wrap=True)
        self.flags_label = label("", "flags", wrap=True)
        self.notes_label = label("", "small", wrap=True)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Vitals  142/88 76 98  then Enter"))
        self.entry.setAccessibleName(self.tr("Vitals: blood pressure, heart rate, SpO2"))
        self.entry.setClearButtonEnabled(True)
        self.entry.returnPressed.connect(self._entered)
        self.error_label = label("", "fieldError", wrap=True)
        self.error_label.hide()
        self.dose_button = self._button(self.tr("Dose…"), self.doseRequested)
        self.observation_button = self._button(self.tr("Observation…"), self.observationRequested)
        self.discharge_button = self._button(self.tr("Discharge…"), self.dischargeRequested)
        self.entry.setMinimumWidth(160)
        entry_row = QHBoxLayout()
        entry_row.setSpacing(6)
        entry_row.addWidget(self.entry, 1)
        buttons = QHBoxLayout() if narrow else entry_row
        buttons.setSpacing(6)
        for button in (self.dose_button, self.observation_button, self.discharge_button):
            buttons.addWidget(button)
        if narrow:
            buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.dose_label)
        layout.addLayout(top)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.due_label)
        layout.addWidget(self.notes_label)
        layout.addSpacing(4)
        layout.addLayout(entry_row)
        layout.addWidget(self.error_label)
        if narrow:
            layout.addLayout(buttons)

    def _button(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("kind", "quiet")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda: self._ask(signal))
        return button

    def _ask(self, signal: SignalInstance) -> None:
        if self.card is not None:
            signal.emit(self.card.participant_id)

    def _entered(self) -> None:
        text = self.entry.text().strip()
        if text and self.card is not None:
            self.vitalsEntered.emit(self.card.participant_id, text)

    def show_error(self, sentence: str) -> None:
        """A refused reading: one sentence under the field; the typed text stays to be corrected."""
        self.error_label.setText(sentence)
        self.error_label.setVisible(bool(sentence))
        restyle(self.entry, "invalid", "true" if sentence else "false")

    def entry_saved(self) -> None:
        self.entry.clear()
        self.show_error("")

    def show_card(self, card: MonitoringCard) -> None:
        self.card = card
        last = card.last_vitals
        level = card.level if last is not None else None
        if level is None:
            set_text(self.level_tag, self.tr("No vitals"))
            restyle(self.level_tag, "tone", "none")
        else:
            set_text(self.level_tag, words.translate("Monitoring", words.LEVEL_WORDS[level]))
            restyle(self.level_tag, "tone", words.LEVEL_TONES[level])
        set_text(self.vitals_label, words.vitals_text(card) if last is not None else self.tr("Nothing recorded yet"))
        flagged = level is not None and level is not VitalsLevel.NORMAL and bool(card.vitals)
        reason = reasons_text(card.vitals[-1].classification.reasons) if flagged else ""
        set_text(self.reason_label, reason)
        self.reason_label.setVisible(bool(reason))
        self.level_tag.setToolTip(reason or (self.tr("Within the protocol's limits") if level is not None else ""))
        self.vitals_label.setToolTip(self.level_tag.toolTip())
        flags = self.tr("Screening: {flags}").format(flags=words.flags_text(card)) if card.flags else ""
        set_text(self.flags_label, flags)
        self.flags_label.setVisible(bool(card.flags))
        notes = [n for n in (words.observation_text(card), words.discharge_text(card)) if n]
        set_text(self.notes_label, "  ·  ".join(notes))
        self.notes_label.setVisible(bool(notes))
        done = card.discharge.discharged
        self.entry.setEnabled(not done)
        self.dose_button.setEnabled(not done)
        self.observation_button.setEnabled(not done)
        self.tick(card.taken_at)

    def tick(self, now: datetime) -> None:
        """Repaint the dose minutes and the countdown at ``now`` (no query)."""
        card = self.card
        if card is None:
            return
        view = card.schedule_at(now)
        set_text(self.dose_label, words.dose_text(card, now))
        set_text(self.due_label, words.due_text(card, view))
        overdue = view.overdue and not card.discharge.discharged
        restyle(self.due_label, "tone", "overdue" if overdue else "normal")
        attention = "alert" if card.alert else "overdue" if overdue else ""
        if attention != self.attention:
            self.attention = attention
            self.attentionChanged.emit(attention)
