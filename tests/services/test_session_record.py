"""The read-only session record holds everything the session recorded, and viewing it is audited."""

from __future__ import annotations

from sqlalchemy import func, select

from facilitator.db.models import (
    AuditEvent,
    Discharge,
    Dose,
    GroupSession,
    MeasureResponse,
    Note,
    Observation,
    QuickNote,
    Share,
    VitalSign,
)
from facilitator.services.session_record import get_session_record


def _busiest_dosing_session(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as s:
        return s.scalar(select(Observation.session_id).join(GroupSession, GroupSession.id == Observation.session_id)
                        .where(GroupSession.status == "finished").group_by(Observation.session_id)
                        .order_by(func.count().desc(), Observation.session_id).limit(1))


def test_the_record_is_complete(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    sid = _busiest_dosing_session(demo_clinic)
    record = demo_clinic.run(get_session_record, sid)
    with demo_clinic.session() as s:
        def count(model) -> int:  # type: ignore[no-untyped-def]
            return s.scalar(select(func.count()).select_from(model).where(model.session_id == sid))

        counts = {m.__name__: count(m) for m in (Dose, VitalSign, Observation, Discharge, Share, QuickNote,
                                                 MeasureResponse, Note)}
        row = s.get(GroupSession, sid)
        assert row is not None
        phases = len(row.phases)
    assert record.status == "finished" and record.protocol_kind == "dosing" and record.facilitators
    assert (len(record.doses), len(record.vitals), len(record.observations), len(record.discharges),
            len(record.shares), len(record.quick_notes), len(record.measures)) == (
        counts["Dose"], counts["VitalSign"], counts["Observation"], counts["Discharge"], counts["Share"],
        counts["QuickNote"], counts["MeasureResponse"])
    assert record.group_note is not None and len(record.participant_notes) + 1 == counts["Note"]
    assert len(record.phases) == phases and all(p.timing.status in ("done", "skipped") for p in record.phases)
    assert all(p.timing.started_at for p in record.phases if p.timing.status == "done")
    assert [a.name.casefold() for a in record.attendance] == sorted(a.name.casefold() for a in record.attendance)
    dosed = record.doses[0]
    assert dosed.given_by and dosed.amount_mg > 0 and dosed.name
    after = [v for v in record.vitals if v.participant_id == dosed.participant_id and v.minutes_after_dose is not None]
    assert after and all(v.minutes_after_dose >= 0 for v in after)  # type: ignore[operator]
    discharge = record.discharges[0]
    assert discharge.checklist and all(item.ok and item.at and item.by for item in discharge.checklist)
    mine = record.for_participant(dosed.participant_id)
    assert mine.attendance is not None and mine.doses and mine.note is not None
    assert all(v.participant_id == dosed.participant_id for v in mine.vitals)
    with demo_clinic.session() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and (event.action, event.entity_id, event.detail) == ("view", str(sid), "record")


def test_safety_flags_are_on_the_record(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    with demo_clinic.session() as s:
        measures = s.scalars(select(MeasureResponse).where(MeasureResponse.instrument == "PHQ-9")).all()
        flagged = next(m for m in measures if m.items[8] > 0)
    record = demo_clinic.run(get_session_record, flagged.session_id)
    assert flagged.id in {m.id for m in record.safety_flags}


def test_a_planned_session_has_an_empty_record(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    with demo_clinic.session() as s:
        sid = s.scalar(select(GroupSession.id).where(GroupSession.status == "planned").limit(1))
    record = demo_clinic.run(get_session_record, sid)
    assert record.doses == () and record.group_note is None
    assert all(p.timing.status == "upcoming" for p in record.phases)
