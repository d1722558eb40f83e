"""The roster table's rows: every column right, and loaded in two queries however many people there are."""

from __future__ import annotations

import time
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, insert

from facilitator.db.models import Attendance, Group, GroupSession, Membership, Participant
from facilitator.services.roster import roster_rows
from tests.conftest import new_test_clinic

TODAY = date(2026, 3, 12)


@contextmanager
def counting(store):  # type: ignore[no-untyped-def]
    """Count the SQL statements run inside the block."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(("PRAGMA", "SAVEPOINT", "RELEASE")):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


@pytest.fixture(scope="module")
def store(tmp_path_factory):  # type: ignore[no-untyped-def]
    opened = new_test_clinic(tmp_path_factory.mktemp("roster") / "data")
    with opened.session() as s:
        aspen, circle = Group(name="Aspen Cohort"), Group(name="Open Circle", kind="open")
        ana = Participant(legal_first_name="Ana", legal_last_name="Ruiz", preferred_name="Annie", pronouns="she/her",
                          date_of_birth=date(1985, 3, 13), flag_hypertension=True, flag_substance_use=True)
        bo = Participant(legal_first_name="Bo", legal_last_name="Lind", status="inactive")
        cy = Participant(legal_first_name="Cy", legal_last_name="Abbott", status="archived",
                         date_of_birth=date(1990, 1, 1))
        s.add_all([aspen, circle, ana, bo, cy])
        s.flush()
        s.add_all([
            Membership(group_id=aspen.id, participant_id=ana.id, joined_on=date(2026, 1, 1)),
            Membership(group_id=circle.id, participant_id=ana.id, joined_on=date(2026, 2, 1)),
            Membership(group_id=circle.id, participant_id=bo.id, joined_on=date(2025, 1, 1),
                       left_on=date(2025, 12, 1)),
        ])
        for days, status, attended in ((20, "finished", "present"), (10, "finished", "late"),
                                       (5, "finished", "absent"), (-2, "planned", "expected")):
            visit = GroupSession(group_id=aspen.id, protocol_name="Group KAP", protocol_kind="dosing",
                                 scheduled_start=datetime(2026, 3, 12, 9, tzinfo=UTC) - timedelta(days=days),
                                 status=status)
            visit.attendance.append(Attendance(participant_id=ana.id, status=attended))
            s.add(visit)
    yield opened
    opened.dispose()


def test_each_column_of_a_row(store):
    rows = {r.first_name: r for r in store.run(roster_rows, TODAY)}
    ana = rows["Ana"]
    assert (ana.full_name, ana.sort_name, ana.preferred_name, ana.pronouns) == ("Ana Ruiz", "Ruiz, Ana", "Annie",
                                                                                 "she/her")
    assert ana.age == 40  # 41 tomorrow
    assert ana.groups == ("Aspen Cohort", "Open Circle")
    assert ana.status == "active"
    # The last session attended: not the later absence, not the planned one.
    assert ana.last_session == datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert ana.flags == ("Hypertension", "Substance use")
    bo = rows["Bo"]
    assert (bo.groups, bo.age, bo.last_session, bo.flags, bo.status) == ((), None, None, (), "inactive")
    assert rows["Cy"].status == "archived"  # archived people stay on file; the screen filters them
    assert [r.last_name for r in store.run(roster_rows, TODAY)][:3] == ["Abbott", "Lind", "Ruiz"]


def test_the_roster_loads_in_two_queries(store):
    with counting(store) as statements:
        store.run(roster_rows, TODAY)
    assert len(statements) <= 2, statements


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    """5,000 participants, 40 groups, 600 sessions, 6,000 attendances, written in bulk."""
    opened = new_test_clinic(tmp_path_factory.mktemp("big") / "data")
    with opened.session() as s:
        s.execute(insert(Group), [{"id": g, "name": f"Group {g}"} for g in range(1, 41)])
        s.execute(insert(Participant), [
            {"id": i, "legal_first_name": f"First{i}", "legal_last_name": f"Last{i % 977}",
             "date_of_birth": date(1950 + i % 50, 1 + i % 12, 1 + i % 28), "flag_cardiac": i % 17 == 0,
             "status": ("active", "inactive", "discharged", "archived")[i % 4]}
            for i in range(1, 5001)
        ])
        s.execute(insert(Membership), [
            {"group_id": 1 + i % 40, "participant_id": i, "joined_on": date(2025, 1, 1)} for i in range(1, 5001)
        ])
        s.execute(insert(GroupSession), [
            {"id": n, "group_id": 1 + n % 40, "protocol_name": "Group KAP", "protocol_kind": "dosing",
             "scheduled_start": datetime(2025, 6, 1, 9, tzinfo=UTC) + timedelta(days=n % 250), "status": "finished"}
            for n in range(1, 601)
        ])
        s.execute(insert(Attendance), [
            {"session_id": 1 + n % 600, "participant_id": 1 + (n * 7) % 5000, "status": "present"}
            for n in range(6000)
        ])
    yield opened
    opened.dispose()


def test_five_thousand_participants_load_fast(big_store):
    big_store.run(roster_rows, TODAY)  # warm the connection and statement caches
    started = time.perf_counter()
    with counting(big_store) as statements:
        rows = big_store.run(roster_rows, TODAY)
    elapsed = time.perf_counter() - started
    assert len(rows) == 5000
    assert len(statements) <= 2
    assert sum(1 for r in rows if r.last_session is not None) > 3000
    print(f"roster of 5,000 loaded in {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0, f"{elapsed:.3f} s"
