"""A running dosing session with eight participants, a clinician, a monitor and a fake clock."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from facilitator.db.models import Account, AuditEvent, Group, Membership, Participant, Protocol
from facilitator.domain.clock import FakeClock
from facilitator.services import runner
from facilitator.services.actor import Actor
from facilitator.services.session_setup import plan_session
from facilitator.services.store import Store
from tests.conftest import new_test_clinic, sign_in_again

START = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
NAMES = ["Ana Ruiz", "Bea Olsen", "Cal Moreau", "Dev Shah", "Eli Novak", "Fay Okoro", "Gus Lindqvist", "Hana Sato"]


@dataclass
class Room:
    session_id: int
    people: list[int]  # participant ids, in the order of NAMES
    admin_id: int
    clinician_id: int
    monitor_id: int
    clock: FakeClock
    store: object

    def act_as(self, account_id: int) -> None:
        """Sign in as another staff member (the store stamps and audits with them from now on)."""
        with self.store.session() as s:  # type: ignore[attr-defined]
            account = s.get(Account, account_id)
            assert account is not None
            self.store.actor = Actor(account.id, account.username, account.display_name,  # type: ignore[attr-defined]
                                     account.credentials, account.role)

    def at(self, minutes: float) -> datetime:
        return START + timedelta(minutes=minutes)

    def run(self, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self.store.run(fn, self.session_id, *args, **kwargs)  # type: ignore[attr-defined]


def _build_template(directory: Path) -> tuple[int, int, int, int, list[int]]:
    """The clinic every test starts from; returns (session, admin, clinician, monitor, participant ids)."""
    store = new_test_clinic(directory)
    try:
        with store.session() as s:
            clinician = Account(username="drivera", display_name="Dana Rivera", credentials="MD", role="clinician")
            monitor = Account(username="mokafor", display_name="Mei Okafor", credentials="RN", role="monitor")
            group = Group(name="Thursday Dosing Cohort", location="Room 2", facilitators=[clinician])
            people = []
            for i, name in enumerate(NAMES):
                first, last = name.split()
                people.append(Participant(legal_first_name=first, legal_last_name=last, flag_hypertension=i == 1,
                                          flag_cardiac=i == 1))
            s.add_all([clinician, monitor, group, *people])
            s.flush()
            s.add_all(Membership(group_id=group.id, participant_id=p.id, joined_on=date(2026, 1, 8)) for p in people)
            protocol_id = s.scalars(select(Protocol.id).where(Protocol.key == "group-kap-sublingual")).one()
            ids = (group.id, store.actor.id, clinician.id, monitor.id, [p.id for p in people])
        plan = store.run(plan_session, group_id=ids[0], protocol_id=protocol_id, scheduled_start=START)
        store.run(runner.start_session, plan.id, FakeClock(START))
    finally:
        store.dispose()
    return plan.id, ids[1], ids[2], ids[3], ids[4]


@pytest.fixture(scope="session")
def room_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[int, int, int, int, list[int]]]:
    # Building a clinic runs the migrations and writes key slots (seconds); each test copies this one instead.
    directory = tmp_path_factory.mktemp("room-template") / "data"
    directory.mkdir()
    return directory, _build_template(directory)


@pytest.fixture()
def store(room_template, tmp_path: Path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """A copy of the template clinic, signed in as its administrator."""
    source, _ = room_template
    copy = tmp_path / "data"
    shutil.copytree(source, copy)
    opened = sign_in_again(copy)
    yield opened
    opened.dispose()


@pytest.fixture()
def room(store: Store, room_template) -> Room:  # type: ignore[no-untyped-def]
    session_id, admin_id, clinician_id, monitor_id, people = room_template[1]
    assert store.actor is not None and store.actor.id == admin_id
    return Room(session_id, people, admin_id, clinician_id, monitor_id, FakeClock(START), store)


def audit_rows(store, entity_type: str, entity_id: int | None = None) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        query = select(AuditEvent).where(AuditEvent.entity_type == entity_type).order_by(AuditEvent.id)
        if entity_id is not None:
            query = query.where(AuditEvent.entity_id == str(entity_id))
        return list(s.scalars(query))
