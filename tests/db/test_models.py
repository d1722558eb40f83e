"""Model behaviour the rest relies on: UTC timestamps, optimistic versions, referential integrity."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import Attendance, GroupSession, Participant


def make_participant(session: Session) -> Participant:
    p = Participant(legal_first_name="Zoë", legal_last_name="Nguyễn", date_of_birth=date(1984, 5, 2))
    session.add(p)
    session.flush()
    return p


def test_timestamps_come_back_aware_utc(store) -> None:  # type: ignore[no-untyped-def]
    pacific = timezone(timedelta(hours=-8))
    with store.session() as s:
        gs = GroupSession(protocol_name="P", protocol_kind="dosing",
                          scheduled_start=datetime(2026, 3, 2, 9, 0, tzinfo=pacific))
        s.add(gs)
    with store.session() as s:
        start = s.scalars(select(GroupSession.scheduled_start)).one()
    assert start == datetime(2026, 3, 2, 17, 0, tzinfo=UTC) and start.tzinfo is UTC


def test_naive_datetimes_are_refused(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StatementError), store.session() as s:
        s.add(GroupSession(protocol_name="P", protocol_kind="dosing", scheduled_start=datetime(2026, 3, 2, 9)))
        s.flush()


def test_concurrent_edit_of_a_participant_is_detected(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        pid = make_participant(s).id
    first, second = Session(store.engine), Session(store.engine)
    a, b = first.get(Participant, pid), second.get(Participant, pid)
    assert a is not None and b is not None and a.version == 1
    a.pronouns = "she/her"
    first.commit()
    b.pronouns = "they/them"
    with pytest.raises(StaleDataError):
        second.commit()
    second.rollback()
    with store.session() as s:
        fresh = s.get(Participant, pid)
        assert fresh is not None and fresh.pronouns == "she/her" and fresh.version == 2
    first.close()
    second.close()


def test_foreign_keys_are_enforced(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), store.session() as s:
        s.add(Attendance(session_id=999, participant_id=999))
        s.flush()


def test_names_keep_their_unicode(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        make_participant(s)
    with store.session() as s:
        p = s.scalars(select(Participant)).one()
        assert p.full_name == "Zoë Nguyễn" and p.display_name == "Zoë Nguyễn"
