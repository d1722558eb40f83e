"""Two laptops on one clinic database: live refresh within 2 s, and the conflict dialog for concurrent edits.

Each "laptop" is its own store (its own connections) and its own main window, on one SQLite file or
one PostgreSQL database. Nothing is sent between the windows: what one records reaches the other
only through the database and its live refresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from facilitator.db.models import Note
from facilitator.domain.clock import FakeClock
from facilitator.domain.participant_rules import ParticipantFields
from facilitator.services.monitoring import record_vitals
from facilitator.services.notes import get_session_notes, save_note
from facilitator.services.participant_records import create_participant, get_participant, update_participant
from facilitator.settings import Settings
from facilitator.ui.main_window import MainWindow
from facilitator.ui.widgets.conflict_dialog import COPY_MINE, KEEP_MINE, KEEP_THEIRS
from facilitator.ui.widgets.note_editor import SAVED, NoteEditor
from tests.conftest import new_backend_clinic, open_again
from tests.ui.runner_helpers import running_session, small_clinic
from tests.ui.sessions import NOW, add_session

LIVE_MS = 2000  # the promise: what one laptop records shows on the other within 2 s
TODAY = date(2026, 3, 12)


@pytest.fixture()
def laptops(qtbot, backend: str, tmp_path: Path, clock: FakeClock,  # type: ignore[no-untyped-def]
            request: pytest.FixtureRequest) -> Iterator[tuple[Any, Any, Any]]:
    """(first store, second store, a function opening a main window on a store), on each backend."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    first = new_backend_clinic(backend, tmp_path / "data", url, clock=clock)
    second = open_again(first, clock=clock)
    windows: list[MainWindow] = []

    def window_on(store: Any) -> MainWindow:
        window = MainWindow(store, Settings(theme="light", chime_muted=True), clock=clock)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield first, second, window_on
    for window in windows:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    second.dispose()
    first.dispose()


def _vitals(panel) -> str:  # type: ignore[no-untyped-def]
    return panel.vitals_label.text()


def test_vitals_and_phase_changes_show_on_the_other_laptop_within_2_s(laptops, qtbot, clock):  # type: ignore[no-untyped-def]
    facilitator_store, monitor_store, window_on = laptops
    clinic = small_clinic(facilitator_store)
    session_id = running_session(facilitator_store, clinic, clock)
    runner_window = window_on(facilitator_store)
    runner_window.ctx.open_session(session_id, "runner")
    runner_screen = runner_window.pages["runner"]
    assert runner_screen.live.holds_runner
    if facilitator_store.target.sqlite_path is None:  # the status bar names the server in use
        assert runner_window.db_label.text().startswith("PostgreSQL facilitator_test on 127.0.0.1:")
    monitor_window = window_on(monitor_store)
    monitor_window.show_screen("monitoring")
    board = monitor_window.pages["monitoring"]
    assert len(board.rows) == 3
    dev = next(r for r in board.rows.values() if r.name_label.text() == "Dev S.")
    card = next(c for c in runner_screen.cards if c.card.participant_id == dev.participant_id)
    assert _vitals(dev.panel) == _vitals(card.panel) == "Nothing recorded yet"

    # The facilitator's laptop records; the monitor's board shows it.
    facilitator_store.run(record_vitals, session_id, dev.participant_id, clock, line="126/80 70 98")
    qtbot.waitUntil(lambda: "126/80" in _vitals(dev.panel), timeout=LIVE_MS)

    # The monitor records (through the service, as the board's entry does); the runner's card shows it.
    clock.advance(minutes=1)  # within the runner claim's two minutes: the facilitator keeps the runner
    monitor_store.run(record_vitals, session_id, dev.participant_id, clock, line="182/112 90 97")
    qtbot.waitUntil(lambda: "182/112" in _vitals(card.panel), timeout=LIVE_MS)
    assert card.panel.level_tag.text() != "Normal"

    # A runner action: the monitor's runner follows the session read-only and sees the next phase.
    monitor_window.ctx.open_session(session_id, "runner")
    follower = monitor_window.pages["runner"]
    assert follower.follow_line.isVisible() and not follower.controls.isVisible()
    before = follower.clock.name_label.text()
    assert runner_screen.live.next_phase()
    after = runner_screen.clock.name_label.text()
    assert after != before
    qtbot.waitUntil(lambda: follower.clock.name_label.text() == after, timeout=LIVE_MS)


