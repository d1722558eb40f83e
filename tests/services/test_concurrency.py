"""Two computers on one database: sign-in lockout, conflicting edits, the audit chain under concurrent writers.

Each test runs on an encrypted SQLite file and on a PostgreSQL server (``backend_store``); the second
computer is a second, independent store on the same database.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from facilitator.db import audit_chain
from facilitator.db.models import Account, AuditEvent, Participant
from facilitator.domain.clock import FakeClock
from facilitator.services.accounts import LOCKOUT_AFTER, SignInError
from facilitator.services.clinic_keys import Credentials
from facilitator.services.conflicts import EditConflict
from facilitator.services.participants import update_participant
from tests.conftest import TEST_ADMIN, TEST_PASSWORD, open_again

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def _new_participant(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as s:
        person = Participant(legal_first_name="Ana", legal_last_name="Ruiz", medications="sertraline 50 mg")
        s.add(person)
        s.flush()
        return person.id


@pytest.mark.slow  # seven Argon2id checks
def test_sign_in_backs_off_then_locks_and_the_right_password_works_after(backend_store) -> None:  # type: ignore[no-untyped-def]
    from facilitator.services.store import open_store

    clock = FakeClock(NOW)
    place = (backend_store.target.url.render_as_string(hide_password=False)
             if backend_store.target.sqlite_path is None else None)

    def attempt(password: str):  # type: ignore[no-untyped-def]
        return open_store(place, backend_store.data_dir, credentials=Credentials(TEST_ADMIN, password), clock=clock)

    with pytest.raises(SignInError, match="not right"):
        attempt("wrong password here")
    with pytest.raises(SignInError, match="wait"):
        attempt(TEST_PASSWORD)  # too soon after a failure, even with the right password
    for _ in range(LOCKOUT_AFTER - 1):
        clock.advance(minutes=2)
        with pytest.raises(SignInError):
            attempt("wrong password here")
    clock.advance(minutes=2)
    with pytest.raises(SignInError, match="locked"):
        attempt(TEST_PASSWORD)
    clock.advance(minutes=16)
    again = attempt(TEST_PASSWORD)
    try:
        assert again.actor is not None and again.actor.username == TEST_ADMIN
        if place is not None:  # the counters live in the account table on a server
            with again.session() as s:
                assert s.scalar(select(Account.failed_logins).where(Account.username == TEST_ADMIN)) == 0
    finally:
        again.dispose()


def test_a_stale_edit_is_refused_with_both_versions(backend_store) -> None:  # type: ignore[no-untyped-def]
    pid = _new_participant(backend_store)
    other = open_again(backend_store)
    try:
        seen_here = backend_store.run(lambda s: s.get(Participant, pid).version)
        seen_there = other.run(lambda s: s.get(Participant, pid).version)
        other.run(update_participant, pid, seen_there, {"medications": "sertraline 100 mg"})
        with pytest.raises(EditConflict, match="another computer") as caught:
            backend_store.run(update_participant, pid, seen_here, {"medications": "none"})
        assert caught.value.mine == {"medications": "none"}
        assert caught.value.theirs == {"medications": "sertraline 100 mg"}
        # Overwriting knowingly, from the stored version, works; nothing was lost in between.
        backend_store.run(update_participant, pid, caught.value.their_version, {"medications": "none"})
        assert other.run(lambda s: s.get(Participant, pid).medications) == "none"
    finally:
        other.dispose()


def test_a_racing_save_raises_a_conflict_not_a_lost_update(backend_store) -> None:  # type: ignore[no-untyped-def]
    pid = _new_participant(backend_store)
    other = open_again(backend_store)
    try:
        with pytest.raises(EditConflict, match="another computer"):
            with backend_store.session() as mine:
                row = mine.get(Participant, pid)
                assert row is not None
                # The other computer saves between this one's read and its write.
                other.run(update_participant, pid, row.version, {"pronouns": "she/her"})
                row.pronouns = "they/them"
        assert backend_store.run(lambda s: s.get(Participant, pid).pronouns) == "she/her"
    finally:
        other.dispose()


def test_the_audit_chain_holds_with_two_computers_writing_at_once(backend_store) -> None:  # type: ignore[no-untyped-def]
    other = open_again(backend_store)
    per_writer = 15
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def write(store) -> None:  # type: ignore[no-untyped-def]
        try:
            start.wait(timeout=10)
            for i in range(per_writer):
                with store.session() as s:
                    s.add(Participant(legal_first_name=f"P{i}", legal_last_name="Writer"))
        except BaseException as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(s,)) for s in (backend_store, other)]
    try:
        before = backend_store.run(lambda s: s.scalar(select(func.count()).select_from(AuditEvent)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        with backend_store.session() as s:
            report = audit_chain.verify(s)
            created = s.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "create", AuditEvent.entity_type == "participant"))
        assert report.ok, report.describe()
        assert created == 2 * per_writer
        assert report.rows >= before + 2 * per_writer
    finally:
        other.dispose()
