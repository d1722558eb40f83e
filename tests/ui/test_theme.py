"""Light and dark palettes, the large type scale, stylesheets, and the Settings screen that drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from facilitator.settings import load_settings
from facilitator.ui import theme as theming
from facilitator.ui.theme import apply_theme, current_theme, render_stylesheet


def _window_colour(app):  # type: ignore[no-untyped-def]
    return app.palette().color(QPalette.ColorRole.Window)


def test_light_and_dark_differ_and_dark_is_dark(qapp):
    apply_theme(qapp, "light", False)
    light = _window_colour(qapp)
    apply_theme(qapp, "dark", False)
    dark = _window_colour(qapp)
    assert light != dark
    assert dark.lightnessF() < 0.25 < 0.75 < light.lightnessF()
    assert current_theme().name == "dark"


def test_system_follows_the_os_and_unknown_counts_as_light(qapp):
    expected = "dark" if qapp.styleHints().colorScheme() == Qt.ColorScheme.Dark else "light"
    assert apply_theme(qapp, "system", False).name == expected
    assert theming.controller().choice == "system"


def test_large_text_makes_every_size_bigger(qapp):
    normal = apply_theme(qapp, "light", False)
    assert qapp.font().pixelSize() == normal.font_px == 15
    large = apply_theme(qapp, "light", True)
    assert qapp.font().pixelSize() == large.font_px > normal.font_px
    assert large.title_px > normal.title_px and large.sidebar_width > normal.sidebar_width


def test_every_stylesheet_placeholder_is_filled():
    for theme in (theming.LIGHT, theming.DARK, theming.DARK.scaled(True)):
        sheet = render_stylesheet(theme)
        assert "{{" not in sheet and "}}" not in sheet
        assert theme.accent in sheet


def test_icons_recolour_when_the_theme_changes(shell, qapp):
    button = shell.sidebar.buttons["groups"]
    before = button.icon().cacheKey()
    apply_theme(qapp, "dark", False)
    assert button.icon().cacheKey() != before


def test_settings_screen_applies_and_saves_at_once(shell, store, qapp, qtbot):
    shell.show_screen("settings")
    page = shell.pages["settings"]
    dark = next(b for b in page.theme_buttons.buttons() if b.property("value") == "dark")
    qtbot.mouseClick(dark, Qt.MouseButton.LeftButton)
    assert current_theme().name == "dark"
    assert load_settings(store.data_dir).theme == "dark"

    qtbot.mouseClick(page.large_text, Qt.MouseButton.LeftButton)
    assert qapp.font().pixelSize() == current_theme().font_px == 19
    assert shell.sidebar.width() == current_theme().sidebar_width
    assert load_settings(store.data_dir).large_text is True

    page.volume.setValue(30)  # a keyboard step: saved at once
    assert load_settings(store.data_dir).chime_volume == 0.3
    qtbot.mouseClick(page.mute, Qt.MouseButton.LeftButton)
    assert not page.volume.isEnabled()
    assert load_settings(store.data_dir).chime_muted is True

    qtbot.mouseClick(page.idle_lock.plus, Qt.MouseButton.LeftButton)
    assert load_settings(store.data_dir).idle_lock_minutes == 6
    assert page.status.text() == "Saved on this laptop."
    assert shell.ctx.settings == load_settings(store.data_dir)


def test_only_a_system_choice_follows_the_os_when_it_changes(qapp, qtbot):
    hints = qapp.styleHints()
    controller = theming.controller()
    apply_theme(qapp, "system", False)
    with qtbot.waitSignal(controller.changed, timeout=1000):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # as the OS announces a switch
    apply_theme(qapp, "dark", False)
    with qtbot.assertNotEmitted(controller.changed):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert current_theme().name == "dark"
