"""Light and dark palettes, type sizes, and the stylesheets they fill in.

One set of QSS files under ``resources/styles/`` serves both themes: each ``{{name}}`` placeholder is
replaced by a colour or size from the :class:`Theme` in effect. The Fusion style draws everything the
stylesheets leave alone, so the palette below also colours native-looking widgets in dark mode.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, replace
from typing import Literal

from PySide6.QtCore import QDir, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from facilitator import paths

log = logging.getLogger(__name__)

ThemeName = Literal["light", "dark", "system"]
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")


@dataclass(frozen=True)
class Theme:
    """Everything the stylesheets and painted widgets need: colours (hex) and sizes (px)."""

    name: str
    bg: str
    surface: str
    surface_alt: str
    sidebar: str
    border: str
    text: str
    muted: str
    accent: str
    accent_strong: str
    accent_hover: str
    accent_soft: str
    on_accent: str
    control_off: str
    warning: str
    danger: str
    font_px: int = 15
    small_px: int = 13
    section_px: int = 17
    card_title_px: int = 20
    title_px: int = 26
    display_px: int = 30
    timer_px: int = 104  # the runner's time left: legible from two metres
    phase_px: int = 30
    sidebar_width: int = 220
    nav_padding: int = 7
    section_gap: int = 12
    radius: int = 12

    def scaled(self, large_text: bool) -> Theme:
        """The same colours with the large type scale (for reading at arm's length)."""
        if not large_text:
            return self
        # Tighter sidebar rows keep all fifteen screens visible on a 900 px high screen.
        return replace(self, font_px=19, small_px=16, section_px=21, card_title_px=25, title_px=32,
                       display_px=38, timer_px=120, phase_px=36,
                       sidebar_width=264, nav_padding=4, section_gap=6)


# Warm paper and a muted sage: calm in a dim room, enough contrast for body text (> 7:1) and
# for muted text (> 4.5:1). White on accent_strong stays above 4.5:1 for button labels.
LIGHT = Theme(
    name="light", bg="#f4f2ee", surface="#fcfbf9", surface_alt="#ece9e3", sidebar="#ebe8e1",
    border="#dedad2", text="#272b29", muted="#626863", accent="#5b8a72", accent_strong="#4a7561",
    accent_hover="#406857", accent_soft="#dde8e1", on_accent="#ffffff", control_off="#c8c3b9", warning="#9a6a1c",
    danger="#a84a4a",
)
# Dark is not inverted light: low-glare charcoal, a softer sage, no pure white anywhere.
DARK = Theme(
    name="dark", bg="#1b1e1d", surface="#242927", surface_alt="#2c322f", sidebar="#161918",
    border="#333a37", text="#e2e5e2", muted="#9ba39e", accent="#86b39b", accent_strong="#86b39b",
    accent_hover="#98c2ab", accent_soft="#2c3b33", on_accent="#14201a", control_off="#4b544f", warning="#d9ad62",
    danger="#d99292",
)

def style_files() -> list[str]:
    """Every stylesheet in resources/styles, in the order their numbers give (base first)."""
    return sorted(p.name for p in paths.resource("styles").glob("*.qss"))


def render_stylesheet(theme: Theme) -> str:
    """The application stylesheet for ``theme``: every style file, placeholders filled.

    Raises:
        KeyError: for a placeholder the theme does not define (a typo in a .qss file).
    """
    values = {k: str(v) for k, v in asdict(theme).items()}
    values["resources"] = paths.resources_dir().as_posix()  # for images such as the drop-down caret
    parts = []
    for name in style_files():
        text = paths.resource("styles", name).read_text(encoding="utf-8")
        parts.append(_PLACEHOLDER.sub(lambda m: values[m.group(1)], text))
    return "\n".join(parts)


def build_palette(theme: Theme) -> QPalette:
    """A QPalette in the theme's colours, for what Fusion paints without the stylesheet."""
    c = {k: QColor(v) for k, v in asdict(theme).items() if isinstance(v, str) and v.startswith("#")}
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["bg"], QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["surface"], QPalette.ColorRole.AlternateBase: c["surface_alt"],
        QPalette.ColorRole.Text: c["text"], QPalette.ColorRole.Button: c["surface"],
        QPalette.ColorRole.ButtonText: c["text"], QPalette.ColorRole.Highlight: c["accent_strong"],
        QPalette.ColorRole.HighlightedText: c["on_accent"], QPalette.ColorRole.ToolTipBase: c["surface"],
        QPalette.ColorRole.ToolTipText: c["text"], QPalette.ColorRole.PlaceholderText: c["muted"],
        QPalette.ColorRole.Link: c["accent_strong"], QPalette.ColorRole.Mid: c["border"],
        QPalette.ColorRole.Midlight: c["surface_alt"], QPalette.ColorRole.Dark: c["border"],
        QPalette.ColorRole.Accent: c["accent"],
    }
    for role, colour in roles.items():
        pal.setColor(role, colour)
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, c["muted"])
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, c["muted"])
    return pal


