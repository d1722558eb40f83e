"""The main window: navigation, pages, status bar, shortcuts and the planned screens' empty states."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from facilitator.ui import navigation
from facilitator.ui.main_window import WINDOW_TITLE
from facilitator.ui.widgets.empty_state import COMING, EmptyState

BUILT = {"today", "settings", "audit", "session-setup", "runner", "protocols", "monitoring", "groups",
         "participants", "inventory", "check-in", "documents", "notes", "history", "search", "circle"}


def test_every_nav_entry_has_a_button_and_switching_changes_the_page(shell, qtbot):
    assert list(shell.sidebar.buttons) == navigation.screen_ids()
    pages = set()
    for screen in reversed(navigation.SCREENS):  # Today is current at first; end on it
        button = shell.sidebar.buttons[screen.id]
        assert button.accessibleName() == screen.label
        assert not button.icon().isNull()
        with qtbot.waitSignal(shell.screenChanged, timeout=1000) as changed:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert changed.args == [screen.id]
        assert shell.stack.currentWidget() is shell.pages[screen.id]
        assert button.isChecked()
        pages.add(id(shell.pages[screen.id]))
    assert len(pages) == len(navigation.SCREENS)


def test_the_title_never_names_anyone(shell):
    for screen in navigation.SCREENS:
        shell.show_screen(screen.id)
        assert shell.windowTitle() == WINDOW_TITLE == "Facilitator"


def test_status_bar_names_the_database_file_with_the_full_path_in_the_tooltip(shell, store):
    assert shell.db_label.text() == "facilitator.db"
    assert str(store.target.sqlite_path) in shell.db_label.toolTip()
    assert shell.db_label.isVisible()


def test_status_bar_clock_comes_from_the_injected_clock(shell, clock):
    before = shell.clock_label.text()
    clock.advance(minutes=61)
    shell.update_clock()
    assert shell.clock_label.text() != before


@pytest.mark.parametrize("index", range(9))
def test_ctrl_digit_switches_screens(shell, qtbot, index):
    shell.activateWindow()
    qtbot.waitActive(shell)
    shell.show_screen("settings")
    qtbot.keyClick(shell, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    assert shell.current_screen == navigation.SCREENS[index].id


@pytest.mark.parametrize("screen", [s for s in navigation.SCREENS if s.id not in BUILT], ids=lambda s: s.id)
def test_planned_screens_show_a_calm_empty_state(shell, screen):
    page = shell.page(screen.id)
    assert isinstance(page, EmptyState)
    assert page.title_label.text() == screen.label
    assert page.sentence_label.text() == screen.summary
    assert page.note_label.text() == COMING


def test_room_display_is_a_screen_module_but_not_a_nav_entry(shell):
    from facilitator.ui.screens.room_display import RoomDisplay

    assert "room-display" not in shell.sidebar.buttons and "session-detail" not in shell.sidebar.buttons
    page = navigation.entry("room-display").load().create(shell.ctx)
    assert isinstance(page, RoomDisplay) and page.windowTitle() == "Room display"
    page.deleteLater()
