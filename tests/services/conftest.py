"""A small fictional clinic for the session tests: a group, its members, a facilitator, a plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from facilitator.db.models import Account, Group, Membership, Participant, Protocol

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Clinic:
    group_id: int
    facilitator_id: int
    monitor_id: int
    dosing_protocol_id: int
    circle_protocol_id: int
    members: dict[str, int]  # preferred name -> participant id, for everyone ever in the group


@pytest.fixture()
def clinic(store) -> Clinic:  # type: ignore[no-untyped-def]
    return build_clinic(store)


def build_clinic(store) -> Clinic:  # type: ignore[no-untyped-def]
    """The fictional group, its members, a facilitator and a monitor, written into ``store``."""
    with store.session() as s:
        facilitator = Account(username="drivera", display_name="Dana Rivera", credentials="LCSW", role="clinician")
        monitor = Account(username="mokafor", display_name="Mei Okafor", credentials="RN", role="monitor")
        group = Group(name="Thursday Dosing Cohort", location="Room 2", facilitators=[facilitator])
        people = {
            "Ana": Participant(legal_first_name="Ana", legal_last_name="Ruiz"),
            "Bea": Participant(legal_first_name="Beatriz", legal_last_name="Olsen", preferred_name="Bea"),
            "Cal": Participant(legal_first_name="Cal", legal_last_name="Moreau"),  # left in February
            "Dev": Participant(legal_first_name="Dev", legal_last_name="Shah"),  # leaves in December
            "Eli": Participant(legal_first_name="Eli", legal_last_name="Novak"),  # joins in June
        }
        s.add_all([facilitator, monitor, group, *people.values()])
        s.flush()
        joined = date(2026, 1, 8)
        s.add_all([
            Membership(group_id=group.id, participant_id=people["Ana"].id, joined_on=joined),
            Membership(group_id=group.id, participant_id=people["Bea"].id, joined_on=joined),
            Membership(group_id=group.id, participant_id=people["Cal"].id, joined_on=joined, left_on=date(2026, 2, 5)),
            Membership(group_id=group.id, participant_id=people["Dev"].id, joined_on=joined, left_on=date(2026, 12, 1)),
            Membership(group_id=group.id, participant_id=people["Eli"].id, joined_on=date(2026, 6, 1)),
        ])
        keys = {key: pid for key, pid in s.execute(select(Protocol.key, Protocol.id))}
        return Clinic(
            group_id=group.id, facilitator_id=facilitator.id, monitor_id=monitor.id,
            dosing_protocol_id=keys["group-kap-sublingual"], circle_protocol_id=keys["integration-circle"],
            members={name: p.id for name, p in people.items()},
        )


DEMO_NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)  # a Thursday afternoon, a session running


@pytest.fixture(scope="session")
def demo_clinic(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A year of the fictional demo clinic, shared read-mostly by the tests of the reading services."""
    from facilitator.domain.clock import FakeClock
    from facilitator.services.demo_clinic import create_demo_clinic
    from tests.conftest import fast_kdf

    store, _ = create_demo_clinic(data_dir=tmp_path_factory.mktemp("demo"), years=1, seed=7,
                                  clock=FakeClock(DEMO_NOW), kdf=fast_kdf())
    yield store
    store.dispose()
