"""Full-text search on a real PostgreSQL server: the test session's cluster (tests/pg_server.py) or the database
named by FACILITATOR_TEST_DATABASE_URL; skipped with the reason when neither is there.

The test builds the schema in that database and removes it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, inspect, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from facilitator.db import migrate
from facilitator.db.models import Addendum, Attendance, GroupSession, Note, Participant, QuickNote, Share
from facilitator.services.search import ranked_hits
from tests.search_inputs import HOSTILE

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture()
def engine(pg_url: str) -> Iterator[Engine]:
    from facilitator.db.engine import create_db_engine, resolve_target
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_url)
    engine = create_db_engine(resolve_target(pg_url, None))  # type: ignore[arg-type]
    if inspect(engine).get_table_names():
        pytest.skip("the PostgreSQL test database is not empty")
    migrate.upgrade(engine)
    try:
        yield engine
    finally:
        migrate.downgrade(engine, "base")
        with engine.begin() as c:
            c.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        engine.dispose()


def test_schema_at_head_has_no_difference(engine: Engine) -> None:
    assert migrate.autogenerate_diff(engine) == []


def test_search_finds_ranks_and_follows_changes(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as s, s.begin():
        ana = Participant(legal_first_name="Ana", legal_last_name="Ruiz")
        gs = GroupSession(protocol_name="Circle", protocol_kind="integration", scheduled_start=AT)
        s.add_all([ana, gs])
        s.flush()
        once = Note(session_id=gs.id, participant_id=ana.id, kind="participant",
                    body="<p>We sat with the <b>grief</b> of the season and the rain outside.</p>")
        group = Note(session_id=gs.id, participant_id=None, kind="group",
                     body="<p>grief, grief and grief again in the circle today</p>")
        s.add_all([once, group, Attendance(session_id=gs.id, participant_id=ana.id, intention="Meet the fear kindly"),
                   QuickNote(session_id=gs.id, at=AT, text="Lights dimmed"),
                   Share(session_id=gs.id, participant_id=ana.id, position=1, note_text="", tags="grief")])
    with Session(engine) as s:
        hits = ranked_hits(s, "grief").hits
        assert [(h.kind, h.participant_id) for h in hits] == [("note", None), ("note", ana.id)]
        assert "\x02grief\x03" in hits[1].snippet and "<b>" not in hits[1].snippet
        assert [h.kind for h in ranked_hits(s, "fea").hits] == ["intention"]
        for text in HOSTILE:
            ranked_hits(s, text)
    with Session(engine) as s, s.begin():
        s.execute(update(Note).where(Note.id == once.id).values(body="<p>the harbour</p>", signed_at=AT))
        s.add(Addendum(note_id=once.id, body="later: the lighthouse"))
        s.execute(delete(QuickNote))
    with Session(engine) as s:
        assert [h.kind for h in ranked_hits(s, "grief").hits] == ["note"]
        assert [(h.kind, h.participant_id) for h in ranked_hits(s, "lighthouse").hits] == [("addendum", ana.id)]
        assert ranked_hits(s, "dimmed").hits == ()