def test_a_reload_never_disturbs_typing(laptops, qtbot, clock):  # type: ignore[no-untyped-def]
    """The board's entry keeps its half-typed reading, and the roster its selection, through a reload."""
    first, second, window_on = laptops
    clinic = small_clinic(first)
    session_id = running_session(first, clinic, clock)
    window = window_on(second)
    window.show_screen("monitoring")
    board = window.pages["monitoring"]
    ana, dev = (next(r for r in board.rows.values() if r.name_label.text() == name) for name in ("Anaïs R.", "Dev S."))
    ana.panel.entry.setFocus()
    qtbot.keyClicks(ana.panel.entry, "120/8")
    first.run(record_vitals, session_id, dev.participant_id, clock, line="130/85 72 98")
    qtbot.waitUntil(lambda: "130/85" in _vitals(dev.panel), timeout=LIVE_MS)
    assert ana.panel.entry.text() == "120/8" and ana.panel.entry.hasFocus()

    window.show_screen("participants")
    roster = window.pages["participants"].roster
    pid = first.run(create_participant, ParticipantFields(legal_first_name="Zed", legal_last_name="Young"),
                    today=TODAY).profile.id
    qtbot.waitUntil(lambda: roster.select(pid), timeout=LIVE_MS)
    first.run(create_participant, ParticipantFields(legal_first_name="Amy", legal_last_name="Abbott"), today=TODAY)
    qtbot.waitUntil(lambda: roster.model.rowCount() == 5, timeout=LIVE_MS)
    assert roster.selected_id() == pid  # the new row above it did not move the selection


# --- the conflict dialog ---------------------------------------------------------------------------


def _notes_window(store, other, window_on, qtbot):  # type: ignore[no-untyped-def]
    sid = add_session(store, NOW - timedelta(hours=3), status="finished", present=1, expected=1)
    window = window_on(store)
    window.live_refresh.stop()  # the test decides when the other laptop's save lands
    window.ctx.open_session(sid, "notes")
    qtbot.waitUntil(lambda: bool(window.findChildren(NoteEditor)))
    editor = next(e for e in window.findChildren(NoteEditor) if e.isVisible())
    note = other.run(get_session_notes, sid).group
    other.run(save_note, note.id, "<p>Written on the other laptop</p>", expected_version=note.version)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, "Mine from this laptop")
    qtbot.waitUntil(lambda: editor.conflict_dialog is not None and editor.conflict_dialog.isVisible(), timeout=5000)
    return editor, note.id


@pytest.mark.parametrize("choice", [KEEP_THEIRS, KEEP_MINE, COPY_MINE])
def test_a_conflicting_note_edit_shows_both_versions_and_stores_the_choice(  # type: ignore[no-untyped-def]
        laptops, qtbot, choice):
    store, other, window_on = laptops
    editor, note_id = _notes_window(store, other, window_on, qtbot)
    dialog = editor.conflict_dialog
    assert "Written on the other laptop" in dialog.theirs_view.toPlainText()
    assert "Mine from this laptop" in dialog.mine_view.toPlainText()
    assert dialog.theirs_caption.text().startswith("Saved by Robin Admin")
    assert store.run(lambda s: s.get(Note, note_id).body) == "<p>Written on the other laptop</p>"  # not overwritten
    {KEEP_THEIRS: dialog.keep_theirs, KEEP_MINE: dialog.keep_mine, COPY_MINE: dialog.copy_mine}[choice].click()
    qtbot.waitUntil(lambda: editor.idle, timeout=5000)
    stored = store.run(lambda s: s.get(Note, note_id).body)
    if choice == KEEP_MINE:
        assert "Mine from this laptop" in stored and "other laptop" not in stored
        assert editor.status.text() == SAVED
    else:
        assert stored == "<p>Written on the other laptop</p>"
        assert "Written on the other laptop" in editor.editor.toPlainText()
        assert "Mine from this laptop" not in editor.editor.toPlainText()
    if choice == COPY_MINE:
        assert QGuiApplication.clipboard().text().strip() == "Mine from this laptop"


def _phone(profile) -> QLineEdit:  # type: ignore[no-untyped-def]
    field = profile.form.fields["phone"].editor
    assert isinstance(field, QLineEdit)
    return field