def system_theme_name() -> str:
    """"dark" when the OS asks for dark; otherwise light (``Unknown`` counts as light)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


class ThemeController(QObject):
    """Applies a theme to the application and follows the OS while the choice is "system".

    Signals:
        changed(Theme): after every application of a theme (icons recolour themselves on it).
    """

    changed = Signal(object)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.choice: ThemeName = "system"
        self.large_text = False
        self.theme: Theme = LIGHT
        self._requesting = False
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    def apply(self, app: QApplication, choice: ThemeName, large_text: bool) -> Theme:
        self.choice, self.large_text = choice, large_text
        self._request_scheme(choice)
        resolved = system_theme_name() if choice == "system" else choice
        theme = (DARK if resolved == "dark" else LIGHT).scaled(large_text)
        self.theme = theme
        app.setStyle("Fusion")
        app.setPalette(build_palette(theme))
        font = QFont(app.font())
        font.setPixelSize(theme.font_px)
        app.setFont(font)
        # Stylesheets name their images "styles:<file>" (the combo box arrow), found in a checkout or a bundle.
        QDir.setSearchPaths("styles", [str(paths.resource("styles"))])
        app.setStyleSheet(render_stylesheet(theme))
        self.changed.emit(theme)
        return theme

    def _request_scheme(self, choice: ThemeName) -> None:
        """Tell the platform too, so window frames and native dialogs match a forced choice."""
        hints = QGuiApplication.styleHints()
        self._requesting = True  # the request may announce a change; that is not the OS speaking
        try:
            if choice == "system":
                hints.unsetColorScheme()
            else:
                hints.setColorScheme(Qt.ColorScheme.Dark if choice == "dark" else Qt.ColorScheme.Light)
        finally:
            self._requesting = False

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        # Only a "system" choice follows the OS; a forced light or dark stays put.
        app = QApplication.instance()
        if self.choice == "system" and not self._requesting and isinstance(app, QApplication):
            log.info("system colour scheme changed; re-applying the theme")
            self.apply(app, "system", self.large_text)


_controller: ThemeController | None = None


def controller() -> ThemeController:
    """The application's theme controller (created with the first QApplication call)."""
    global _controller
    app = QApplication.instance()
    if _controller is None or _controller.parent() is not app:
        if not isinstance(app, QApplication):
            raise RuntimeError("create the QApplication before applying a theme")
        _controller = ThemeController(app)
    return _controller


def apply_theme(app: QApplication, choice: ThemeName = "system", large_text: bool = False) -> Theme:
    """Apply "light", "dark" or "system" (follow the OS) with the normal or large type scale."""
    return controller().apply(app, choice, large_text)


def current_theme() -> Theme:
    """The theme in effect; light before any theme was applied."""
    return _controller.theme if _controller is not None else LIGHT
