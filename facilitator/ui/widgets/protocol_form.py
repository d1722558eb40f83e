"""The protocol editor's form: name and kind, phases with their details, vitals schedule, thresholds.

:meth:`ProtocolForm.data` gives the mapping the protocol services validate; :meth:`show_error`
puts a :class:`ProtocolError` next to the field it names, in one sentence.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.enums import ProtocolKind
from facilitator.domain.protocol import MAX_PHASE_MINUTES, PhaseSpec, ProtocolSpec, Thresholds
from facilitator.ui.widgets.page import card, label
from facilitator.ui.widgets.phase_list import PhaseListEditor
from facilitator.ui.widgets.progress import Dot
from facilitator.ui.widgets.toggle import Toggle

SWATCHES = ("#7c9a8e", "#8a9bb0", "#b39b7a", "#a07f8f", "#5f6f94", "#6d8f86", "#9c8a6b", "#7b8d7b", "#6b8f9c")
KIND_WORDS = {"dosing": "Dosing session", "integration": "Integration circle", "preparation": "Preparation",
              "monitoring": "Monitoring only"}
THRESHOLD_WORDS = {
    "caution_systolic": "Caution, systolic", "caution_diastolic": "Caution, diastolic",
    "hold_systolic": "Hold dose, systolic", "hold_diastolic": "Hold dose, diastolic",
    "alert_systolic": "Alert, systolic", "alert_diastolic": "Alert, diastolic",
    "spo2_min": "SpO2 below (%)", "heart_rate_min": "Heart rate below", "heart_rate_max": "Heart rate above",
    "overdue_after_minutes": "Vitals overdue after (min)",
}


def _swatch_icon(colour: str) -> QIcon:
    pixmap = QPixmap(QSize(18, 18))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, 16, 16)
    painter.end()
    return QIcon(pixmap)


def repolish(widget: QWidget) -> None:
    """Apply style rules that depend on a property just changed (read-only fields sit back)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _error() -> Any:
    widget = label("", "fieldError", wrap=True)
    widget.hide()
    return widget


