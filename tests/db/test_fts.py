"""The full-text index is kept in step by the database itself: triggers on every source table."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import delete, text, update

from facilitator.db import fts, migrate
from facilitator.db.engine import create_db_engine, resolve_target
from facilitator.db.models import (
    Addendum,
    Attendance,
    GroupSession,
    Note,
    Participant,
    QuickNote,
    Share,
)
from facilitator.domain import markup

# The SQLite FTS5 index and its triggers (the server's tsvector search: test_postgres_search.py).
pytestmark = pytest.mark.sqlite_only

AT = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
MIGRATION = Path(migrate.MIGRATIONS_DIR, "versions", "0002_full_text_search.py")


def index(connection) -> dict[tuple[str, int], tuple]:  # type: ignore[no-untyped-def]
    rows = connection.execute(text(
        f"SELECT kind, source_id, session_id, participant_id, body, tags, rowid FROM {fts.FTS_TABLE}"))
    found = {}
    for kind, source_id, sid, pid, body, tags, rowid in rows:
        assert rowid == source_id * fts.ROWID_STRIDE + fts.KIND_CODES[kind]
        found[(kind, source_id)] = (sid, pid, body, tags)
    return found


def matches(connection, words: str) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    rows = connection.execute(text(f"SELECT kind, source_id FROM {fts.FTS_TABLE} WHERE {fts.FTS_TABLE} MATCH :q "
                                   "ORDER BY rank"), {"q": words})
    return [(k, s) for k, s in rows]


@pytest.fixture()
def seeded(store):  # type: ignore[no-untyped-def]
    with store.session() as s:
        ana = Participant(legal_first_name="Ana", legal_last_name="Ruiz")
        bea = Participant(legal_first_name="Bea", legal_last_name="Olsen")
        first = GroupSession(protocol_name="Circle", protocol_kind="integration", scheduled_start=AT)
        second = GroupSession(protocol_name="Circle", protocol_kind="integration", scheduled_start=AT)
        s.add_all([ana, bea, first, second])
        s.flush()
        s.add_all([
            Note(session_id=first.id, participant_id=ana.id, kind="participant",
                 body="<p><b>Data:</b> spoke of the ocean &amp; her <i>grandmother</i></p><ul><li>tides</li></ul>",
                 themes="grief,family"),
            Note(session_id=first.id, participant_id=None, kind="group", body="", themes=""),
            Attendance(session_id=first.id, participant_id=ana.id, status="present", intention="Meet the fear kindly"),
            Attendance(session_id=first.id, participant_id=bea.id, status="present", intention=""),
            QuickNote(session_id=first.id, at=AT, text="Lights dimmed for the journey"),
            Share(session_id=first.id, participant_id=bea.id, position=1, note_text="Spoke of a lighthouse",
                  tags="connection"),
            Share(session_id=first.id, participant_id=ana.id, position=2, note_text="", tags="grief"),
        ])
    return store, {"ana": ana.id, "bea": bea.id, "first": first.id, "second": second.id}


def test_inserts_are_indexed_as_plain_text(seeded) -> None:  # type: ignore[no-untyped-def]
    store, ids = seeded
    with store.engine.connect() as c:
        rows = index(c)
    assert set(rows) == {("note", 1), ("intention", 1), ("quick_note", 1), ("share", 1)}  # empty texts are not
    sid, pid, body, tags = rows[("note", 1)]
    assert (sid, pid, tags) == (ids["first"], ids["ana"], "grief,family")
    assert "<" not in body and "&amp;" not in body and " ".join(body.split()) == "Data: spoke of the ocean & her " \
                                                                                    "grandmother tides"
    assert rows[("quick_note", 1)][1] is None
    with store.engine.connect() as c:
        assert matches(c, "grandmother") == [("note", 1)]
        assert matches(c, "lighthouse") == [("share", 1)]
        assert matches(c, "fear") == [("intention", 1)]
        assert matches(c, "family") == [("note", 1)]  # the theme tags are searched too
        assert matches(c, "b OR p OR li OR amp") == []  # markup never reaches the index


def test_updates_and_deletes_keep_the_index_in_step(seeded) -> None:  # type: ignore[no-untyped-def]
    store, ids = seeded
    with store.session() as s:
        s.execute(update(Note).where(Note.id == 1).values(body="<p>the harbour at dawn</p>"))
        s.execute(update(Note).where(Note.id == 2).values(body="<p>a quiet circle</p>"))  # was empty: now indexed
        s.execute(update(Attendance).where(Attendance.participant_id == ids["ana"]).values(intention=""))
        s.execute(update(Attendance).where(Attendance.participant_id == ids["bea"]).values(status="late"))
        s.execute(update(QuickNote).values(text="Music lowered"))
        s.execute(update(Share).where(Share.id == 1).values(participant_id=ids["ana"]))
    with store.engine.connect() as c:
        rows = index(c)
        assert matches(c, "grandmother") == [] and matches(c, "harbour") == [("note", 1)]
        assert matches(c, "quiet") == [("note", 2)] and matches(c, "fear") == []
        assert matches(c, "lowered") == [("quick_note", 1)] and matches(c, "dimmed") == []
    assert ("intention", 1) not in rows and rows[("share", 1)][1] == ids["ana"]
    with store.session() as s:
        s.execute(update(Note).where(Note.id == 1).values(signed_at=AT, signature="Robin Admin, LCSW"))
        s.add(Addendum(note_id=1, body="Called her the next morning; settled."))
    with store.engine.connect() as c:
        assert matches(c, "settled") == [("addendum", 1)]
        assert index(c)[("addendum", 1)][:2] == (ids["first"], ids["ana"])  # where its note is
    with store.session() as s:  # a note that moves takes its addenda's index rows with it
        s.execute(update(Note).where(Note.id == 1).values(session_id=ids["second"]))
    with store.engine.connect() as c:
        assert index(c)[("addendum", 1)][0] == ids["second"]
    with store.session() as s:
        s.execute(delete(Addendum))
        s.execute(delete(Note).where(Note.id == 1))
        s.execute(delete(Share))
        s.execute(delete(GroupSession).where(GroupSession.id == ids["second"]))
        s.execute(delete(QuickNote))  # quick notes and attendance also go when their session is deleted (cascade)
    with store.engine.connect() as c:
        assert set(index(c)) == {("note", 2)}
        c.execute(text(f"INSERT INTO {fts.FTS_TABLE}({fts.FTS_TABLE}) VALUES ('integrity-check')"))


def test_a_text_that_says_the_word_more_often_ranks_first(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        gs = GroupSession(protocol_name="Circle", protocol_kind="integration", scheduled_start=AT)
        s.add(gs)
        s.flush()
        filler = "we sat together and listened to the music while the rain fell outside the window"
        s.add_all([
            Note(session_id=gs.id, participant_id=None, kind="group", body=f"<p>{filler} grief once</p>"),
            QuickNote(session_id=gs.id, at=AT, text=f"{filler} grief and grief again, grief"),
            QuickNote(session_id=gs.id, at=AT, text=f"{filler} nothing of the kind here at all, no"),
        ])
    with store.engine.connect() as c:
        assert matches(c, "grief") == [("quick_note", 1), ("note", 1)]


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0002", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_strips_exactly_the_tags_the_sanitizer_writes() -> None:
    module = _migration()
    stripped = {t.strip("</>") for t in module.INLINE_TAGS + module.BLOCK_TAGS}
    assert stripped >= set(markup.ALLOWED_TAGS)
    assert module.ENTITIES == markup.ENTITIES
    assert [(name, table, expr) for name, table, expr in module.PG_INDEXES] == [
        (f"fts_{d.table}", d.table, d.expression()) for d in fts.PG_DOCUMENTS]


def test_upgrading_an_existing_database_indexes_what_it_holds(tmp_path: Path) -> None:
    engine = create_db_engine(resolve_target(None, tmp_path / "clinic.db"))
    migrate.upgrade(engine)
    migrate.downgrade(engine, "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO participant (id, legal_first_name, legal_last_name, preferred_name, pronouns, "
                       "preferred_language, email, phone, address, emergency_contact_name, emergency_contact_phone, "
                       "emergency_contact_relation, flag_hypertension, flag_cardiac, flag_psychosis_history, "
                       "flag_pregnancy, flag_substance_use, medications, status, created_at, version) VALUES "
                       "(1, 'Ana', 'Ruiz', '', '', 'en', '', '', '', '', '', '', 0, 0, 0, 0, 0, '', 'active', "
                       "'2026-01-01', 1)"))
        c.execute(text("INSERT INTO group_session (id, title, protocol_name, protocol_kind, protocol_settings, "
                       "scheduled_start, location, setting_notes, status, room_message, cancel_reason, created_at, "
                       "version) VALUES (1, '', 'Circle', 'integration', '{}', '2026-01-01', '', '', 'finished', '', "
                       "'', '2026-01-01', 1)"))
        c.execute(text("INSERT INTO note (id, session_id, participant_id, kind, template, body, themes, signature, "
                       "created_at, version) VALUES (1, 1, 1, 'participant', 'free', '<p>old <b>harbour</b></p>', "
                       "'', 'x', '2026-01-01', 2)"))
        c.execute(text("INSERT INTO addendum (id, note_id, body, signature, created_at) VALUES "
                       "(1, 1, 'later lighthouse', 'x', '2026-01-02')"))
    migrate.upgrade(engine)
    with engine.connect() as c:
        assert matches(c, "harbour") == [("note", 1)] and matches(c, "lighthouse") == [("addendum", 1)]
        assert index(c)[("addendum", 1)][:2] == (1, 1)


def test_check_reports_a_missing_trigger(store) -> None:  # type: ignore[no-untyped-def]
    from facilitator.services.check import check_database

    assert check_database(store.engine) == []
    with store.engine.begin() as c:
        c.execute(text("DROP TRIGGER fts_share_au"))
    assert check_database(store.engine) == [
        "The full-text index is no longer kept in step with the share table (trigger fts_share_au is missing)."]
