"""What the documents are made of: read-only loaders that audit a "report" event with ids only."""

from __future__ import annotations

from sqlalchemy import select

from facilitator.db.models import AuditEvent
from facilitator.domain.vitals import VitalsLevel
from facilitator.errors import UserError
from facilitator.services.documents import (
    get_handout_data,
    get_progress_data,
    get_session_handouts,
    get_session_plan_data,
    get_summary_data,
)
from facilitator.services.store import Store
from tests.reports.factory import ABSENT, PEOPLE, FullSession


def _audit_after(store: Store, last_id: int) -> list[AuditEvent]:
    with store.session() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id)))


def _last_audit_id(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0


def test_each_loader_audits_one_report_event_with_ids_only(full: tuple[Store, FullSession]) -> None:
    store, built = full
    before = _last_audit_id(store)
    store.run(get_summary_data, built.session_id)
    store.run(get_session_handouts, built.session_id)
    store.run(get_handout_data, built.session_id, built.participant_ids[0])
    store.run(get_progress_data, built.participant_ids[0])
    store.run(get_session_plan_data, built.session_id)
    events = _audit_after(store, before)
    assert [e.action for e in events] == ["report"] * 5  # and nothing was created or changed
    assert [e.detail for e in events] == [
        "document: summary", "document: handouts", f"document: handout participant {built.participant_ids[0]}",
        "document: progress", "document: session plan"]
    assert {e.entity_type for e in events} == {"group_session", "participant"}
    names = [part for person in PEOPLE for part in person if part]
    assert not any(name in e.detail for e in events for name in names)
    assert all(e.username == "admin" for e in events)


def test_summary_data_holds_the_whole_record(full: tuple[Store, FullSession]) -> None:
    store, built = full
    data = store.run(get_summary_data, built.session_id)
    assert data.status == "finished" and len(data.phases) == 8 and data.phases[5].extension_minutes == 5
    assert [p.status for p in data.phases] == ["done"] * 8
    assert len(data.attendance) == 9 and len(data.participants) == 8
    assert built.participant_ids[ABSENT] not in {p.participant_id for p in data.participants}
    hold = next(p for p in data.participants if p.participant_id == built.participant_ids[2])
    assert hold.vitals[0].level is VitalsLevel.HOLD and hold.vitals[0].minutes_after_dose is None
    assert hold.doses[0].hold_override_reason and hold.doses[0].hold_override_by == "Hana Kovačević, RN"
    assert all(p.discharge is not None and len(p.discharge.checklist) == 7 for p in data.participants)
    assert data.group_note is not None and data.group_note.themes == ("grief", "self-compassion", "connection")
    assert len(data.circles) == 1 and len(data.circles[0].shares) == 8 and len(data.quick_notes) == 2
    assert data.clinic.name == "Lindenhof Clinic & Co <Integrative>" and data.generated_by == "Robin Admin, LCSW"


def test_handouts_carry_tags_never_the_group_notes_words(full: tuple[Store, FullSession]) -> None:
    store, built = full
    for handout in store.run(get_session_handouts, built.session_id):
        assert handout.themes == ("grief", "self-compassion", "connection")
        assert handout.next_session is not None and handout.next_session.title == ""
        assert handout.dosed and handout.language == "en"
        assert not any("Смирнова" in value for value in (handout.intention, *handout.themes))


def test_a_theme_tag_holding_a_name_never_reaches_a_handout(full: tuple[Store, FullSession]) -> None:
    from facilitator.db.models import Note

    store, built = full
    with store.session() as s:
        note = s.scalars(select(Note).where(Note.session_id == built.session_id,
                                            Note.participant_id.is_(None))).one()
        original = note.themes
        note.themes = original + ",eleni-grief,Смирнова,rest,olga"  # "Olga" is nobody's name here
    try:
        handout = store.run(get_handout_data, built.session_id, built.participant_ids[0])
        assert handout.themes == ("grief", "self-compassion", "connection", "rest", "olga")
    finally:
        with store.session() as s:
            s.scalars(select(Note).where(Note.session_id == built.session_id,
                                         Note.participant_id.is_(None))).one().themes = original


def test_missing_records_are_one_sentence(full: tuple[Store, FullSession]) -> None:
    store, _ = full
    for call, args in ((get_summary_data, (99999,)), (get_session_handouts, (99999,)),
                       (get_session_plan_data, (99999,))):
        try:
            store.run(call, *args)
        except UserError as error:
            assert str(error) == "There is no session with id 99999."
        else:
            raise AssertionError("expected a UserError")


def test_the_plan_uses_planned_clock_times(full: tuple[Store, FullSession]) -> None:
    store, built = full
    plan = store.run(get_session_plan_data, built.next_session_id)
    assert [p.minutes for p in plan.phases] == [15, 15, 20, 10, 60, 20, 45, 15]
    assert all(a.ends_at == b.starts_at for a, b in zip(plan.phases, plan.phases[1:], strict=False))
    assert (plan.phases[-1].ends_at - plan.starts_at).total_seconds() == 200 * 60
