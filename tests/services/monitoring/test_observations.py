"""Observations: side effects with severity, MOAA/S for sedation, the action taken, who and when."""

from __future__ import annotations

from datetime import timedelta

import pytest

from facilitator.db.models import Observation
from facilitator.errors import UserError
from facilitator.services import monitoring as m
from tests.services.monitoring.conftest import Room, audit_rows


def observe(room: Room, **kwargs: object) -> m.ObservationRow:
    return room.run(m.record_observation, room.people[0], room.clock, **kwargs)


def test_an_observation_is_stamped_and_attributed(room: Room) -> None:
    room.clock.advance(minutes=50, seconds=0.4)
    room.act_as(room.monitor_id)
    row = observe(room, kind="sedation", severity="moderate", moaas=3, detail=" Slow to respond to name. ",
                  action="Positioned on side; SpO2 watched.")
    assert (row.kind, row.severity, row.moaas, row.observed_at, row.author_id) == (
        "sedation", "moderate", 3, room.at(50), room.monitor_id)
    assert row.detail == "Slow to respond to name." and row.label == "Sedation (moderate, MOAA/S 3)"
    with room.store.session() as s:  # type: ignore[attr-defined]
        stored = s.get(Observation, row.id)
        assert stored is not None and stored.created_by_id == room.monitor_id
    assert [e.action for e in audit_rows(room.store, "observation", row.id)] == ["create"]
    earlier = observe(room, kind="nausea", action="Emesis bag given.", observed_at=room.at(35))
    assert earlier.observed_at == room.at(35) and earlier.severity == "mild"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kind": "sedation"}, "Sedation needs a MOAA/S score from 0 (no response) to 5 (responds readily to name)."),
    ({"kind": "sedation", "moaas": 6}, "Sedation needs a MOAA/S score"),
    ({"kind": "sedation", "moaas": -1}, "Sedation needs a MOAA/S score"),
    ({"kind": "nausea", "moaas": 4}, "A MOAA/S score belongs to a sedation observation only."),
    ({"kind": "hiccups"}, "The kind of observation must be one of nausea, vomiting, dissociation, anxiety"),
    ({"kind": "nausea", "severity": "awful"}, "The severity must be one of mild, moderate, severe."),
    ({"kind": "other"}, "Describe what was observed."),
    ({"kind": "other", "detail": "x" * 1001}, "The description holds at most 1000 characters."),
])
def test_bad_observations_are_refused(room: Room, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UserError) as caught:
        observe(room, **kwargs)
    assert str(caught.value).startswith(message)


def test_every_kind_on_the_cards(room: Room) -> None:
    for i, kind in enumerate(["dissociation", "anxiety", "dizziness", "vomiting", "other", "dissociation"]):
        room.clock.advance(minutes=1)
        observe(room, kind=kind, severity="moderate" if i == 5 else "mild", detail="Felt odd." if kind == "other"
                else "")
    room.clock.advance(timedelta(minutes=1).total_seconds())
    card = room.run(m.get_card, room.people[0], room.clock)
    assert card.observation_summary == ("Dissociation (moderate), Anxiety/distress (mild), Dizziness (mild), "
                                        "Vomiting (mild), Other (mild)")
