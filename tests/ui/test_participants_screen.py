"""The Participants screen in a real window: filter as you type, open a profile, messages at the field, CSV."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from facilitator.domain.participant_rules import ParticipantFields
from facilitator.services.participant_records import create_participant, get_participant, update_participant
from facilitator.ui.models.roster_table import COL_NAME, ID_ROLE

TODAY = date(2026, 3, 12)


def _add(store, first: str, last: str, **changes) -> int:  # type: ignore[no-untyped-def]
    data = ParticipantFields(legal_first_name=first, legal_last_name=last, date_of_birth=date(1980, 5, 5), **changes)
    return store.run(create_participant, data, today=TODAY).profile.id


@pytest.fixture()
def screen(store, make_window):  # type: ignore[no-untyped-def]
    ids = {
        "ana": _add(store, "Ana", "Ruiz", flag_hypertension=True),
        "zoe": _add(store, "Zoë", "Abernathy"),
        "bo": _add(store, "Bo", "Lind", status="inactive"),
    }
    window = make_window()
    window.show_screen("participants")
    page = window.page("participants")
    page.ids = ids
    return page


def _names(roster) -> list[str]:  # type: ignore[no-untyped-def]
    return [roster.proxy.index(r, COL_NAME).data() for r in range(roster.proxy.rowCount())]


def _editor(field) -> QLineEdit:  # type: ignore[no-untyped-def]
    assert isinstance(field.editor, QLineEdit)
    return field.editor


def test_the_roster_filters_as_you_type_and_enter_opens_the_profile(screen, qtbot):
    roster = screen.roster
    assert _names(roster) == ["Abernathy, Zoë", "Lind, Bo", "Ruiz, Ana"]
    assert roster.subtitle.text() == "3 people on file, 2 active"
    qtbot.keyClicks(roster.search, "zoe")
    assert _names(roster) == ["Abernathy, Zoë"]
    assert roster.count_label.text() == "Showing 1 of 3"
    qtbot.keyClick(roster.search, Qt.Key.Key_Return)
    assert screen.currentWidget() is screen.profile
    assert screen.profile.title_label.text() == "Zoë Abernathy"
    qtbot.keyClick(_editor(screen.profile.form.fields["preferred_name"]), Qt.Key.Key_Escape)
    assert screen.currentWidget() is roster
    assert _names(roster) == ["Abernathy, Zoë"]  # the filter is kept


def test_double_click_and_enter_on_a_row_open_it(screen, qtbot):
    roster = screen.roster
    roster.status_filter.setCurrentIndex(2)  # Inactive
    assert _names(roster) == ["Lind, Bo"]
    index = roster.proxy.index(0, COL_NAME)
    roster.table.setCurrentIndex(index)
    qtbot.keyClick(roster.table, Qt.Key.Key_Return)
    assert screen.profile.profile is not None and screen.profile.profile.id == index.data(ID_ROLE)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("legal_first_name", "", "legal first name is required"),
    ("date_of_birth", "2031-01-01", "is in the future"),
    ("date_of_birth", "31/01/1980", "YYYY-MM-DD"),
    ("email", "ana@", "should look like name@example.org"),
    ("phone", "555", "7 to 15 digits"),
])
def test_bad_values_are_shown_at_their_field_and_nothing_is_saved(screen, store, field, value, words):
    screen.open_target(participant_id=screen.ids["ana"])
    editor = screen.profile
    _editor(editor.form.fields[field]).setText(value)
    assert editor.save() is False
    message = editor.form.fields[field].message
    assert message.isVisibleTo(editor) and words in message.text()
    assert message.property("role") == "fieldError"
    assert store.run(get_participant, screen.ids["ana"], TODAY).version == 1


def test_under_18_saves_with_a_warning_at_the_date_of_birth(screen, store):
    screen.open_target(participant_id=screen.ids["ana"])
    editor = screen.profile
    _editor(editor.form.fields["date_of_birth"]).setText("2010-02-01")
    assert editor.save()
    message = editor.form.fields["date_of_birth"].message
    assert message.property("role") == "fieldWarning" and "adult service" in message.text()
    assert store.run(get_participant, screen.ids["ana"], TODAY).fields.date_of_birth == date(2010, 2, 1)


def test_a_change_made_meanwhile_is_not_overwritten(screen, store):
    screen.open_target(participant_id=screen.ids["ana"])
    editor = screen.profile
    opened = store.run(get_participant, screen.ids["ana"], TODAY)
    store.run(update_participant, opened.id, replace(opened.fields, pronouns="she/her"), version=opened.version,
              today=TODAY)
    _editor(editor.form.fields["phone"]).setText("303 555 0100")
    assert editor.save() is False
    assert editor.conflict_dialog is not None and "she/her" in editor.conflict_dialog.theirs_view.toPlainText()
    assert store.run(get_participant, opened.id, TODAY).fields.phone == ""
    editor.conflict_dialog.keep_theirs.click()
    assert _editor(editor.form.fields["pronouns"]).text() == "she/her"


def test_new_participant_and_archive_instead_of_delete(screen, store, qtbot):
    screen.roster.newParticipant.emit()
    editor = screen.profile
    assert editor.title_label.text() == "New participant"
    _editor(editor.form.fields["legal_first_name"]).setText("Cy")
    _editor(editor.form.fields["legal_last_name"]).setText("Novak")
    editor.form.toggles["flag_pregnancy"].setChecked(True)
    assert editor.save()
    pid = editor.profile.id
    assert store.run(get_participant, pid, TODAY).flags == ("Pregnancy",)

    editor.archive_button.click()
    assert "Archive this record?" in editor.banner_text.text()
    editor.banner_actions.itemAt(0).widget().click()
    assert store.run(get_participant, pid, TODAY).status == "archived"
    assert "archived" in editor.banner_text.text()
    editor.back()
    assert "Novak, Cy" not in _names(screen.roster)  # hidden from the everyday roster, kept on file
    screen.roster.status_filter.setCurrentIndex(4)  # Archived
    assert _names(screen.roster) == ["Novak, Cy"]


def test_leaving_with_unsaved_changes_asks_first(screen):
    screen.open_target(participant_id=screen.ids["zoe"])
    editor = screen.profile
    _editor(editor.form.fields["pronouns"]).setText("she/her")
    editor.form.changed.emit()
    editor.back()
    assert screen.currentWidget() is editor and "unsaved changes" in editor.banner_text.text()
    editor.banner_actions.itemAt(1).widget().click()  # Discard
    assert screen.currentWidget() is screen.roster


def test_a_bad_csv_imports_nothing_and_the_report_names_row_and_column(screen, store, tmp_path, qtbot):
    path = tmp_path / "people.csv"
    path.write_text("legal_first_name,legal_last_name,date_of_birth,email\nNew,Person,1990-01-01,ok@example.org\n"
                    "Bad,Email,1990-01-01,nope\n", encoding="utf-8")
    dialog = screen.roster.import_file(path)
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=15_000)
    assert dialog.summary.text() == "Nothing was imported: 1 problem in 1 row to fix first."
    assert dialog.model.rowCount() == 1
    assert [dialog.model.index(0, c).data() for c in range(2)] == ["3", "email"]
    dialog.close()
    assert len(_names(screen.roster)) == 3


def test_a_good_csv_imports_everyone_and_the_roster_shows_them(screen, tmp_path, qtbot):
    path = tmp_path / "people.csv"
    path.write_bytes("\ufefflegal_first_name,legal_last_name,date_of_birth\r\nNew,Person,1990-01-01\r\n"
                     "Él,Otro,1991-02-02\r\n".encode())
    dialog = screen.roster.import_file(path)
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=15_000)
    assert dialog.summary.text() == "Imported 2 participants."
    dialog.close()
    assert "Person, New" in _names(screen.roster) and "Otro, Él" in _names(screen.roster)


def test_export_writes_every_participant(screen, tmp_path, qtbot):
    path = tmp_path / "out.csv"
    task = screen.roster.export_to(path)
    with qtbot.waitSignal(task.succeeded, timeout=15_000):
        pass
    assert path.read_text(encoding="utf-8-sig").count("\n") == 4
    assert "Exported 3 participants to out.csv" in screen.roster.message.text()
