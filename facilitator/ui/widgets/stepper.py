"""A number with large minus and plus buttons: easier to hit than a spin box's tiny arrows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QHBoxLayout, QPushButton, QSpinBox, QWidget

from facilitator.ui.icons import set_icon


class Stepper(QWidget):
    """An integer field between two buttons; typing still works (Enter or leaving the field applies).

    Signals:
        valueChanged(int): after each step or a finished edit, never for each typed digit.
    """

    valueChanged = Signal(int)

    def __init__(self, minimum: int, maximum: int, value: int, *, suffix: str = "", accessible_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setObjectName("stepperField")
        self.spin.setRange(minimum, maximum)
        self.spin.setValue(value)
        self.spin.setSuffix(suffix)
        self.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.spin.setKeyboardTracking(False)  # typing "15" applies 15, not 1 then 15
        self.spin.setAccessibleName(accessible_name)
        self.spin.valueChanged.connect(self.valueChanged)
        self.minus = self._button("minus", f"Less ({accessible_name.lower()})", self.spin.stepDown)
        self.plus = self._button("plus", f"More ({accessible_name.lower()})", self.spin.stepUp)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.minus)
        layout.addWidget(self.spin)
        layout.addWidget(self.plus)

    def _button(self, icon: str, name: str, step) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton()
        button.setProperty("kind", "square")
        button.setAccessibleName(name)
        button.setAutoRepeat(True)
        # Focus stays in the field; the buttons are for the mouse, the arrow keys do the same.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        set_icon(button, icon, role="text", on_role="text")
        button.clicked.connect(step)
        return button

    def value(self) -> int:
        return self.spin.value()

    def setValue(self, value: int) -> None:
        self.spin.setValue(value)
