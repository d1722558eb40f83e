"""What session setup offers: groups, staff and templates; planned sessions; who is expected."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from facilitator.db.models import AuditEvent
from facilitator.errors import UserError
from facilitator.services.runner_snapshot import short_name
from facilitator.services.session_setup import cancel_session, plan_session
from facilitator.services.setup_choices import (
    expected_at,
    group_members_on,
    planned_sessions,
    record_session_view,
    setup_choices,
)
from tests.services.conftest import NOW, Clinic


def test_choices_list_groups_with_their_defaults_staff_and_templates(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    choices = store.run(setup_choices)
    [group] = choices.groups
    assert (group.name, group.location, group.facilitator_ids) == ("Thursday Dosing Cohort", "Room 2",
                                                                   (clinic.facilitator_id,))
    assert "Dana Rivera, LCSW" in [s.name for s in choices.staff]
    assert {p.key for p in choices.protocols} >= {"group-kap-sublingual", "integration-circle"}


def test_members_on_a_day_are_those_in_the_group_that_day(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    people = store.run(group_members_on, clinic.group_id, NOW)
    assert [(p.name, p.short_name) for p in people] == [("Ana Ruiz", "Ana R."), ("Bea Olsen", "Bea O."),
                                                        ("Dev Shah", "Dev S.")]


def test_planned_sessions_and_their_expected_people(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    soon = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW + timedelta(days=1))
    dropped = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                        scheduled_start=NOW + timedelta(days=2))
    store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
              scheduled_start=NOW - timedelta(days=2))  # long past: no longer offered
    store.run(cancel_session, dropped.id, "Snow day")
    assert [r.id for r in store.run(planned_sessions, NOW)] == [soon.id]
    assert [p.attendance for p in store.run(expected_at, soon.id)] == ["expected"] * 3
    with pytest.raises(UserError, match="no session with id 999"):
        store.run(expected_at, 999)


def test_opening_a_record_is_audited_by_id_only(store, clinic: Clinic) -> None:  # type: ignore[no-untyped-def]
    plan = store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW)
    store.run(record_session_view, plan.id)
    with store.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "view")).one()
        assert (event.entity_type, event.entity_id, event.detail) == ("group_session", str(plan.id), "")


def test_short_names_are_kind_on_a_shared_screen() -> None:
    assert short_name("Bea", "Olsen") == "Bea O."
    assert short_name("Bea", "") == "Bea"
    assert short_name(" ", "Olsen") == "Olsen"
