"""Planning, editing and cancelling sessions: the protocol copy, the phases, who is expected."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from facilitator.db.models import Attendance, Group, GroupSession, PhaseRun, Protocol
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.protocol_templates import duplicate_template, update_template
from facilitator.services.protocols import get_protocol_spec
from facilitator.services.runner import start_session
from facilitator.services.session_setup import (
    cancel_session,
    get_session_plan,
    plan_session,
    update_planned_session,
)
from tests.services.conftest import NOW, Clinic


def test_a_group_session_copies_the_protocol_and_expects_current_members(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW, setting_notes="Playlist: Ocean ambient", user_id=clinic.facilitator_id)
    assert plan.status == "planned" and plan.group_name == "Thursday Dosing Cohort"
    assert plan.location == "Room 2" and plan.facilitator_ids == (clinic.facilitator_id,)
    assert plan.total_minutes == 200 and plan.phases[4].name == "Medicine journey (music, eye shades)"
    members = clinic.members
    assert plan.expected_participant_ids == tuple(sorted([members["Ana"], members["Bea"], members["Dev"]]))
    with store.session() as s:
        row = s.get(GroupSession, plan.id)
        assert row is not None and row.protocol_settings["min_observation_minutes"] == 120
        assert {a.status for a in row.attendance} == {"expected"}
        assert all(a.created_by_id == clinic.facilitator_id for a in row.attendance)


def test_phases_can_be_edited_for_this_session_only(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    template = store.run(get_protocol_spec, clinic.circle_protocol_id)
    edited = list(reversed(template.phases[1:]))  # drop the first, reverse the rest
    edited[0] = replace(edited[0], minutes=25)
    edited.append(replace(template.phases[0], name="Tea and goodbyes", minutes=10))
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id,
                     scheduled_start=NOW, phases=edited)
    assert [p.name for p in plan.phases] == [p.name for p in edited]
    assert plan.phases[0].minutes == 25
    assert store.run(get_protocol_spec, clinic.circle_protocol_id) == template  # the template is untouched
    with store.session() as s:
        positions = s.scalars(select(PhaseRun.position).where(PhaseRun.session_id == plan.id)).all()
    assert sorted(positions) == list(range(len(edited)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda ps: [replace(ps[0], minutes=0)], r"phases\[1\]\.minutes.*between 1 and 1440"),
        (lambda ps: [ps[0], replace(ps[1], minutes=-5)], r"phases\[2\]\.minutes"),
        (lambda ps: [], "at least one phase"),
        (lambda ps: [replace(ps[0], name="  ")], "must not be empty"),
        (lambda ps: [replace(ps[0], colour="blue")], "colour"),
    ],
)
def test_bad_phase_edits_are_refused(store, clinic: Clinic, change, message: str) -> None:  # type: ignore[no-untyped-def]
    phases = store.run(get_protocol_spec, clinic.circle_protocol_id).phases
    with pytest.raises(UserError, match=message):
        store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id,
                  scheduled_start=NOW, phases=change(phases))


def test_an_ad_hoc_session_needs_a_title_and_has_nobody_expected(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="ad-hoc session needs a title"):
        store.run(plan_session, protocol_id=clinic.circle_protocol_id, scheduled_start=NOW)
    plan = store.run(plan_session, protocol_id=clinic.circle_protocol_id, scheduled_start=NOW,
                     title="Alumni integration evening", location="Garden room",
                     facilitator_ids=[clinic.facilitator_id, clinic.monitor_id])
    assert plan.group_name == "Ad-hoc session" and plan.title == "Alumni integration evening"
    assert plan.expected_participant_ids == () and plan.facilitator_ids == (clinic.facilitator_id, clinic.monitor_id)


def test_the_groups_default_protocol_is_used_when_none_is_chosen(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="Choose a protocol"):
        store.run(plan_session, group_id=clinic.group_id, scheduled_start=NOW)
    with store.session() as s:
        group = s.get(Group, clinic.group_id)
        assert group is not None
        group.default_protocol_id = clinic.circle_protocol_id
    plan = store.run(plan_session, group_id=clinic.group_id, scheduled_start=NOW)
    assert plan.protocol_id == clinic.circle_protocol_id and plan.protocol_name.startswith("Integration")


def test_unknown_and_archived_references_are_refused(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    cases = [
        (dict(group_id=999, protocol_id=clinic.circle_protocol_id), "no group with id 999"),
        (dict(group_id=clinic.group_id, protocol_id=999), "no protocol with id 999"),
        (dict(group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id, facilitator_ids=[4242]),
         "no staff account with id 4242"),
        (dict(group_id=clinic.group_id, protocol_id=clinic.circle_protocol_id, location="x" * 121), "at most 120"),
    ]
    for kwargs, message in cases:
        with pytest.raises(UserError, match=message):
            store.run(plan_session, scheduled_start=NOW, **kwargs)
    copy = store.run(duplicate_template, clinic.circle_protocol_id)
    with store.session() as s:
        row = s.get(Protocol, copy.id)
        assert row is not None
        row.archived = True
    with pytest.raises(UserError, match="is archived"):
        store.run(plan_session, group_id=clinic.group_id, protocol_id=copy.id, scheduled_start=NOW)


def test_editing_the_template_later_never_changes_the_session(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    copy = store.run(duplicate_template, clinic.circle_protocol_id)
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=copy.id, scheduled_start=NOW)
    spec = replace(copy.spec, phases=copy.spec.phases[:1])
    store.run(update_template, copy.id, spec)
    assert store.run(get_session_plan, plan.id).phases == plan.phases


def test_a_planned_session_can_be_updated(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW)
    shorter = [replace(p, minutes=p.minutes + 5) for p in plan.phases[:3]]
    later = NOW + timedelta(days=7)
    updated = store.run(update_planned_session, plan.id, scheduled_start=later, phases=shorter,
                        location="Room 3", setting_notes="  Low light  ", facilitator_ids=[clinic.monitor_id])
    assert updated.scheduled_start == later and updated.location == "Room 3" and updated.setting_notes == "Low light"
    assert [p.minutes for p in updated.phases] == [20, 20, 25] and updated.facilitator_ids == (clinic.monitor_id,)
    assert updated.expected_participant_ids == plan.expected_participant_ids
    assert store.run(get_session_plan, plan.id) == updated
    with pytest.raises(UserError, match="at least one phase"):
        store.run(update_planned_session, plan.id, phases=[])


def test_only_a_planned_session_can_be_changed_or_cancelled(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW)
    store.run(start_session, plan.id, FakeClock(NOW))
    with pytest.raises(UserError, match="already started; its plan can no longer be changed"):
        store.run(update_planned_session, plan.id, location="Room 9")
    with pytest.raises(UserError, match="already started; it cannot be cancelled"):
        store.run(cancel_session, plan.id, "Facilitator ill")


def test_cancelling_keeps_the_session_and_the_reason(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW)
    with pytest.raises(UserError, match="Give a reason"):
        store.run(cancel_session, plan.id, "   ")
    cancelled = store.run(cancel_session, plan.id, "Snow storm; clinic closed")
    assert cancelled.status == "cancelled" and cancelled.cancel_reason == "Snow storm; clinic closed"
    with pytest.raises(UserError, match="was cancelled; it cannot be cancelled"):
        store.run(cancel_session, plan.id, "again")
    with pytest.raises(UserError, match="cancelled; it cannot be run"):
        store.run(start_session, plan.id, FakeClock(NOW))
    with store.session() as s:
        assert s.scalar(select(Attendance.id).where(Attendance.session_id == plan.id)) is not None
    with pytest.raises(UserError, match="no session with id 777"):
        store.run(get_session_plan, 777)
