"""The Groups screen in a real window: the list, editing with messages at the field, members, sessions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from facilitator.db.models import Participant, Protocol
from facilitator.services.groups import GroupFields, add_member, create_group, get_group
from facilitator.services.session_setup import plan_session
from tests.ui.sessions import NOW

TODAY = NOW.date()


@pytest.fixture()
def groups(store, make_window):  # type: ignore[no-untyped-def]
    with store.session() as s:
        people = [Participant(legal_first_name=n, legal_last_name="Member") for n in ("Ada", "Ben", "Cy")]
        s.add_all(people)
        s.flush()
        ids = [p.id for p in people]
        protocol = s.scalar(select(Protocol.id).where(Protocol.key == "integration-circle"))
    aspen = store.run(create_group, GroupFields(name="Aspen Cohort", capacity=2, default_protocol_id=protocol,
                                                meeting_weekday=3, meeting_time="09:20"), today=TODAY)
    store.run(create_group, GroupFields(name="Birch Circle", kind="open"), today=TODAY)
    for pid in ids[:2]:
        store.run(add_member, aspen.id, pid, joined_on=date(2026, 1, 8), today=TODAY)
    session_id = store.run(plan_session, scheduled_start=NOW + timedelta(days=7), group_id=aspen.id).id
    window = make_window()
    window.show_screen("groups")
    page = window.page("groups")
    page.people, page.aspen, page.session_id, page.window_ = ids, aspen.id, session_id, window
    return page


def test_the_list_and_the_selected_groups_details(groups):
    assert groups.subtitle.text() == "2 groups, 2 active"
    assert groups.list.count() == 2 and groups.current_id() == groups.aspen
    detail = groups.detail
    assert detail.title.text() == "Aspen Cohort"
    assert detail.subtitle.text() == "Closed cohort  \u00b7  2 of 2 members  \u00b7  Thursdays 09:20  \u00b7  Active"
    assert detail.form.name.text() == "Aspen Cohort" and detail.form.capacity.value() == 2


def test_a_bad_time_is_shown_at_its_field(groups, store):
    detail = groups.detail
    detail.form.time.setText("9:20")
    assert detail.save() is False
    message = detail.form.fields["meeting_time"].message
    assert message.isVisibleTo(detail) and "HH:MM" in message.text()
    assert store.run(get_group, groups.aspen, TODAY).fields.meeting_time == "09:20"
    detail.form.time.setText("18:30")
    detail.form.location.setText("Garden Room")
    assert detail.save()
    assert store.run(get_group, groups.aspen, TODAY).fields.location == "Garden Room"
    assert "Thursdays 18:30" in detail.subtitle.text()


def test_enrolling_over_capacity_warns_and_leaving_is_recorded(groups, store, qtbot):
    members = groups.detail.members
    third = groups.people[2]
    members.person.setCurrentIndex(members.person.findData(third))
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    assert groups.detail.warning.text() == "3 current members, above the group's capacity of 2."
    assert members.problem.text() == groups.detail.warning.text()
    assert len(store.run(get_group, groups.aspen, TODAY).current_members) == 3

    details = store.run(get_group, groups.aspen, TODAY)
    cy = next(m for m in details.members if m.participant_id == third)
    members.endRequested.emit(cy.membership_id, TODAY, "Moved away")
    after = store.run(get_group, groups.aspen, TODAY)
    assert [m.name for m in after.current_members] == ["Ada Member", "Ben Member"]
    assert not groups.detail.warning.isVisibleTo(groups.detail)
    assert groups.detail.members.past_title.isVisibleTo(groups.detail)


def test_a_new_group_is_created_from_the_empty_form(groups, store):
    groups.start_new()
    detail = groups.detail
    assert detail.title.text() == "New group" and not detail.members_card.isVisibleTo(detail)
    detail.form.name.setText("Cedar Circle")
    detail.form.kind_buttons.buttons()[1].click()  # open group
    assert detail.save()
    assert groups.list.count() == 3
    assert detail.title.text() == "Cedar Circle" and detail.form.read().kind == "open"


def test_the_groups_sessions_lead_to_check_in(groups, qtbot):
    links = [b for b in groups.detail.sessions_card.findChildren(QPushButton) if b.text() == "Check in"]
    assert len(links) == 1
    with qtbot.waitSignal(groups.window_.screenChanged, timeout=1000):
        links[0].click()
    assert groups.window_.current_screen == "check-in"
    assert groups.window_.page("check-in").session_id == groups.session_id
