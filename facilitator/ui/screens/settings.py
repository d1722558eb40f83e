"""Settings: this laptop's appearance, chime and screen lock; every change applies and saves at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from facilitator import __version__
from facilitator.ui import format as fmt
from facilitator.ui import i18n
from facilitator.ui.context import AppContext
from facilitator.ui.icons import IconLabel
from facilitator.ui.widgets.page import Page, card, label
from facilitator.ui.widgets.stepper import Stepper
from facilitator.ui.widgets.toggle import Toggle

THEMES = (("system", "System"), ("light", "Light"), ("dark", "Dark"))
# The screens are built in one language; a new one applies when the app next starts.
RESTART_SENTENCES = {
    "en": "Saved. Facilitator will be in English the next time it starts.",
    "es": "Guardado. Facilitator estará en español la próxima vez que se inicie.",
}


class SettingsScreen(Page):
    """The preferences form. Runs on the UI thread; saving is a small atomic file write."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Settings", "Preferences for this laptop. Changes apply at once and are saved here.",
                         parent, max_width=820)
        self.ctx = ctx
        s = ctx.settings

        self.theme_buttons = QButtonGroup(self)
        segments = QHBoxLayout()
        segments.setSpacing(6)
        for value, text in THEMES:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setProperty("kind", "segment")
            button.setProperty("value", value)
            button.setAccessibleName(f"Theme: {text}")
            button.setChecked(s.theme == value)
            self.theme_buttons.addButton(button)
            segments.addWidget(button)
        segments.addStretch(1)
        self.theme_buttons.buttonClicked.connect(lambda b: self._save(theme=b.property("value")))
        self.large_text = Toggle("Large text")
        self.large_text.setChecked(s.large_text)
        self.large_text.toggled.connect(lambda on: self._save(large_text=on))
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.language.setAccessibleName("Language / Idioma")
        self.language.activated.connect(self._language_chosen)
        self._group("appearance", "Appearance", [
            ("Theme", "System follows the laptop's light or dark setting.", segments),
            ("Large text", "Bigger type everywhere, for reading from arm's length.", self.large_text),
            ("Language · Idioma", "The words of the screens used in a session. Handouts follow each "
             "participant's own language.", self.language),
        ])

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(s.chime_volume * 100))
        self.volume.setMinimumWidth(220)
        self.volume.setAccessibleName("Chime volume")
        self.volume_value = label(f"{self.volume.value()} %", "muted")
        self.volume_value.setMinimumWidth(48)
        # Save when the drag ends (or on each keyboard step), not for every pixel of a drag.
        self.volume.valueChanged.connect(self._volume_moved)
        self.volume.sliderReleased.connect(lambda: self._save(chime_volume=self.volume.value() / 100))
        volume_row = QHBoxLayout()
        volume_row.setSpacing(14)
        volume_row.addWidget(self.volume)
        volume_row.addWidget(self.volume_value)
        volume_row.addStretch(1)
        self.mute = Toggle("Mute chimes")
        self.mute.setChecked(s.chime_muted)
        self.mute.toggled.connect(self._mute_toggled)
        self.volume.setEnabled(not s.chime_muted)
        self.circle_chime = Toggle("Chime in circles")
        self.circle_chime.setChecked(s.circle_chime)
        self.circle_chime.toggled.connect(lambda on: self._save(circle_chime=bool(on)))
        self._group("sound", "Sound", [
            ("Chime volume", "The soft chime at the end of a phase.", volume_row),
            ("Mute chimes", "Show the visual cue only; no sound at all.", self.mute),
            ("Chime in circles", "In circle mode, a soft chime when a share reaches its soft limit.",
             self.circle_chime),
        ])

        self.idle_lock = Stepper(1, 60, s.idle_lock_minutes, suffix=" min", accessible_name="Lock after minutes idle")
        self.idle_lock.spin.setFixedWidth(96)
        self.idle_lock.valueChanged.connect(lambda v: self._save(idle_lock_minutes=v))
        self._group("lock", "Privacy", [
            ("Lock the screen after", "Records are hidden after this long without a key or mouse.", self.idle_lock),
        ])

        from facilitator.ui.widgets.accounts_panel import AccountsPanel

        self.accounts = AccountsPanel(ctx)
        self.body.addWidget(self.accounts)

        name, where = fmt.database_label(ctx.store)
        about = label(f"Facilitator {__version__}  ·  Database {name}", "small")
        about.setToolTip(where)
        self.status = label("", "small")
        self.body.addWidget(about)
        self.body.addWidget(self.status)

    def _group(self, icon: str, title: str, rows: list[tuple[str, str, QWidget | QLayout]]) -> None:
        frame = card()
        grid = QGridLayout(frame)
        grid.setContentsMargins(28, 22, 28, 24)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(18)
        grid.setColumnStretch(1, 1)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(IconLabel(icon, size=22, role="accent"))
        head.addWidget(label(title, "section"))
        head.addStretch(1)
        grid.addLayout(head, 0, 0, 1, 2)
        for i, (name, hint, control) in enumerate(rows, start=1):
            text = QVBoxLayout()
            text.setSpacing(2)
            text.addWidget(label(name))
            text.addWidget(label(hint, "small", wrap=True))
            grid.addLayout(text, i, 0)
            if isinstance(control, QWidget):
                grid.addWidget(control, i, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            else:
                grid.addLayout(control, i, 1)
        grid.setColumnMinimumWidth(0, 320)
        self.body.addWidget(frame)

    def _language_chosen(self, _index: int) -> None:
        code = self.language.currentData()
        if code == self.ctx.settings.language:
            return
        self._save(language=code)
        if self.status.property("role") != "error":
            # Said in the language just chosen: that is the reader who will look for it.
            self.status.setText(RESTART_SENTENCES.get(code, RESTART_SENTENCES["en"]))

    def _volume_moved(self, value: int) -> None:
        self.volume_value.setText(f"{value} %")
        if not self.volume.isSliderDown():
            self._save(chime_volume=value / 100)

    def _mute_toggled(self, muted: bool) -> None:
        self.volume.setEnabled(not muted)
        self._save(chime_muted=muted)

    def _save(self, **changes: object) -> None:
        problem = self.ctx.update_settings(**changes)
        self.status.setProperty("role", "error" if problem else "small")
        self.status.setText(problem or "Saved on this laptop.")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)


def create(ctx: AppContext) -> QWidget:
    return SettingsScreen(ctx)
