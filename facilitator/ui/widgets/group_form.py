"""The group form: name, closed or open, capacity, schedule, place, default protocol and facilitators."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.enums import GroupKind, GroupStatus
from facilitator.services.groups import DEFAULT_CAPACITY, MAX_CAPACITY, WEEKDAYS, Choice, GroupFields
from facilitator.ui.widgets.fields import FormField, TextArea
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.stepper import Stepper
from facilitator.ui.widgets.toggle import Toggle

KINDS = ((GroupKind.CLOSED.value, "Closed cohort"), (GroupKind.OPEN.value, "Open group"))
KIND_HINTS = {GroupKind.CLOSED.value: "One cohort through a series; no drop-ins.",
              GroupKind.OPEN.value: "People may drop in to any session."}
STATUSES = ((GroupStatus.PLANNING.value, "Planning"), (GroupStatus.ACTIVE.value, "Active"),
            (GroupStatus.COMPLETED.value, "Completed"), (GroupStatus.ARCHIVED.value, "Archived"))


class GroupForm(QWidget):
    """Every editable field of a group.

    Signals:
        changed(): the user edited a field.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.fields: dict[str, FormField] = {}
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.textEdited.connect(self._edited)
        self.kind_buttons = QButtonGroup(self)
        kind_row = QHBoxLayout()
        kind_row.setSpacing(6)
        for value, text in KINDS:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("kind", "option")
            button.setProperty("value", value)
            self.kind_buttons.addButton(button)
            kind_row.addWidget(button)
        kind_row.addStretch(1)
        self.kind_buttons.buttonClicked.connect(self._kind_clicked)
        kind_box = QWidget()
        kind_box.setLayout(kind_row)
        kind_row.setContentsMargins(0, 0, 0, 0)
        self.status = QComboBox()
        for value, text in STATUSES:
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(self._edited)
        self.capacity = Stepper(1, MAX_CAPACITY, DEFAULT_CAPACITY, suffix=" people", accessible_name="Capacity")
        self.capacity.spin.setFixedWidth(110)
        self.capacity.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.capacity.valueChanged.connect(self._edited)
        self.weekday = QComboBox()
        self.weekday.addItem("No fixed day", None)
        for i, day in enumerate(WEEKDAYS):
            self.weekday.addItem(f"{day}s", i)
        self.weekday.currentIndexChanged.connect(self._edited)
        self.time = QLineEdit()
        self.time.setPlaceholderText("HH:MM, e.g. 18:30")
        self.time.setMaxLength(5)
        self.time.textEdited.connect(self._edited)
        self.location = QLineEdit()
        self.location.setMaxLength(120)
        self.location.textEdited.connect(self._edited)
        self.protocol = QComboBox()
        self.protocol.currentIndexChanged.connect(self._edited)
        self.description = TextArea(3)
        self.description.textChanged.connect(self._edited)
        self.facilitator_box = QVBoxLayout()
        self.facilitator_box.setSpacing(8)
        self.toggles: dict[int, Toggle] = {}
        facilitators = QWidget()
        facilitators.setLayout(self.facilitator_box)
        self.facilitator_box.setContentsMargins(0, 0, 0, 0)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.kind_field = FormField("Kind", kind_box, KIND_HINTS[GroupKind.CLOSED.value])
        rows = [
            ("name", "Name", self.name, 0, 0, 2),
            ("kind", "", self.kind_field, 1, 0, 1),
            ("status", "Status", self.status, 1, 1, 1),
            ("capacity", "Capacity", self.capacity, 2, 0, 1),
            ("location", "Location", self.location, 2, 1, 1),
            ("meeting_weekday", "Meets on", self.weekday, 3, 0, 1),
            ("meeting_time", "At", self.time, 3, 1, 1),
            ("default_protocol_id", "Default protocol", self.protocol, 4, 0, 1),
            ("facilitator_ids", "Facilitators", facilitators, 5, 0, 2),
            ("description", "Description", self.description, 6, 0, 2),
        ]
        for name, text, widget, row, column, span in rows:
            field = widget if isinstance(widget, FormField) else FormField(text, widget)
            self.fields[name] = field
            grid.addWidget(field, row, column, 1, span, Qt.AlignmentFlag.AlignTop)

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _kind_clicked(self, button: QPushButton) -> None:
        self.kind_field.hint.setText(KIND_HINTS[str(button.property("value"))])
        self._edited()

    def set_choices(self, protocols: Sequence[Choice], facilitators: Sequence[Choice]) -> None:
        """The protocols and staff to choose from (reloaded with each group shown)."""
        self._loading = True
        try:
            self.protocol.clear()
            self.protocol.addItem("None (choose per session)", None)
            for choice in protocols:
                self.protocol.addItem(choice.label, choice.id)
            while self.facilitator_box.count():
                item = self.facilitator_box.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
            self.toggles = {}
            for choice in facilitators:
                row = QWidget()
                line = QHBoxLayout(row)
                line.setContentsMargins(0, 0, 0, 0)
                line.setSpacing(12)
                toggle = Toggle(choice.label)
                toggle.toggled.connect(self._edited)
                self.toggles[choice.id] = toggle
                line.addWidget(toggle)
                line.addWidget(label(choice.label))
                line.addStretch(1)
                self.facilitator_box.addWidget(row)
        finally:
            self._loading = False

    def set_fields(self, data: GroupFields) -> None:
        self._loading = True
        try:
            self.name.setText(data.name)
            for button in self.kind_buttons.buttons():
                button.setChecked(button.property("value") == data.kind)
            self.kind_field.hint.setText(KIND_HINTS.get(data.kind, ""))
            self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
            self.capacity.setValue(data.capacity)
            self.weekday.setCurrentIndex(max(0, self.weekday.findData(data.meeting_weekday))
                                         if data.meeting_weekday is not None else 0)
            self.time.setText(data.meeting_time)
            self.location.setText(data.location)
            self.protocol.setCurrentIndex(max(0, self.protocol.findData(data.default_protocol_id))
                                          if data.default_protocol_id is not None else 0)
            for account_id, toggle in self.toggles.items():
                toggle.setChecked(account_id in data.facilitator_ids)
            self.description.set_text(data.description)
            self.clear_messages()
        finally:
            self._loading = False

    def read(self) -> GroupFields:
        checked = self.kind_buttons.checkedButton()
        return GroupFields(
            name=self.name.text(), kind=str(checked.property("value")) if checked else GroupKind.CLOSED.value,
            status=str(self.status.currentData()), capacity=self.capacity.value(),
            description=self.description.toPlainText(), default_protocol_id=self.protocol.currentData(),
            meeting_weekday=self.weekday.currentData(), meeting_time=self.time.text(),
            location=self.location.text(),
            facilitator_ids=tuple(i for i, toggle in self.toggles.items() if toggle.isChecked()),
        )

    def clear_messages(self) -> None:
        for field in self.fields.values():
            field.clear()

    def show_problem(self, name: str, message: str) -> bool:
        field = self.fields.get(name)
        if field is None:
            return False
        field.show_error(message)
        field.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
