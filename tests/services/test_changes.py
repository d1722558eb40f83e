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
