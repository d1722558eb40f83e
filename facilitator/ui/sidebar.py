"""The navigation sidebar: one icon-and-label button per screen, grouped in quiet sections."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator.ui import navigation
from facilitator.ui import theme as theming
from facilitator.ui.icons import IconLabel, set_icon

SHORTCUT_COUNT = 9  # Ctrl+1 … Ctrl+9
NAV_GAP = "\u2002"
translate = QCoreApplication.translate


class Sidebar(QWidget):
    """The list of screens; a checked button marks the current one.

    Signals:
        screenRequested(str): a screen id, when its button is clicked.

    Attributes:
        buttons: screen id -> its button (tests click these).
    """

    screenRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        # Style sheets only paint a plain QWidget's background with this attribute.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}

        brand = QHBoxLayout()
        brand.setContentsMargins(20, 22, 16, 14)
        brand.setSpacing(10)
        brand.addWidget(IconLabel("app", size=26, role="accent"))
        name = QLabel("Facilitator")
        name.setObjectName("brand")
        brand.addWidget(name)
        brand.addStretch(1)

        items = QWidget()
        column = QVBoxLayout(items)
        column.setContentsMargins(10, 0, 10, 16)
        column.setSpacing(2)
        section = None
        for index, screen in enumerate(navigation.SCREENS):
            if screen.section != section:
                section = screen.section
                heading = QLabel(translate("Navigation", section))  # marked for translation in navigation
                heading.setObjectName("sidebarSection")
                column.addWidget(heading)
            column.addWidget(self._button(screen, index))
        column.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(items)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(brand)
        layout.addWidget(scroll, 1)
        theming.controller().changed.connect(self._on_theme)
        self._on_theme(theming.current_theme())

    def _button(self, screen: navigation.ScreenEntry, index: int) -> QPushButton:
        # Qt puts a push button's icon 4 px from its text; an en space gives the label room to breathe.
        name, summary = translate("Navigation", screen.label), translate("Navigation", screen.summary)
        button = QPushButton(NAV_GAP + name)
        button.setProperty("nav", True)
        button.setCheckable(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        set_icon(button, screen.icon, role="muted", on_role="accent")
        hint = f"  (Ctrl+{index + 1})" if index < SHORTCUT_COUNT else ""
        button.setToolTip(f"{summary}{hint}")
        button.setAccessibleName(name)
        button.setAccessibleDescription(summary)
        button.clicked.connect(lambda _checked=False, sid=screen.id: self.screenRequested.emit(sid))
        self.group.addButton(button)
        self.buttons[screen.id] = button
        return button

    def set_current(self, screen_id: str) -> None:
        button = self.buttons.get(screen_id)
        if button is not None:
            button.setChecked(True)

    def _on_theme(self, theme: theming.Theme) -> None:
        self.setFixedWidth(theme.sidebar_width)
        size = round(theme.font_px * 1.4)
        for button in self.buttons.values():
            button.setIconSize(QSize(size, size))
