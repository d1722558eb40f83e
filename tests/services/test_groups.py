"""Groups on a real SQLite file: create and edit, members over time, a capacity warning, the group's sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from facilitator.db.models import Account, Participant, Protocol
from facilitator.errors import ConflictError, FieldError, UserError
from facilitator.services.groups import (
    GroupFields,
    add_member,
    create_group,
    end_membership,
    facilitator_choices,
    get_group,
    list_groups,
    meeting_text,
    protocol_choices,
    update_group,
)
from facilitator.services.session_setup import plan_session
from tests.conftest import new_test_clinic

TODAY = date(2026, 3, 12)


@pytest.fixture(scope="module")
def store(tmp_path_factory):  # type: ignore[no-untyped-def]
    opened = new_test_clinic(tmp_path_factory.mktemp("groups") / "data")
    yield opened
    opened.dispose()


def _people(store, *names: str) -> list[int]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        rows = [Participant(legal_first_name=n, legal_last_name="Group") for n in names]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def test_a_group_is_created_with_its_schedule_facilitators_and_protocol(store):
    with store.session() as s:
        admin = s.scalar(select(Account.id))
        protocol = s.scalar(select(Protocol.id).where(Protocol.key == "integration-circle"))
    data = GroupFields(name="  Birch   Circle ", kind="open", capacity=10, default_protocol_id=protocol,
                       meeting_weekday=3, meeting_time="18:30", location="Room 2", facilitator_ids=(admin,))
    group = store.run(create_group, data, today=TODAY)
    assert group.fields == replace(data, name="Birch Circle")
    assert group.members == () and group.sessions == () and group.capacity_warning == ""
    row = next(r for r in store.run(list_groups, TODAY) if r.id == group.id)
    assert (row.name, row.kind, row.members, row.meeting, row.location) == ("Birch Circle", "open", 0,
                                                                            "Thursdays 18:30", "Room 2")
    assert any(c.id == admin for c in store.run(facilitator_choices))
    assert any(c.id == protocol for c in store.run(protocol_choices))


def test_defaults_are_a_closed_group_of_eight():
    assert (GroupFields(name="x").kind, GroupFields(name="x").capacity) == ("closed", 8)
    assert meeting_text(None, "") == "" and meeting_text(0, "") == "Mondays"


@pytest.mark.parametrize(("changes", "field"), [
    ({"name": "  "}, "name"),
    ({"capacity": 0}, "capacity"),
    ({"meeting_time": "9:30"}, "meeting_time"),
    ({"meeting_time": "25:00"}, "meeting_time"),
    ({"kind": "secret"}, "kind"),
    ({"default_protocol_id": 9999}, "default_protocol_id"),
    ({"facilitator_ids": (9999,)}, "facilitator_ids"),
])
def test_bad_group_values_are_refused_at_their_field(store, changes, field):
    with pytest.raises(FieldError) as raised:
        store.run(create_group, replace(GroupFields(name="Bad group"), **changes), today=TODAY)
    assert raised.value.field == field


def test_an_edit_over_a_newer_save_is_a_conflict(store):
    group = store.run(create_group, GroupFields(name="Cedar Cohort"), today=TODAY)
    saved = store.run(update_group, group.id, replace(group.fields, location="Garden Room"), version=group.version,
                      today=TODAY)
    assert saved.fields.location == "Garden Room"
    with pytest.raises(ConflictError):
        store.run(update_group, group.id, replace(group.fields, capacity=6), version=group.version, today=TODAY)


def test_members_join_and_leave_with_dates_and_capacity_only_warns(store):
    group = store.run(create_group, GroupFields(name="Dogwood Cohort", capacity=2), today=TODAY)
    a, b, c = _people(store, "Ada", "Ben", "Cal")
    store.run(add_member, group.id, a, joined_on=date(2026, 1, 8), today=TODAY)
    result = store.run(add_member, group.id, b, joined_on=date(2026, 1, 8), today=TODAY)
    assert result.warning == ""
    result = store.run(add_member, group.id, c, joined_on=date(2026, 2, 1), today=TODAY)
    assert result.warning == "3 current members, above the group's capacity of 2."
    with pytest.raises(UserError, match="already a member"):
        store.run(add_member, group.id, a, joined_on=date(2026, 3, 1), today=TODAY)

    cal = next(m for m in result.group.members if m.participant_id == c)
    with pytest.raises(FieldError, match="before they joined"):
        store.run(end_membership, cal.membership_id, left_on=date(2026, 1, 1), today=TODAY)
    details = store.run(end_membership, cal.membership_id, left_on=date(2026, 3, 1), reason="Moved away",
                        today=TODAY)
    assert details.capacity_warning == ""
    assert [m.name for m in details.current_members] == ["Ada Group", "Ben Group"]
    past = details.members[-1]
    assert (past.name, past.current, past.left_on, past.left_reason) == ("Cal Group", False, date(2026, 3, 1),
                                                                         "Moved away")
    # Cal may join again later; the old membership stays on record.
    again = store.run(add_member, group.id, c, joined_on=date(2026, 3, 5), today=TODAY).group
    assert len([m for m in again.members if m.participant_id == c]) == 2


def test_archived_people_cannot_be_enrolled(store):
    group = store.run(create_group, GroupFields(name="Elm Cohort"), today=TODAY)
    [gone] = _people(store, "Gone")
    with store.session() as s:
        s.get(Participant, gone).status = "archived"
    with pytest.raises(UserError, match="archived"):
        store.run(add_member, group.id, gone, joined_on=TODAY, today=TODAY)


def test_the_groups_sessions_are_listed_newest_first(store):
    with store.session() as s:
        protocol = s.scalar(select(Protocol.id).where(Protocol.key == "integration-circle"))
    group = store.run(create_group, GroupFields(name="Fir Circle", default_protocol_id=protocol), today=TODAY)
    for day in (5, 19, 12):
        store.run(plan_session, scheduled_start=datetime(2026, 3, day, 9, tzinfo=UTC), group_id=group.id)
    sessions = store.run(get_group, group.id, TODAY).sessions
    assert [s.scheduled_start.day for s in sessions] == [19, 12, 5]
