"""History: past sessions newest first, page by page, by group, participant, dates and protocol."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import select

from facilitator.db.models import Attendance, GroupSession
from facilitator.errors import UserError
from facilitator.services.history import HistoryFilter, count_history, history_choices, list_history
from tests.services.conftest import DEMO_NOW


def all_pages(store, flt: HistoryFilter | None = None, limit: int = 50) -> list:  # type: ignore[no-untyped-def]
    rows, after = [], None
    while True:
        page = store.run(list_history, DEMO_NOW, flt, after=after, limit=limit, zone=UTC)
        rows.extend(page.rows)
        if page.next is None:
            return rows
        after = page.next


def test_pages_walk_every_past_session_newest_first(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    rows = all_pages(demo_clinic, limit=37)
    with demo_clinic.session() as s:
        past = s.scalars(select(GroupSession.id).where(GroupSession.scheduled_start <= DEMO_NOW,
                                                       GroupSession.status != "running")).all()
    assert sorted(r.id for r in rows) == sorted(past) and len(rows) == demo_clinic.run(count_history, DEMO_NOW)
    keys = [(r.scheduled_start, r.id) for r in rows]
    assert keys == sorted(keys, reverse=True)
    assert all(r.status != "running" and r.scheduled_start <= DEMO_NOW for r in rows)
    finished = next(r for r in rows if r.status == "finished")
    assert finished.present <= finished.expected and finished.notes == finished.present + 1
    assert finished.group_name and finished.protocol_name and finished.participant_status == ""


def test_filters(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    first = demo_clinic.run(list_history, DEMO_NOW).rows[0]
    by_group = all_pages(demo_clinic, HistoryFilter(group_id=first.group_id))
    assert by_group and {r.group_id for r in by_group} == {first.group_id}
    by_protocol = all_pages(demo_clinic, HistoryFilter(protocol_name="Integration circle"))
    assert by_protocol and {r.protocol_name for r in by_protocol} == {"Integration circle"}
    january = all_pages(demo_clinic, HistoryFilter(start=date(2026, 1, 1), end=date(2026, 1, 31)))
    assert january and {r.scheduled_start.date().month for r in january} == {1}
    with demo_clinic.session() as s:
        person, sessions = s.execute(select(Attendance.participant_id, Attendance.session_id)).first()  # type: ignore[misc]
        theirs = set(s.scalars(select(Attendance.session_id).where(Attendance.participant_id == person)))
    mine = all_pages(demo_clinic, HistoryFilter(participant_id=person))
    assert {r.id for r in mine} <= theirs and all(r.participant_status for r in mine) and sessions
    no_cancelled = all_pages(demo_clinic, HistoryFilter(include_cancelled=False))
    assert all(r.status != "cancelled" for r in no_cancelled)


def test_bad_filters_are_one_sentence(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="start date .* after its end date"):
        demo_clinic.run(list_history, DEMO_NOW, HistoryFilter(start=date(2026, 2, 1), end=date(2026, 1, 1)))
    with pytest.raises(UserError, match="between 1 and 500"):
        demo_clinic.run(list_history, DEMO_NOW, limit=0)


def test_nothing_is_history_before_it_happens(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    page = demo_clinic.run(list_history, DEMO_NOW - timedelta(days=3650))
    assert page.rows == () and page.next is None


def test_filter_choices(demo_clinic) -> None:  # type: ignore[no-untyped-def]
    choices = demo_clinic.run(history_choices)
    assert len(choices.groups) == 5 and "Integration circle" in choices.protocols
