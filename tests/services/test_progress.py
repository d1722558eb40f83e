"""Progress: GAD-7 and PHQ-9 series with bands and change marks, the group view, the participant timeline."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from facilitator.db.models import Attendance, Dose, Group, MeasureResponse, Membership
from facilitator.domain import score_trends as trends
from facilitator.domain.enums import Instrument
from facilitator.domain.scales import scale
from facilitator.errors import UserError
from facilitator.services.participant_timeline import participant_timeline
from facilitator.services.progress import group_progress, participant_progress


def _most_measured(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as s:
        return s.scalar(select(MeasureResponse.participant_id).group_by(MeasureResponse.participant_id)
                        .order_by(func.count().desc(), MeasureResponse.participant_id).limit(1))


def test_a_participants_series(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    pid = _most_measured(demo_clinic)
    progress = demo_clinic.run(participant_progress, pid)
    with demo_clinic.session() as s:
        stored = s.scalars(select(MeasureResponse).where(MeasureResponse.participant_id == pid)).all()
    for series, instrument in ((progress.gad7, Instrument.GAD7), (progress.phq9, Instrument.PHQ9)):
        assert series.instrument == instrument and series.threshold == trends.MEANINGFUL_CHANGE[instrument]
        assert series.bands == scale(instrument).bands and series.max_total == scale(instrument).max_total
        assert len(series.points) == sum(1 for m in stored if m.instrument == instrument)
        assert [p.taken_on for p in series.points] == sorted(p.taken_on for p in series.points)
        assert series.points[0].change.is_baseline
        assert all(p.severity == scale(instrument).severity(p.total) for p in series.points)
        for p in series.points:
            assert p.change.from_baseline == p.total - p.change.baseline
            if p.change.meaningful:
                assert abs(p.change.from_baseline) >= series.threshold
    assert progress.sessions and all(m.attendance for m in progress.sessions)
    assert {p.measure_id for p in progress.safety_flags} == {
        m.id for m in stored if m.instrument == "PHQ-9" and m.items[8] > 0}


def test_series_start_again_at_each_preparation_session(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    pid = _most_measured(demo_clinic)
    progress = demo_clinic.run(participant_progress, pid)
    kinds = {m.session_id: m.protocol_kind for m in progress.sessions}
    for point in progress.phq9.points:
        if kinds.get(point.session_id) == "preparation":
            assert point.change.is_baseline and point.change.meaningful is None


def test_every_member_of_a_group_has_a_trend(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    with demo_clinic.session() as s:
        group_id, name = s.execute(select(Group.id, Group.name).order_by(Group.id)).first()  # type: ignore[misc]
        members = set(s.scalars(select(Membership.participant_id).where(Membership.group_id == group_id)))
    view = demo_clinic.run(group_progress, group_id)
    assert view.name == name and {m.participant_id for m in view.members} == members
    assert any(m.phq9.points for m in view.members) and view.sessions
    group_sessions = {m.session_id for m in view.sessions}
    assert all(p.session_id in group_sessions for m in view.members for p in m.phq9.points)


def test_the_participant_timeline(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    """The profile's history: every attendance, dose, note and score of the person, newest first."""
    pid = _most_measured(demo_clinic)
    timeline = demo_clinic.run(participant_timeline, pid)
    with demo_clinic.session() as s:
        expected = s.scalar(select(func.count()).select_from(Attendance).where(Attendance.participant_id == pid))
        mg = s.scalar(select(func.sum(Dose.amount_mg)).where(Dose.participant_id == pid))
    assert len(timeline.sessions) == expected
    starts = [e.scheduled_start for e in timeline.sessions]
    assert starts == sorted(starts, reverse=True)
    assert sum(d.amount_mg for d in timeline.doses) == pytest.approx(mg)
    finished = {e.session_id for e in timeline.sessions if e.attendance == "present" and e.session_status == "finished"}
    assert finished and finished <= {n.session_id for n in timeline.notes}
    assert any(m.instrument == "PHQ-9" for m in timeline.measures)


def test_unknown_ids_are_one_sentence(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    for fn, what in ((participant_progress, "participant"), (group_progress, "group")):
        with pytest.raises(UserError, match=f"no {what} with id 99999"):
            demo_clinic.run(fn, 99999)
