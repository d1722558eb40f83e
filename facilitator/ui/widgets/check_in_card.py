"""One person at check-in: status buttons with the times they set, screening flags, comment, intention, scales."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from facilitator.domain.enums import AttendanceStatus, Instrument
from facilitator.domain.scales import ANSWERS, SAFETY_ITEM
from facilitator.services.check_in import CheckInCard
from facilitator.ui import format as fmt
from facilitator.ui.i18n import QT_TRANSLATE_NOOP
from facilitator.ui.monitoring_text import service_word
from facilitator.ui.widgets.fields import TextArea, pill_row, restyle
from facilitator.ui.widgets.page import label

STATUS_BUTTONS = (
    (AttendanceStatus.PRESENT.value, QT_TRANSLATE_NOOP("CheckInCardWidget", "Present")),
    (AttendanceStatus.LATE.value, QT_TRANSLATE_NOOP("CheckInCardWidget", "Late")),
    (AttendanceStatus.ABSENT.value, QT_TRANSLATE_NOOP("CheckInCardWidget", "Absent")),
    (AttendanceStatus.CANCELLED.value, QT_TRANSLATE_NOOP("CheckInCardWidget", "Cancelled")),
    (AttendanceStatus.LEFT_EARLY.value, QT_TRANSLATE_NOOP("CheckInCardWidget", "Left early")),
)
AWAY = (AttendanceStatus.ABSENT.value, AttendanceStatus.CANCELLED.value)
# The scales' own words, translated where shown (the Spanish answers are the PHQ-9's published US Spanish).
SCALE_WORDS = (
    QT_TRANSLATE_NOOP("Scales", "minimal"), QT_TRANSLATE_NOOP("Scales", "mild"),
    QT_TRANSLATE_NOOP("Scales", "moderate"),
    QT_TRANSLATE_NOOP("Scales", "moderately severe"), QT_TRANSLATE_NOOP("Scales", "severe"),
    QT_TRANSLATE_NOOP("Scales", "Not at all"), QT_TRANSLATE_NOOP("Scales", "Several days"),
    QT_TRANSLATE_NOOP("Scales", "More than half the days"), QT_TRANSLATE_NOOP("Scales", "Nearly every day"),
)


def scale_word(text: str) -> str:
    return QCoreApplication.translate("Scales", text) if text in SCALE_WORDS else text


class CheckInCardWidget(QFrame):
    """A card; clicking the status already chosen sets the person back to expected.

    Signals:
        statusChosen(int, str): participant id and the new attendance status.
        textEdited(int, object, object): participant id, the new comment and the new intention (None: unchanged).
        measureRequested(int, str): participant id and "GAD-7" or "PHQ-9".
    """

    statusChosen = Signal(int, str)
    textEdited = Signal(int, object, object)
    measureRequested = Signal(int, str)

    def __init__(self, card: CheckInCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.setProperty("card", "true")
        self.name = label(card.display_name, "cardTitle")
        self.pronouns = label(card.pronouns, "muted")
        self.drop_in = label(self.tr("Drop-in"), "tag")
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.name)
        top.addWidget(self.pronouns)
        top.addStretch(1)
        top.addWidget(self.drop_in)
        self.flags = pill_row([service_word(flag) for flag in card.flags], empty=self.tr("No screening flags"))

        self.buttons: dict[str, QPushButton] = {}
        statuses = QHBoxLayout()
        statuses.setSpacing(6)
        for value, source in STATUS_BUTTONS:
            text = self.tr(source)
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("kind", "status")
            button.setAccessibleName(f"{text}: {card.display_name}")
            button.clicked.connect(lambda _checked=False, v=value: self._status_clicked(v))
            self.buttons[value] = button
            statuses.addWidget(button)
        statuses.addStretch(1)
        self.times = label("", "muted")

        self.comment = QLineEdit()
        self.comment.setMaxLength(300)
        self.comment.setPlaceholderText(self.tr("Comment: escort, how they arrived, anything to know"))
        self.comment.setAccessibleName(self.tr("Check-in comment for {name}").format(name=card.display_name))
        self.comment.editingFinished.connect(self._comment_done)
        self.intention = TextArea(2)
        self.intention.setPlaceholderText(self.tr("Intention for today, in their words"))
        self.intention.setAccessibleName(self.tr("Intention of {name}").format(name=card.display_name))
        self.intention.editingFinished.connect(
            lambda: self.textEdited.emit(self.card.participant_id, None, self.intention.toPlainText()))

        self.measure_labels: dict[str, QLabel] = {}
        self.measure_buttons: dict[str, QPushButton] = {}
        measures = QHBoxLayout()
        measures.setSpacing(10)
        for instrument in (Instrument.GAD7.value, Instrument.PHQ9.value):
            caption = label("", "muted")
            button = QPushButton()
            button.clicked.connect(lambda _checked=False, i=instrument: self.measureRequested.emit(
                self.card.participant_id, i))
            self.measure_labels[instrument] = caption
            self.measure_buttons[instrument] = button
            measures.addWidget(caption)
            measures.addWidget(button)
            measures.addSpacing(10)
        measures.addStretch(1)
        self.safety = label("", "safety")
        self.safety.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.flags)
        layout.addLayout(statuses)
        layout.addWidget(self.times)
        layout.addWidget(self.comment)
        layout.addWidget(self.intention)
        layout.addLayout(measures)
        layout.addWidget(self.safety, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)  # cards side by side share a height; keep the content at the top
        self.set_card(card)

    def set_card(self, card: CheckInCard) -> None:
        """Show ``card`` (after a change), keeping whatever field has the focus."""
        self.card = card
        self.pronouns.setText(card.pronouns)
        self.pronouns.setVisible(bool(card.pronouns))
        self.drop_in.setVisible(card.drop_in)
        for value, button in self.buttons.items():
            button.setChecked(value == card.status)
        self.times.setText(self._times(card))
        if not self.comment.hasFocus():
            self.comment.setText(card.comment)
        if not self.intention.hasFocus():
            self.intention.set_text(card.intention)
        for instrument, caption in self.measure_labels.items():
            measure = card.measures.get(instrument)
            caption.setText(f"{instrument}  {measure.total} \u00b7 {scale_word(measure.severity)}" if measure else "")
            caption.setVisible(measure is not None)
            button = self.measure_buttons[instrument]
            button.setText(self.tr("Edit") if measure else self.tr("Enter {scale}").format(scale=instrument))
            action = self.tr("Edit {scale} for {name}") if measure else self.tr("Enter {scale} for {name}")
            button.setAccessibleName(action.format(scale=instrument, name=card.display_name))
            kind = "link" if measure else None
            if button.property("kind") != kind:
                button.setProperty("kind", kind)
                restyle(button)
        phq = card.measures.get(Instrument.PHQ9.value)
        if phq is not None and phq.safety_flag:
            self.safety.setText(self.tr("PHQ-9 item 9: {answer} \u2014 clinician follow-up").format(
                answer=scale_word(ANSWERS[phq.items[SAFETY_ITEM - 1]])))
        self.safety.setVisible(card.safety_flag)
        kind = "here" if card.here else "away" if card.status in AWAY else "true"
        if self.property("card") != kind:
            self.setProperty("card", kind)
            restyle(self)

    def _times(self, card: CheckInCard) -> str:
        parts = []
        if card.arrived_at is not None:
            parts.append(self.tr("Arrived {time}").format(time=fmt.time_of_day(card.arrived_at)))
        if card.left_at is not None:
            parts.append(self.tr("left {time}").format(time=fmt.time_of_day(card.left_at)))
        if not parts:
            return {"expected": self.tr("Expected"), "absent": self.tr("Absent"),
                    "cancelled": self.tr("Cancelled")}.get(card.status, "")
        return "  \u00b7  ".join(parts)

    def set_editable(self, editable: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(editable)
        self.comment.setReadOnly(not editable)
        self.intention.setReadOnly(not editable)
        for button in self.measure_buttons.values():
            button.setEnabled(editable)

    def _status_clicked(self, value: str) -> None:
        chosen = AttendanceStatus.EXPECTED.value if self.card.status == value else value
        for status, button in self.buttons.items():  # show the click at once; the saved card confirms it
            button.setChecked(status == chosen)
        self.statusChosen.emit(self.card.participant_id, chosen)

    def _comment_done(self) -> None:
        if self.comment.text() != self.card.comment:
            self.textEdited.emit(self.card.participant_id, self.comment.text(), None)
