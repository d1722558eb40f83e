"""A small clinic for the runner and setup tests: one group of three, planned and running sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from facilitator.db.models import Group, Membership, Participant, Protocol
from facilitator.domain.clock import Clock
from facilitator.services import runner
from facilitator.services.session_setup import plan_session
from tests.ui.sessions import NOW

# (legal first, last, preferred): every part must stay off the room display.
PEOPLE = (("Beatriz", "Olsen", "Bea"), ("Anaïs", "Ruiz", ""), ("Devendra", "Shah", "Dev"))


@dataclass(frozen=True)
class SmallClinic:
    group_id: int
    dosing_id: int
    circle_id: int
    name_parts: tuple[str, ...]


def small_clinic(store) -> SmallClinic:  # type: ignore[no-untyped-def]
    with store.session() as s:
        keys = {key: pid for key, pid in s.execute(select(Protocol.key, Protocol.id))}
        group = Group(name="Thursday Dosing Cohort", location="Willow Room", status="active",
                      default_protocol_id=keys["group-kap-sublingual"], meeting_time="10:00")
        people = [Participant(legal_first_name=f, legal_last_name=last, preferred_name=p) for f, last, p in PEOPLE]
        s.add_all([group, *people])
        s.flush()
        s.add_all([Membership(group_id=group.id, participant_id=p.id, joined_on=date(2026, 1, 8)) for p in people])
        parts = tuple(sorted({x for person in PEOPLE for x in person if x}))
        return SmallClinic(group.id, keys["group-kap-sublingual"], keys["integration-circle"], parts)


def planned_session(store, clinic: SmallClinic, start: datetime = NOW) -> int:  # type: ignore[no-untyped-def]
    return store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_id, scheduled_start=start).id


def running_session(store, clinic: SmallClinic, clock: Clock) -> int:  # type: ignore[no-untyped-def]
    session_id = planned_session(store, clinic, clock.now())
    store.run(runner.start_session, session_id, clock)
    return session_id