def _spin(low: int, high: int, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setAccessibleName(name)
    spin.setFixedWidth(96)
    spin.setAlignment(Qt.AlignmentFlag.AlignRight)
    return spin


class PhaseDetail(QWidget):
    """Purpose, prompts, colour and flags of the phase selected in the list.

    Signals:
        edited(object): the phase with the new values (a :class:`PhaseSpec`).
    """

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phase: PhaseSpec | None = None
        self.heading = label("", "section")
        self.purpose = QPlainTextEdit()
        self.purpose.setAccessibleName("Purpose of the phase")
        self.purpose.setFixedHeight(60)
        self.prompts = QPlainTextEdit()
        self.prompts.setAccessibleName("Facilitator prompts, one per line")
        self.prompts.setPlaceholderText("One prompt per line")
        self.prompts.setFixedHeight(84)
        self.colour = QLineEdit()
        self.colour.setAccessibleName("Colour of the phase")
        self.colour.setFixedWidth(100)
        self.colour_dot = Dot("#6b8f9c", 18)
        self.colour_error = _error()
        swatches = QHBoxLayout()
        swatches.setSpacing(4)
        swatches.addWidget(self.colour_dot)
        swatches.addWidget(self.colour)
        self.swatch_buttons = []
        for colour in SWATCHES:
            button = QPushButton()
            button.setProperty("kind", "quiet")
            button.setIcon(_swatch_icon(colour))
            button.setAccessibleName(f"Colour {colour}")
            button.clicked.connect(lambda _c=False, value=colour: self._pick(value))
            self.swatch_buttons.append(button)
            swatches.addWidget(button)
        swatches.addStretch(1)
        self.chime = Toggle("Chime at 2 minutes left and at the end")
        self.vitals = Toggle("Vitals check in this phase")
        self.sharing = Toggle("Sharing phase (circle mode)")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        rows: list[tuple[str, Any]] = [
            ("Purpose", self.purpose), ("Prompts", self.prompts), ("Colour", swatches), ("", self.colour_error),
            ("Chime", self.chime), ("Vitals check", self.vitals), ("Sharing", self.sharing),
        ]
        for i, (name, control) in enumerate(rows, start=1):
            grid.addWidget(label(name, "muted"), i, 0, Qt.AlignmentFlag.AlignTop)
            if isinstance(control, QWidget):
                grid.addWidget(control, i, 1, Qt.AlignmentFlag.AlignLeft if isinstance(control, Toggle) else
                               Qt.AlignmentFlag(0))
            else:
                grid.addLayout(control, i, 1)
        self.purpose.textChanged.connect(self._changed)
        self.prompts.textChanged.connect(self._changed)
        self.colour.textEdited.connect(self._changed)
        for toggle in (self.chime, self.vitals, self.sharing):
            toggle.toggled.connect(self._changed)
        self._loading = False

    def show_phase(self, number: int, phase: PhaseSpec) -> None:
        self._loading = True
        self.phase = phase
        self.heading.setText(f"Phase {number}: {phase.name}")
        self.purpose.setPlainText(phase.purpose)
        self.prompts.setPlainText("\n".join(phase.prompts))
        self.colour.setText(phase.colour)
        self.colour_dot.set_colour(phase.colour)
        self.colour_error.hide()
        self.chime.setChecked(phase.chime)
        self.vitals.setChecked(phase.vitals_check)
        self.sharing.setChecked(phase.sharing)
        self._loading = False

    def _pick(self, colour: str) -> None:
        self.colour.setText(colour)
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._loading or self.phase is None:
            return
        colour = self.colour.text().strip()
        good = QColor.isValidColorName(colour) and colour.startswith("#") and len(colour) == 7
        self.colour_error.setText("" if good else "A colour looks like #5b8a72.")
        self.colour_error.setVisible(not good)
        if good:
            self.colour_dot.set_colour(colour)
        self.phase = replace(
            self.phase, purpose=self.purpose.toPlainText().strip(),
            prompts=tuple(line.strip() for line in self.prompts.toPlainText().splitlines() if line.strip()),
            colour=colour if good else self.phase.colour, chime=self.chime.isChecked(),
            vitals_check=self.vitals.isChecked(), sharing=self.sharing.isChecked())
        self.edited.emit(self.phase)

    def set_read_only(self, read_only: bool) -> None:
        for text in (self.purpose, self.prompts, self.colour):
            text.setReadOnly(read_only)
            repolish(text)
        for control in (*self.swatch_buttons, self.chime, self.vitals, self.sharing):
            control.setEnabled(not read_only)


class ProtocolForm(QWidget):
    """Every field of a template. Signals: changed() after any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = ""
        self.name = QLineEdit()
        self.name.setAccessibleName("Protocol name")
        self.name_error = _error()
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of session")
        for kind in ProtocolKind:
            self.kind.addItem(KIND_WORDS.get(kind.value, kind.value), kind.value)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Description")
        self.description.setFixedHeight(60)
        self.phases = PhaseListEditor()
        self.detail = PhaseDetail()
        self.phases.selected.connect(self._select_phase)
        self.detail.edited.connect(lambda phase: self.phases.update_phase(self.phases.current, phase))
        self.pre_dose = Toggle("Vitals before dosing")
        self.schedule = QLineEdit()
        self.schedule.setAccessibleName("Vitals after the dose, minutes")
        self.schedule.setPlaceholderText("40, 90")
        self.schedule_error = _error()
        self.before_discharge = Toggle("Vitals before discharge")
        self.min_observation = _spin(0, MAX_PHASE_MINUTES, "Minimum observation after the last dose, minutes")
        self.share_minutes = _spin(1, 60, "Minutes per share in circle mode")
        self.thresholds = {f.name: _spin(0, 300, THRESHOLD_WORDS[f.name]) for f in fields(Thresholds)}
        self.thresholds_error = _error()
        self.general_error = _error()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self._section("About", [
            ("Name", self._stack(self.name, self.name_error)), ("Kind", self.kind), ("Description", self.description),
        ]))
        phases_card = self._section("Phases", [])
        phases_card.layout().addWidget(self.phases)  # type: ignore[union-attr]
        phases_card.layout().addWidget(self.detail)  # type: ignore[union-attr]
        layout.addWidget(phases_card)
        layout.addWidget(self._section("Monitoring", [
            ("Before dosing", self.pre_dose), ("After the dose", self._stack(self.schedule, self.schedule_error)),
            ("Before discharge", self.before_discharge), ("Minimum observation", self._with_unit(self.min_observation)),
            ("Share time in circles", self._with_unit(self.share_minutes)),
        ]))
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(8)
        for i, (name, spin) in enumerate(self.thresholds.items()):
            grid.addWidget(label(THRESHOLD_WORDS[name], "muted"), i // 2, (i % 2) * 2)
            grid.addWidget(spin, i // 2, (i % 2) * 2 + 1)
        thresholds = self._section("Vital-sign thresholds", [])
        thresholds.layout().addLayout(grid)  # type: ignore[union-attr]
        thresholds.layout().addWidget(self.thresholds_error)  # type: ignore[union-attr]
        layout.addWidget(thresholds)
        layout.addWidget(self.general_error)
        for widget in (self.name, self.schedule):
            widget.textEdited.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.kind.activated.connect(self._edited)
        self.phases.changed.connect(self._edited)
        for toggle in (self.pre_dose, self.before_discharge):
            toggle.toggled.connect(self._edited)
        for spin in (self.min_observation, self.share_minutes, *self.thresholds.values()):
            spin.valueChanged.connect(self._edited)
        self._loading = False

    @staticmethod
    def _stack(*widgets: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(4)
        for widget in widgets:
            column.addWidget(widget)
        return column

    @staticmethod
    def _with_unit(spin: QSpinBox) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(spin)
        row.addWidget(label("min", "muted"))
        row.addStretch(1)
        return row

    @staticmethod
    def _section(title: str, rows: list[tuple[str, Any]]) -> QWidget:
        frame = card()
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(26, 20, 26, 22)
        layout.setSpacing(12)
        layout.addWidget(label(title, "section"))
        if rows:
            grid = QGridLayout()
            grid.setHorizontalSpacing(20)
            grid.setVerticalSpacing(10)
            grid.setColumnMinimumWidth(0, 150)
            grid.setColumnStretch(1, 1)
            for i, (name, control) in enumerate(rows):
                grid.addWidget(label(name, "muted"), i, 0, Qt.AlignmentFlag.AlignTop)
                if isinstance(control, QWidget):
                    align = Qt.AlignmentFlag.AlignLeft if isinstance(control, Toggle) else Qt.AlignmentFlag(0)
                    grid.addWidget(control, i, 1, align)
                else:
                    grid.addLayout(control, i, 1)
            layout.addLayout(grid)
        return frame

    # -- values ----------------------------------------------------------------------------------

    def set_spec(self, spec: ProtocolSpec) -> None:
        self._loading = True
        self.key = spec.key
        self.name.setText(spec.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(spec.kind.value)))
        self.description.setPlainText(spec.description)
        self.phases.set_phases(spec.phases)
        self._select_phase(0)
        self.pre_dose.setChecked(spec.pre_dose_vitals)
        self.schedule.setText(", ".join(str(m) for m in spec.vitals_after_dose_minutes))
        self.before_discharge.setChecked(spec.vitals_before_discharge)
        self.min_observation.setValue(spec.min_observation_minutes)
        self.share_minutes.setValue(spec.share_minutes)
        for name, value in asdict(spec.thresholds).items():
            self.thresholds[name].setValue(value)
        self.clear_errors()
        self._loading = False

    def _select_phase(self, index: int) -> None:
        phases = self.phases.phases()
        self.detail.setVisible(0 <= index < len(phases))
        if 0 <= index < len(phases):
            self.detail.show_phase(index + 1, phases[index])

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def schedule_values(self) -> list[Any]:
        """The typed schedule as numbers (text that is not a number is kept for the validator to name)."""
        values: list[Any] = []
        for part in self.schedule.text().replace(";", ",").split(","):
            part = part.strip()
            if part:
                values.append(int(part) if part.lstrip("-").isdigit() else part)
        return values

    def data(self) -> dict[str, Any]:
        """The mapping :func:`parse_protocol` and the template services take."""
        spec_phases = [{**asdict(p), "prompts": list(p.prompts)} for p in self.phases.phases()]
        return {
            "key": self.key, "name": self.name.text().strip(), "kind": self.kind.currentData(),
            "description": self.description.toPlainText().strip(), "phases": spec_phases,
            "pre_dose_vitals": self.pre_dose.isChecked(), "vitals_after_dose_minutes": self.schedule_values(),
            "vitals_before_discharge": self.before_discharge.isChecked(),
            "min_observation_minutes": self.min_observation.value(), "share_minutes": self.share_minutes.value(),
            "thresholds": {name: spin.value() for name, spin in self.thresholds.items()},
        }

    def clear_errors(self) -> None:
        for widget in (self.name_error, self.schedule_error, self.thresholds_error, self.general_error):
            widget.hide()

    def show_error(self, field_name: str, sentence: str) -> None:
        """Put ``sentence`` beside the field ``field_name`` names (as in :class:`ProtocolError`)."""
        self.clear_errors()
        if field_name == "name":
            target = self.name_error
        elif field_name == "vitals_after_dose_minutes":
            target = self.schedule_error
        elif field_name.startswith("thresholds"):
            target = self.thresholds_error
        elif ".colour" in field_name:
            target = self.detail.colour_error
        else:
            target = self.general_error
        target.setText(sentence)
        target.show()

    def set_read_only(self, read_only: bool) -> None:
        for field in (self.name, self.schedule):
            field.setReadOnly(read_only)
            repolish(field)
        self.description.setReadOnly(read_only)
        repolish(self.description)
        self.phases.set_read_only(read_only)
        self.detail.set_read_only(read_only)
        for widget in (self.kind, self.pre_dose, self.before_discharge, self.min_observation, self.share_minutes,
                       *self.thresholds.values()):
            widget.setEnabled(not read_only)
