"""Live refresh: what one computer saves, another's watcher notices within 2 s, on both backends."""

from __future__ import annotations

import time

from facilitator.db.models import Participant
from facilitator.services.changes import ChangeWatcher
from facilitator.services.participants import update_participant
from tests.conftest import open_again

DEADLINE_SECONDS = 2.0


def _noticed(watcher: ChangeWatcher) -> bool:
    """The app polls once a second; one poll right after the commit must see it, well within the deadline."""
    started = time.monotonic()
    seen = watcher.poll()
    return seen and time.monotonic() - started < DEADLINE_SECONDS


def test_a_change_on_one_computer_is_seen_on_the_other(backend_store) -> None:  # type: ignore[no-untyped-def]
    other = open_again(backend_store)
    try:
        watcher = ChangeWatcher(other)
        assert not watcher.poll()  # nothing happened yet
        with backend_store.session() as s:
            person = Participant(legal_first_name="Ana", legal_last_name="Ruiz")
            s.add(person)
            s.flush()
            pid = person.id
        assert _noticed(watcher)
        assert other.run(lambda s: s.get(Participant, pid) is not None)
        assert not watcher.poll()  # each change is reported once

        backend_store.run(update_participant, pid, 1, {"pronouns": "she/her"})
        assert _noticed(watcher)
        assert other.run(lambda s: s.get(Participant, pid).pronouns) == "she/her"
    finally:
        other.dispose()


def test_an_uncommitted_change_is_not_signalled(backend_store) -> None:  # type: ignore[no-untyped-def]
    other = open_again(backend_store)
    watcher = ChangeWatcher(other)
    try:
        with backend_store.session() as s:
            s.add(Participant(legal_first_name="Bea", legal_last_name="Olsen"))
            s.flush()
            assert not watcher.poll()
            s.rollback()
        assert not watcher.poll()
    finally:
        other.dispose()


def test_vitals_recorded_on_one_computer_are_on_the_other_s_board(backend_store) -> None:  # type: ignore[no-untyped-def]
    """A monitor records on its laptop; the facilitator's board, read through its own store, shows them."""
    from facilitator.domain.clock import FakeClock
    from facilitator.services import runner
    from facilitator.services.monitoring import get_board, record_vitals
    from facilitator.services.session_setup import plan_session
    from tests.services.conftest import NOW, build_clinic

    clinic = build_clinic(backend_store)
    clock = FakeClock(NOW)
    plan = backend_store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                             scheduled_start=NOW)
    backend_store.run(runner.start_session, plan.id, clock)
    facilitator = open_again(backend_store)
    try:
        watcher = ChangeWatcher(facilitator)
        board = facilitator.run(get_board, plan.id, clock)
        person = board.cards[0].participant_id
        assert board.card(person).last_vitals is None
        clock.advance(minutes=3)
        backend_store.run(record_vitals, plan.id, person, clock, line="128/82 70 98")
        assert _noticed(watcher)
        seen = facilitator.run(get_board, plan.id, clock).card(person).last_vitals
        assert seen is not None and (seen.reading.systolic, seen.reading.diastolic) == (128, 82)
    finally:
        facilitator.dispose()


def test_reading_is_not_a_change(backend_store) -> None:  # type: ignore[no-untyped-def]
    """A screen's reload audits its reading; were that a change, two laptops would reload each other for ever."""
    from facilitator.services import actor
    from facilitator.services.search import search

    watcher = ChangeWatcher(backend_store)
    backend_store.run(search, "grief")
    backend_store.run(lambda s: actor.record(s, "view", entity_type="participant", entity_id=1))
    assert not watcher.poll()
    backend_store.run(lambda s: s.add(Participant(legal_first_name="Cy", legal_last_name="Ng")))
    assert watcher.poll()
