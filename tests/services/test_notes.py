"""Notes: created for who was present, autosaved with a version check, signed and locked, then addenda."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from facilitator.db.models import Attendance, AuditEvent, Note
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.note_lists import notes_to_finish, suggest_themes
from facilitator.services.notes import (
    ConflictError,
    add_addendum,
    apply_template,
    get_note,
    get_session_notes,
    save_note,
    sign_note,
)
from facilitator.services.session_setup import cancel_session, plan_session
from facilitator.services.store import Store
from tests.conftest import new_test_clinic
from tests.services.conftest import NOW, Clinic, build_clinic


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Clinic]]:
    """One clinic for the tests that only touch their own session (a clinic costs seconds to set up)."""
    opened = new_test_clinic(tmp_path_factory.mktemp("notes"))
    yield opened, build_clinic(opened)
    opened.dispose()


@pytest.fixture()
def held(request: pytest.FixtureRequest) -> int:
    """A new session of the clinic's group where Ana was present, Bea came late and Dev was absent.

    It lives in the test's own ``store`` when the test asks for one, else in the module's shared clinic.
    """
    if "store" in request.fixturenames:
        store, clinic = request.getfixturevalue("store"), request.getfixturevalue("clinic")
    else:
        store, clinic = request.getfixturevalue("shared")
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id,
                     scheduled_start=NOW)
    status = {clinic.members["Ana"]: "present", clinic.members["Bea"]: "late", clinic.members["Dev"]: "absent"}
    with store.session() as s:
        for row in s.scalars(select(Attendance).where(Attendance.session_id == plan.id)):
            row.status = status[row.participant_id]
    return plan.id


def test_a_group_note_and_a_note_per_present_participant(shared: tuple[Store, Clinic], held: int) -> None:
    store, clinic = shared
    notes = store.run(get_session_notes, held)
    assert notes.group.participant_id is None and notes.group.kind == "group" and notes.group.body == ""
    assert [n.participant_name for n in notes.participants] == ["Ana Ruiz", "Bea Olsen"]
    assert all(n.editable and n.is_blank and n.version == 1 for n in notes.all)
    again = store.run(get_session_notes, held)
    assert [n.id for n in again.all] == [n.id for n in notes.all]  # created once
    with store.session() as s:
        assert s.scalar(select(Note.id).where(Note.participant_id == clinic.members["Dev"])) is None
        views = s.scalars(select(AuditEvent).where(AuditEvent.action == "view",
                                                   AuditEvent.entity_id == str(held))).all()
    assert [(v.entity_type, v.entity_id, v.detail) for v in views] == [("group_session", str(held), "notes")] * 2


def test_a_note_for_someone_no_longer_marked_present_is_kept(shared: tuple[Store, Clinic], held: int) -> None:
    store, clinic = shared
    notes = store.run(get_session_notes, held)
    with store.session() as s:
        s.execute(update(Attendance).where(Attendance.session_id == held,
                                           Attendance.participant_id == clinic.members["Bea"]).values(status="absent"))
    assert [n.participant_name for n in store.run(get_session_notes, held).participants] == ["Ana Ruiz", "Bea Olsen"]
    assert notes.participants[1].participant_id == clinic.members["Bea"]


def test_autosave_sanitises_and_counts_versions(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    note = store.run(get_session_notes, held).participants[0]
    saved = store.run(save_note, note.id, "<p onclick='x'>Spoke of <strong>grief</strong><script>x()</script></p>",
                      expected_version=note.version, themes="Grief, family ,grief,  inner   child")
    assert saved.body == "<p>Spoke of <b>grief</b></p>" and saved.version == 2
    assert saved.themes == ("grief", "family", "inner child")
    same = store.run(save_note, note.id, saved.body, expected_version=2)  # nothing changed: nothing written
    assert same.version == 2 and same.themes == saved.themes
    assert store.run(save_note, note.id, saved.body + "<p>more</p>", expected_version=2).version == 3
    with store.session() as s:
        details = [a.detail for a in s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "note"))]
    assert "fields: body, themes" in details and not any("grief" in d for d in details)  # never the text


def test_a_stale_save_is_a_conflict_carrying_both_texts(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    note = store.run(get_session_notes, held).group
    store.run(save_note, note.id, "<p>written on the other laptop</p>", expected_version=1)
    with pytest.raises(ConflictError) as caught:
        store.run(save_note, note.id, "<p>mine</p>", expected_version=1)
    conflict = caught.value
    assert isinstance(conflict, UserError) and "changed on another computer" in str(conflict)
    assert (conflict.mine, conflict.theirs, conflict.their_version) == (
        "<p>mine</p>", "<p>written on the other laptop</p>", 2)
    kept = store.run(save_note, note.id, "<p>mine</p>", expected_version=conflict.their_version)
    assert kept.version == 3 and store.run(get_note, note.id).body == "<p>mine</p>"
    same = store.run(save_note, note.id, "<p>mine</p>", expected_version=1)  # both hold the same text
    assert same.version == 3


def test_a_write_between_the_check_and_the_save_is_a_conflict_too(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    note = store.run(get_session_notes, held).group
    with store.session() as s:
        s.get(Note, note.id)  # this unit of work has read version 1 ...
        s.execute(update(Note).where(Note.id == note.id).values(body="<p>theirs</p>", version=2)
                  .execution_options(synchronize_session=False))  # ... when another writer commits version 2
        with pytest.raises(ConflictError) as caught:
            save_note(s, note.id, "<p>mine</p>", expected_version=1)
    assert caught.value.theirs == "<p>theirs</p>" and caught.value.their_version == 2


def test_signing_locks_the_note_in_the_service(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    clock = FakeClock(NOW + timedelta(hours=3))
    note = store.run(get_session_notes, held).participants[0]
    with pytest.raises(UserError, match="empty"):
        store.run(sign_note, note.id, expected_version=1, clock=clock)
    dap = store.run(apply_template, note.id, "dap", expected_version=1)
    assert dap.template == "dap" and "<b>Assessment:</b>" in dap.body and dap.is_blank
    with pytest.raises(UserError, match="empty"):  # an untouched template is not a note
        store.run(sign_note, note.id, expected_version=dap.version, clock=clock)
    saved = store.run(save_note, note.id, "<p><b>Data:</b> calm, connected.</p>", expected_version=dap.version)
    with pytest.raises(UserError, match="changed since you opened it"):
        store.run(sign_note, note.id, expected_version=saved.version - 1, clock=clock)
    signed = store.run(sign_note, note.id, expected_version=saved.version, clock=clock)
    assert signed.signed and not signed.editable
    assert (signed.signature, signed.signed_at, signed.signed_by_id) == ("Robin Admin, LCSW", clock.now(), 1)
    for attempt in (lambda s: save_note(s, note.id, "<p>changed</p>", expected_version=signed.version),
                    lambda s: save_note(s, note.id, signed.body, expected_version=signed.version, themes="x"),
                    lambda s: apply_template(s, note.id, "free", expected_version=signed.version)):
        with pytest.raises(UserError, match="signed by Robin Admin, LCSW and is locked"):
            store.run(attempt)
    with pytest.raises(UserError, match="already signed"):
        store.run(sign_note, note.id, expected_version=signed.version, clock=clock)
    assert store.run(get_note, note.id).body == "<p><b>Data:</b> calm, connected.</p>"
    with store.session() as s:
        assert s.scalar(select(AuditEvent.entity_id).where(AuditEvent.action == "sign")) == str(note.id)


def test_addenda_follow_signing(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    clock = FakeClock(NOW + timedelta(days=1))
    note = store.run(get_session_notes, held).participants[1]
    saved = store.run(save_note, note.id, "<p>Shared about her brother.</p>", expected_version=1)
    with pytest.raises(UserError, match="not signed yet"):
        store.run(add_addendum, note.id, "too early", clock=clock)
    store.run(sign_note, note.id, expected_version=saved.version, clock=clock)
    with pytest.raises(UserError, match="empty"):
        store.run(add_addendum, note.id, "  \x00 ", clock=clock)
    clock.advance(minutes=20 * 60)
    added = store.run(add_addendum, note.id, "  Phoned the next day:\x07 sleeping better.  ", clock=clock)
    assert (added.body, added.signature, added.created_at) == ("Phoned the next day: sleeping better.",
                                                               "Robin Admin, LCSW", clock.now())
    assert [a.body for a in store.run(get_note, note.id).addenda] == [added.body]


def test_only_a_signed_in_account_signs(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    note = store.run(get_session_notes, held).group
    saved = store.run(save_note, note.id, "<p>A quiet circle.</p>", expected_version=1)
    actor, store.actor = store.actor, None
    try:
        with pytest.raises(UserError, match="Sign in with your own account"):
            store.run(sign_note, note.id, expected_version=saved.version, clock=FakeClock(NOW))
    finally:
        store.actor = actor


def test_templates_keep_written_text(shared: tuple[Store, Clinic], held: int) -> None:
    store, _ = shared
    note = store.run(get_session_notes, held).group
    saved = store.run(save_note, note.id, "<p>Already written.</p>", expected_version=1)
    view = store.run(apply_template, note.id, "dap", expected_version=saved.version)
    assert view.template == "dap" and view.body == "<p>Already written.</p>"
    with pytest.raises(UserError, match="no note template"):
        store.run(apply_template, note.id, "soap", expected_version=view.version)


def test_notes_to_finish(store, clinic: Clinic, held: int) -> None:  # type: ignore[no-untyped-def]
    notes = store.run(get_session_notes, held)
    ana = notes.participants[0]
    store.run(save_note, ana.id, "<p>Draft.</p>", expected_version=1)
    assert store.run(notes_to_finish, NOW + timedelta(days=1), older_than_days=2) == []
    waiting = store.run(notes_to_finish, NOW + timedelta(days=3, hours=1), older_than_days=2)
    assert [(n.note_id, n.participant_name, n.written, n.days_open) for n in waiting] == [
        (notes.group.id, "", False, 3), (ana.id, "Ana Ruiz", True, 3),
        (notes.participants[1].id, "Bea Olsen", False, 3)]
    assert waiting[0].group_name == "Thursday Dosing Cohort"
    store.run(sign_note, ana.id, expected_version=2, clock=FakeClock(NOW))
    assert ana.id not in {n.note_id for n in store.run(notes_to_finish, NOW + timedelta(days=3), older_than_days=2)}
    assert store.run(notes_to_finish, NOW + timedelta(days=3), older_than_days=2, author_id=999) == []


def test_notes_of_cancelled_sessions_are_not_waiting(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id,
                     scheduled_start=NOW)
    store.run(get_session_notes, plan.id)
    assert len(store.run(notes_to_finish, NOW + timedelta(days=5))) == 1
    store.run(cancel_session, plan.id, "Snow day")
    assert store.run(notes_to_finish, NOW + timedelta(days=5)) == []


def test_theme_suggestions_rank_earlier_themes_by_use(store, held: int) -> None:  # type: ignore[no-untyped-def]
    notes = store.run(get_session_notes, held)
    for note, themes in zip(notes.all, ("grief, family", "grief", "Fear, family, grief"), strict=True):
        store.run(save_note, note.id, "", expected_version=1, themes=themes)
    assert [(t.tag, t.uses) for t in store.run(suggest_themes)] == [("grief", 3), ("family", 2), ("fear", 1)]
    assert [t.tag for t in store.run(suggest_themes, "F")] == ["family", "fear"]
    with pytest.raises(UserError, match="themes hold at most"):
        store.run(save_note, notes.group.id, "", expected_version=2, themes=[f"theme {i}" for i in range(60)])
