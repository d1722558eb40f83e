"""The protocols editor: built-ins read-only but duplicable, problems named at their field, save and remove."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from facilitator.services.protocol_templates import get_template
from facilitator.services.protocols import list_protocols


@pytest.fixture()
def editor(window):  # type: ignore[no-untyped-def]
    window.show_screen("protocols")
    return window.pages["protocols"]


def select(editor, name: str) -> None:  # type: ignore[no-untyped-def]
    for row in range(editor.list.count()):
        if editor.list.item(row).text().startswith(name):
            editor.list.setCurrentRow(row)
            return
    raise AssertionError(name)


def test_built_ins_are_read_only_but_can_be_duplicated(editor, store, qtbot):
    select(editor, "Group KAP dosing session")
    assert editor.read_only_note.isVisible() and not editor.save_button.isVisible()
    assert editor.form.name.isReadOnly() and editor.form.phases.rows[0].minutes.isReadOnly()
    assert not editor.form.phases.add_button.isVisible()
    assert editor.total.text() == "3 h 20 min in 8 phases"
    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    assert editor.detail is not None and not editor.detail.builtin
    assert editor.form.name.text() == "Group KAP dosing session (sublingual) (copy)"
    assert not editor.form.name.isReadOnly() and editor.save_button.isVisible()


def test_problems_are_named_at_their_field_and_nothing_is_saved(editor, store, qtbot):
    select(editor, "Integration circle")
    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    copy_id, version = editor.detail.id, editor.detail.version
    row = editor.form.phases.rows[0]
    row.minutes.selectAll()
    qtbot.keyClicks(row.minutes, "0")
    assert row.error.text() == "A phase needs at least 1 minute; 0 minutes is not allowed."
    editor.save()
    assert editor.problem.text() == "Phase 1: A phase needs at least 1 minute; 0 minutes is not allowed."
    row.minutes.selectAll()
    qtbot.keyClicks(row.minutes, "12")
    editor.form.schedule.setText("90, 40")
    editor.save()
    assert editor.form.schedule_error.isVisible()
    assert "increasing order" in editor.form.schedule_error.text()
    editor.form.schedule.setText("40, 90")
    editor.form.thresholds["hold_systolic"].setValue(200)  # above the alert limit
    editor.save()
    assert editor.form.thresholds_error.isVisible()
    assert "between the caution and alert systolic limits" in editor.form.thresholds_error.text()
    editor.form.name.clear()
    editor.save()
    assert editor.form.name_error.text() == "Give the protocol a name."
    assert store.run(get_template, copy_id).version == version  # nothing was written


def test_a_new_protocol_is_saved_with_its_phase_details(editor, store, qtbot):
    qtbot.mouseClick(editor.new_button, Qt.MouseButton.LeftButton)
    editor.form.name.setText("Evening integration")
    editor.form.phases.select(1)
    detail = editor.form.detail
    detail.prompts.setPlainText("Thank everyone\nRemind: no driving tonight")
    detail._pick("#9c8a6b")
    detail.sharing.setChecked(True)
    editor.save()
    assert editor.status.text() == "Saved. Sessions planned from now on copy this version."
    spec = editor.detail.spec
    assert spec.name == "Evening integration" and spec.key == "evening-integration"
    closing = spec.phases[1]
    assert closing.prompts == ("Thank everyone", "Remind: no driving tonight")
    assert (closing.colour, closing.sharing) == ("#9c8a6b", True)


def test_deleting_an_unused_protocol_removes_it(editor, store, qtbot):
    select(editor, "Preparation session")
    qtbot.mouseClick(editor.duplicate_button, Qt.MouseButton.LeftButton)
    name = editor.detail.spec.name
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.confirm_remove.isVisible() and "deleted for good" in editor.confirm_remove.question.text()
    qtbot.mouseClick(editor.confirm_remove.yes, Qt.MouseButton.LeftButton)
    assert name not in [p.name for p in store.run(list_protocols, include_archived=True)]
    assert editor.status.text() == "Deleted."
