"""A save the disk refuses fails with one sentence and leaves nothing half-written."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from facilitator.db import snapshot
from facilitator.db.models import QuickNote
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services import backup, runner
from facilitator.services.protocols import list_protocols
from facilitator.services.session_setup import plan_session

# A full disk or read-only folder under the SQLite file.
pytestmark = pytest.mark.sqlite_only

START = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
LONG_NOTE = "Participant asked for the blanket and the music lower. " * 30


@pytest.fixture()
def running(store) -> int:  # type: ignore[no-untyped-def]
    protocol = next(p.id for p in store.run(list_protocols) if p.key == "group-kap-sublingual")
    sid = store.run(plan_session, protocol_id=protocol, scheduled_start=START, title="Disk drill").id
    store.run(runner.start_session, sid, FakeClock(START))
    return int(sid)


def _notes(store) -> int:  # type: ignore[no-untyped-def]
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(QuickNote)) or 0)


def test_a_full_disk_refuses_the_save_with_one_sentence(store, running: int) -> None:  # type: ignore[no-untyped-def]
    before = _notes(store)

    def no_room(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # SQLite's own "database or disk is full" path: the file may not grow by a single page.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", no_room)
    clock = FakeClock(START)
    with pytest.raises(UserError, match="disk is full") as caught:
        for i in range(200):  # fill the free pages until the file would have to grow
            store.run(runner.add_quick_note, running, f"{i} {LONG_NOTE}"[:1000], clock)
    assert "\n" not in str(caught.value)
    event.remove(store.engine, "connect", no_room)
    assert _notes(store) >= before  # the refused note is not there, whole or in part
    assert snapshot.check(store.target.sqlite_path, store.data_key) == []


def test_a_backup_on_a_full_disk_leaves_no_partial_file(store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def full(*_args, **_kwargs) -> None:  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(snapshot, "fsync_file", full)
    with pytest.raises(UserError, match="is full; nothing was written"):
        backup.write_copy(store, tmp_path / "out" / "copy.db")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0,
                    reason="running as root: chmod does not stop root's writes (the full-disk tests cover the path)")
def test_a_read_only_data_folder_refuses_the_save(store, running: int, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    before = _notes(store)
    mode = data_dir.stat().st_mode
    database = data_dir / "facilitator.db"
    files = [p for p in data_dir.iterdir() if p.is_file()]
    try:
        for path in files:
            path.chmod(stat.S_IRUSR)
        data_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
        with pytest.raises(UserError, match="read-only"):
            store.run(runner.add_quick_note, running, "Blanket brought", FakeClock(START))
    finally:
        data_dir.chmod(mode)
        for path in files:
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert _notes(store) == before
    assert snapshot.check(database, store.data_key) == []
