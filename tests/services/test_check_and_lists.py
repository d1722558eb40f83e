"""`check` on healthy and damaged databases; the session and participant lists."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from facilitator.db.models import Attendance, Group, GroupSession, Participant
from facilitator.services.check import check_database
from facilitator.services.participants import list_participants
from facilitator.services.protocols import load_builtin_protocols
from facilitator.services.sessions import list_sessions, phase_runs_from_spec, today_overview

NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


def seed(store) -> None:  # type: ignore[no-untyped-def]
    spec = next(s for s in load_builtin_protocols() if s.key == "group-kap-sublingual")
    with store.session() as s:
        group = Group(name="Thursday Dosing Cohort")
        people = [Participant(legal_first_name=first, legal_last_name=last) for first, last in
                  [("Ana", "Ruiz"), ("Bea", "Olsen"), ("Łukasz", "Wiśniewski")]]
        s.add_all([group, *people])
        s.flush()
        for offset, status in [(-7, "finished"), (0, "running"), (7, "planned"), (40, "planned")]:
            gs = GroupSession(group_id=group.id, protocol_name=spec.name, protocol_kind=spec.kind.value,
                              protocol_settings=spec.settings_dict(), status=status,
                              scheduled_start=NOW + timedelta(days=offset))
            gs.phases = phase_runs_from_spec(spec)
            gs.attendance = [Attendance(participant_id=p.id, status="present" if i else "absent")
                             for i, p in enumerate(people)]
            s.add(gs)


def test_lists(store) -> None:  # type: ignore[no-untyped-def]
    seed(store)
    rows = store.run(list_sessions)
    assert [r.status for r in rows] == ["finished", "running", "planned", "planned"]
    assert rows[0].group_name == "Thursday Dosing Cohort" and rows[0].expected == 3 and rows[0].present == 2
    people = store.run(list_participants)
    assert [p.full_name for p in people] == ["Bea Olsen", "Ana Ruiz", "Łukasz Wiśniewski"]
    overview = store.run(today_overview, NOW)
    assert len(overview.running) == 1 and len(overview.upcoming) == 1 and len(overview.recent) == 1


def test_healthy_database_has_no_problems(store) -> None:  # type: ignore[no-untyped-def]
    seed(store)
    assert check_database(store.engine) == []


@pytest.mark.sqlite_only  # switches off SQLite's foreign keys to plant broken references
def test_broken_references_are_reported(store) -> None:  # type: ignore[no-untyped-def]
    seed(store)
    with store.engine.connect() as con:
        con.execute(text("PRAGMA foreign_keys = OFF"))
        con.execute(text("UPDATE attendance SET participant_id = 4242 WHERE id = 1"))
        con.commit()
    problems = check_database(store.engine)
    assert any("attendance" in p and "participant" in p for p in problems)


def test_schema_behind_head_is_reported(store) -> None:  # type: ignore[no-untyped-def]
    with store.engine.begin() as con:
        con.execute(text("DELETE FROM alembic_version"))
    assert any("no Facilitator schema" in p for p in check_database(store.engine))
