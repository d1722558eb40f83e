"""Participant records on a real SQLite file: create, edit with a version check, status, archive, never erase."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from facilitator.db.models import Attendance, AuditEvent, GroupSession, MeasureResponse, Participant
from facilitator.domain.participant_rules import ParticipantFields
from facilitator.errors import ConflictError, FieldError, UserError
from facilitator.services.participant_records import (
    archive_participant,
    create_participant,
    delete_participant,
    get_participant,
    open_participant,
    set_participant_status,
    update_participant,
)
from tests.conftest import new_test_clinic

TODAY = date(2026, 3, 12)


@pytest.fixture(scope="module")
def store(tmp_path_factory):  # type: ignore[no-untyped-def]
    """One clinic for the module (each test makes its own people, with names of its own)."""
    opened = new_test_clinic(tmp_path_factory.mktemp("records") / "data")
    yield opened
    opened.dispose()


def _fields(first: str, last: str = "Ruiz", **changes) -> ParticipantFields:  # type: ignore[no-untyped-def]
    return ParticipantFields(legal_first_name=first, legal_last_name=last, date_of_birth=date(1985, 4, 2), **changes)


def test_a_new_participant_is_saved_with_every_field(store):
    data = _fields("Ana", preferred_name="Annie", pronouns="she/her", preferred_language="es",
                   email="Ana@Example.org", phone="(303) 555-0101", address="1 Main St\nBoulder",
                   emergency_contact_name="Luis Ruiz", emergency_contact_phone="303 555 0102",
                   emergency_contact_relation="brother", flag_hypertension=True, flag_pregnancy=True,
                   medications="Sertraline 100 mg daily", consent_date=date(2026, 1, 5))
    saved = store.run(create_participant, data, today=TODAY)
    profile = saved.profile
    assert saved.warnings == ()
    assert profile.fields == replace(data, email="ana@example.org")
    assert profile.display_name == "Annie Ruiz" and profile.full_name == "Ana Ruiz"
    assert profile.flags == ("Hypertension", "Pregnancy")
    assert profile.age == 40 and profile.version == 1 and not profile.has_records
    assert store.run(get_participant, profile.id, TODAY) == profile


def test_bad_values_are_refused_at_the_field_and_nothing_is_saved(store):
    with pytest.raises(FieldError) as raised:
        store.run(create_participant, _fields("Bea", email="bea-at-example"), today=TODAY)
    assert raised.value.field == "email"
    with store.session() as s:
        assert s.scalar(select(Participant).where(Participant.legal_first_name == "Bea")) is None


def test_under_18_saves_with_a_warning(store):
    saved = store.run(create_participant, replace(_fields("Cy"), date_of_birth=date(2009, 6, 1)), today=TODAY)
    [(field, sentence)] = saved.warnings
    assert field == "date_of_birth" and "adult service" in sentence
    assert saved.profile.age == 16


def test_the_same_legal_name_and_birth_date_twice_is_refused(store):
    store.run(create_participant, _fields("Dana", "Olsen"), today=TODAY)
    with pytest.raises(FieldError, match="already has this legal name and date of birth") as raised:
        store.run(create_participant, _fields("DANA", "olsen"), today=TODAY)
    assert raised.value.field == "legal_last_name"


def test_an_edit_over_someone_elses_newer_save_is_a_conflict(store):
    first = store.run(create_participant, _fields("Eli"), today=TODAY).profile
    mine = replace(first.fields, pronouns="he/him")
    theirs = store.run(update_participant, first.id, replace(first.fields, phone="303 555 0199"),
                       version=first.version, today=TODAY).profile
    assert theirs.version == first.version + 1
    with pytest.raises(ConflictError, match="Someone else saved this participant's record"):
        store.run(update_participant, first.id, mine, version=first.version, today=TODAY)
    reloaded = store.run(get_participant, first.id, TODAY)
    again = store.run(update_participant, first.id, replace(reloaded.fields, pronouns="he/him"),
                      version=reloaded.version, today=TODAY).profile
    assert again.fields.pronouns == "he/him" and again.fields.phone == "303 555 0199"


def test_status_changes_and_archiving_keep_the_record(store):
    p = store.run(create_participant, _fields("Fay"), today=TODAY).profile
    p = store.run(set_participant_status, p.id, "inactive", version=p.version, today=TODAY)
    p = store.run(set_participant_status, p.id, "discharged", version=p.version, today=TODAY)
    assert p.status == "discharged"
    p = store.run(archive_participant, p.id, version=p.version, today=TODAY)
    assert store.run(get_participant, p.id, TODAY).status == "archived"
    p = store.run(set_participant_status, p.id, "active", version=p.version, today=TODAY)
    assert p.status == "active"
    with pytest.raises(UserError, match="not a participant status"):
        store.run(set_participant_status, p.id, "deleted", version=p.version, today=TODAY)


def test_someone_with_clinical_records_is_never_deleted_but_a_mistaken_empty_record_can_be(store):
    p = store.run(create_participant, _fields("Gus"), today=TODAY).profile
    with store.session() as s:
        visit = GroupSession(protocol_name="Integration circle", protocol_kind="integration",
                             scheduled_start=datetime(2026, 3, 1, 9, tzinfo=UTC), status="finished", title="Ad hoc")
        visit.attendance.append(Attendance(participant_id=p.id, status="present"))
        s.add(visit)
        s.flush()
        s.add(MeasureResponse(participant_id=p.id, session_id=visit.id, instrument="GAD-7", items=[0] * 7, total=0,
                              severity="minimal", taken_on=date(2026, 3, 1)))
    profile = store.run(get_participant, p.id, TODAY)
    assert profile.has_records
    with pytest.raises(UserError, match="never deleted; archive them instead"):
        store.run(delete_participant, p.id, version=profile.version)
    assert store.run(get_participant, p.id, TODAY).id == p.id

    mistake = store.run(create_participant, _fields("Hal"), today=TODAY).profile
    store.run(delete_participant, mistake.id, version=mistake.version)
    with pytest.raises(UserError, match="There is no participant"):
        store.run(get_participant, mistake.id, TODAY)


def test_opening_a_profile_is_audited_without_any_name(store):
    p = store.run(create_participant, _fields("Ivy", "Zamora"), today=TODAY).profile
    store.run(open_participant, p.id, TODAY)
    with store.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "view")
                          .order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert (event.entity_type, event.entity_id) == ("participant", str(p.id))
        details = " ".join(s.scalars(select(AuditEvent.detail)))
    assert "Ivy" not in details and "Zamora" not in details