@pytest.mark.parametrize("choice", [KEEP_THEIRS, KEEP_MINE])
def test_a_conflicting_profile_edit_shows_the_fields_that_differ(laptops, qtbot, choice):  # type: ignore[no-untyped-def]
    store, other, window_on = laptops
    pid = store.run(create_participant, ParticipantFields(legal_first_name="Ana", legal_last_name="Ruiz",
                                                          date_of_birth=date(1980, 5, 5)), today=TODAY).profile.id
    window = window_on(store)
    window.live_refresh.stop()
    window.ctx.open("participants", participant_id=pid)
    profile = window.pages["participants"].profile
    opened = other.run(get_participant, pid, TODAY)
    other.run(update_participant, pid, replace(opened.fields, pronouns="she/her"), version=opened.version, today=TODAY)
    _phone(profile).setText("303 555 0100")
    assert profile.save() is False
    dialog = profile.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.theirs_view.toPlainText().splitlines() == ["Pronouns: she/her", "Phone: (empty)"]
    assert dialog.mine_view.toPlainText().splitlines() == ["Pronouns: (empty)", "Phone: 303 555 0100"]
    (dialog.keep_mine if choice == KEEP_MINE else dialog.keep_theirs).click()
    stored = store.run(get_participant, pid, TODAY).fields
    if choice == KEEP_MINE:
        assert (stored.phone, stored.pronouns) == ("303 555 0100", "")
    else:
        assert (stored.phone, stored.pronouns) == ("", "she/her")
        assert _phone(profile).text() == ""
    assert not profile.dirty


def test_a_note_saved_elsewhere_shows_unless_this_editor_holds_unsaved_typing(laptops, qtbot):  # type: ignore[no-untyped-def]
    store, other, window_on = laptops
    sid = add_session(store, NOW - timedelta(hours=3), status="finished", present=1, expected=1)
    window = window_on(store)
    window.ctx.open_session(sid, "notes")
    qtbot.waitUntil(lambda: bool(window.findChildren(NoteEditor)))
    group, person = window.pages["notes"].editors
    notes = other.run(get_session_notes, sid)
    other.run(save_note, notes.group.id, "<p>Group note from the other laptop</p>",
              expected_version=notes.group.version)
    qtbot.waitUntil(lambda: "from the other laptop" in group.editor.toPlainText(), timeout=LIVE_MS)
    assert group.version == notes.group.version + 1  # the next save here builds on theirs: no conflict
    assert "Draft" in window.pages["notes"].list.item(0).text()

    person.editor.setFocus()
    qtbot.keyClicks(person.editor, "typed here")
    other.run(save_note, notes.participants[0].id, "<p>Their note</p>", expected_version=notes.participants[0].version)
    window.live_refresh.poll()
    qtbot.waitUntil(lambda: person.conflict_dialog is not None, timeout=5000)  # the autosave met theirs
    assert "typed here" in person.editor.toPlainText()  # the reload never replaced the typing


def test_the_live_refresh_says_once_when_the_database_is_gone_and_recovers(laptops, qtbot, caplog):  # type: ignore[no-untyped-def]
    from facilitator.ui.live_refresh import LiveRefresh

    store, other, _window_on = laptops
    refresh = LiveRefresh(store, interval_ms=60_000)  # polled by hand
    refresh.poll()
    qtbot.waitUntil(lambda: refresh.mark is not None)
    working = store.run

    def gone(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError("server closed the connection")

    store.run = gone
    for _ in range(3):
        refresh.poll()
        qtbot.waitUntil(lambda: not refresh.polling)
    assert not refresh.reachable
    assert sum("did not answer" in r.getMessage() for r in caplog.records) == 1
    store.run = working
    other.run(create_participant, ParticipantFields(legal_first_name="Amy", legal_last_name="Abbott"), today=TODAY)
    with qtbot.waitSignal(refresh.changed, timeout=5000):
        refresh.poll()
    assert refresh.reachable


def test_an_open_profile_shows_a_change_from_elsewhere_unless_it_holds_unsaved_changes(  # type: ignore[no-untyped-def]
        laptops, qtbot):
    store, other, window_on = laptops
    pid = store.run(create_participant, ParticipantFields(legal_first_name="Ana", legal_last_name="Ruiz"),
                    today=TODAY).profile.id
    window = window_on(store)
    window.ctx.open("participants", participant_id=pid)
    profile = window.pages["participants"].profile
    opened = other.run(get_participant, pid, TODAY)
    other.run(update_participant, pid, replace(opened.fields, pronouns="she/her"), version=opened.version, today=TODAY)
    pronouns = profile.form.fields["pronouns"].editor
    qtbot.waitUntil(lambda: pronouns.text() == "she/her", timeout=LIVE_MS)
    assert not profile.dirty

    qtbot.keyClicks(_phone(profile), "303 555 0100")  # typed here, not saved yet
    assert profile.dirty
    again = other.run(get_participant, pid, TODAY)
    other.run(update_participant, pid, replace(again.fields, pronouns="they/them"), version=again.version,
              today=TODAY)
    window.live_refresh.poll()
    qtbot.waitUntil(lambda: not window.live_refresh.polling, timeout=LIVE_MS)
    assert profile.dirty and _phone(profile).text() == "303 555 0100" and pronouns.text() == "she/her"
