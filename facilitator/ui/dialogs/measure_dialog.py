"""Entering a GAD-7 or PHQ-9 for one person at check-in: the form, and Save once every item is answered."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QScrollArea, QVBoxLayout, QWidget

from facilitator.ui.widgets.fields import plain_buttons
from facilitator.ui.widgets.page import label
from facilitator.ui.widgets.scale_form import ScaleForm


class MeasureDialog(QDialog):
    """A scale form in a dialog; the title names the instrument only (never the person).

    Attributes:
        form: the :class:`ScaleForm`; ``form.items()`` holds the answers once accepted.
    """

    def __init__(self, instrument: str, person: str, answers: Sequence[int | None] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = ScaleForm(instrument, answers, summary_inside=False)
        self.setWindowTitle(self.form.scale.instrument.value)
        # An explicit minimum: the layout then never has to push size limits to the window system.
        self.setMinimumSize(760, 520)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(860, min(820, screen.height() - 40) if screen is not None else 820)
        heading = label(f"{self.form.scale.title}  \u00b7  {person}", "cardTitle", wrap=True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 12, 0)
        column.addWidget(self.form)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        self.form.itemFocused.connect(lambda row: scroll.ensureWidgetVisible(row, 0, 60))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("kind", "primary")
        plain_buttons(self.buttons)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.form.changed.connect(self._update)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(16)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.form.summary)
        layout.addWidget(self.buttons)
        self._update()
        first = next((i for i, a in enumerate(self.form.answers()) if a is None), 0)
        self.form.groups[first].button(0).setFocus()  # keys 0-3 answer from the first open item at once

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Digits typed while the focus is on Save or Cancel still answer the form.
        if Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_3:
            self.form.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _update(self) -> None:
        self.save_button.setEnabled(self.form.complete)

    def _save(self) -> None:
        if self.form.complete:
            self.accept()
