"""The Notes screen: autosave off the UI thread, signing and addenda (conflicts: tests/ui/test_two_laptops.py)."""

from __future__ import annotations

from datetime import timedelta

from facilitator.db.models import Note
from facilitator.services.notes import get_session_notes
from facilitator.ui.dialogs import note_dialogs
from facilitator.ui.widgets.note_editor import SAVED, NoteEditor
from tests.ui.sessions import NOW, add_session


def _open_notes(store, make_window, qtbot):  # type: ignore[no-untyped-def]
    sid = add_session(store, NOW - timedelta(hours=3), status="finished", present=2, expected=2)
    window = make_window()
    window.ctx.open_session(sid, "notes")
    qtbot.waitUntil(lambda: bool(window.findChildren(NoteEditor)))
    editors = [e for e in window.findChildren(NoteEditor) if e.isVisible()]
    return sid, window, editors[0]


def test_typing_autosaves_off_the_ui_thread(store, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    sid, _window, editor = _open_notes(store, make_window, qtbot)
    assert editor.view.participant_id is None
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Group shared about grief")
    assert editor.status.text() == "Saving…"
    qtbot.waitUntil(lambda: editor.idle and editor.status.text() == SAVED, timeout=5000)
    with store.session() as s:
        body = s.get(Note, editor.view.id).body
    assert "Group shared about grief" in body


def test_sign_locks_and_addendum(store, make_window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    sid, _window, editor = _open_notes(store, make_window, qtbot)
    monkeypatch.setattr(note_dialogs, "confirm_sign", lambda parent, signer, when: True)
    monkeypatch.setattr(note_dialogs, "ask_addendum", lambda parent: "Called the next day; doing well.")
    qtbot.keyClicks(editor.editor, "A settled session.")
    editor.ask_sign()
    qtbot.waitUntil(lambda: editor.view.signed, timeout=5000)
    assert editor.editor.isReadOnly()
    assert editor.addendum.isVisible() and not editor.sign.isVisible()
    assert "Signed by" in editor.signature.text()
    editor.ask_addendum()
    qtbot.waitUntil(lambda: len(editor.view.addenda) == 1, timeout=5000)
    assert "next day" in editor.view.addenda[0].body


def test_today_lists_notes_to_finish_and_opens_them(store, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    sid = add_session(store, NOW - timedelta(days=5), status="finished", present=1, expected=1)
    store.run(get_session_notes, sid)  # the notes exist, unsigned
    window = make_window()
    window.show_screen("today")
    block = window.pages["today"].unfinished
    qtbot.waitUntil(block.isVisible)
    assert block.shown and len(block.shown) == 2
    block.opened.emit(sid)
    assert window.ctx.session_id == sid
    qtbot.waitUntil(lambda: window.pages["notes"].session_id == sid)


def test_the_notes_screen_fits_a_small_laptop_window(store, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _sid, window, _editor = _open_notes(store, make_window, qtbot)  # 1280 × 800
    page = window.pages["notes"]
    qtbot.waitUntil(lambda: page.scroll_area.horizontalScrollBar().maximum() == 0)
    assert page.content.width() <= page.scroll_area.viewport().width()
