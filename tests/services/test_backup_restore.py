"""Backups stay encrypted and restorable; damage is found at start and repaired from the newest good backup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.db import snapshot
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services import backup, restore
from facilitator.services.clinic_keys import Credentials
from facilitator.services.instance_lock import AlreadyRunning, InstanceLock
from facilitator.services.opening import DamagedDatabase
from facilitator.services.participants import list_participants
from tests.conftest import TEST_ADMIN, TEST_PASSWORD, fast_kdf, sign_in_again

# Backups and restores of the clinic's SQLite file (a server is backed up with pg_dump).
pytestmark = pytest.mark.sqlite_only

START = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
ADMIN = Credentials(TEST_ADMIN, TEST_PASSWORD)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from facilitator.services.demo_clinic import create_demo_clinic

    data_dir = tmp_path_factory.mktemp("demo") / "data"
    store, _ = create_demo_clinic(data_dir=data_dir, years=1, seed=7, clock=FakeClock(START), kdf=fast_kdf())
    store.dispose()
    return data_dir


@pytest.fixture()
def clinic_dir(demo: Path, tmp_path: Path) -> Path:
    """A private copy of the demo clinic (database and key file)."""
    import shutil

    target = tmp_path / "clinic"
    shutil.copytree(demo, target)
    return target


def _demo_credentials(data_dir: Path) -> Credentials:
    from facilitator.services.demo.credentials import DEMO_PASSWORD, DEMO_USERNAME

    return Credentials(DEMO_USERNAME, DEMO_PASSWORD)


def test_a_backup_is_encrypted_with_its_key_file_and_passes_integrity(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written = backup.write_copy(store, tmp_path / "out" / "copy.db")
    assert written.exists() and backup.keys_beside(written).exists()
    assert not written.read_bytes().startswith(b"SQLite format 3")
    assert snapshot.check(written, store.data_key) == []
    assert snapshot.check(written, None) != []  # useless without the key
    assert not list(written.parent.glob(".*partial*"))


def test_garbage_in_the_middle_is_detected_and_restored_from_the_newest_good_backup(clinic_dir: Path) -> None:
    creds = _demo_credentials(clinic_dir)
    from facilitator.services.store import open_store

    store = open_store(data_dir=clinic_dir, credentials=creds)
    people = [p.id for p in store.run(list_participants)]
    auto = backup.AutoBackup(store, 15)
    auto._marker = -1  # something changed since the last backup
    saved = auto.on_close()
    store.dispose()
    assert saved is not None and saved.parent.name == "backups"

    database = clinic_dir / "facilitator.db"
    size = database.stat().st_size
    assert size > 256 * 1024
    with database.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xde\xad\xbe\xef" * (64 * 1024 // 4))
    damaged_bytes = database.read_bytes()

    with pytest.raises(DamagedDatabase) as caught:
        open_store(data_dir=clinic_dir, credentials=creds)
    assert caught.value.backup == saved
    assert "damaged and was left untouched" in str(caught.value) and saved.name in str(caught.value)
    assert database.read_bytes() == damaged_bytes

    result = restore.restore_backup(database, saved, creds, data_dir=clinic_dir, damaged=True)
    assert result.kept is not None and result.kept.name.startswith("damaged-")
    assert result.kept.read_bytes() == damaged_bytes
    store = open_store(data_dir=clinic_dir, credentials=creds)
    try:
        assert [p.id for p in store.run(list_participants)] == people
    finally:
        store.dispose()


def test_restore_keeps_the_current_database_and_refuses_a_wrong_password(store, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = backup.write_copy(store, tmp_path / "copy.db")
    store.dispose()
    database = data_dir / "facilitator.db"
    with pytest.raises(UserError):
        restore.restore_backup(database, copy, Credentials(TEST_ADMIN, "wrong password"), data_dir=data_dir)
    result = restore.restore_backup(database, copy, ADMIN, data_dir=data_dir)
    assert result.kept is not None and result.kept.name.startswith("before-restore-")
    assert not list(data_dir.glob(".restoring-*"))
    sign_in_again(data_dir).dispose()


def test_restore_refuses_an_unsound_file_and_changes_nothing(store, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = backup.write_copy(store, tmp_path / "copy.db")
    store.dispose()
    raw = bytearray(copy.read_bytes())
    raw[len(raw) // 2: len(raw) // 2 + 8192] = b"\x00" * 8192
    copy.write_bytes(bytes(raw))
    database = data_dir / "facilitator.db"
    before = database.read_bytes()
    with pytest.raises(UserError, match="cannot|not a sound|damaged"):
        restore.restore_backup(database, copy, ADMIN, data_dir=data_dir)
    assert database.read_bytes() == before


def test_restore_refuses_while_the_app_is_open_on_the_database(store, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    import os
    import socket

    copy = backup.write_copy(store, tmp_path / "copy.db")
    store.dispose()
    database = data_dir / "facilitator.db"
    lock = InstanceLock(database).acquire()
    body = json.loads(lock.path.read_text())
    body["pid"] = os.getppid()  # a live process that is not this one
    lock.path.write_text(json.dumps(body))
    assert body["host"] == socket.gethostname()
    with pytest.raises(AlreadyRunning, match="close it first"):
        restore.restore_backup(database, copy, ADMIN, data_dir=data_dir)


def test_automatic_backups_need_changes_and_the_interval(store) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(START)
    store.clock = clock
    auto = backup.AutoBackup(store, 15)
    clock.advance(minutes=20)
    assert auto.tick() is None  # nothing changed
    from facilitator.services.sign_in import record_sign_out

    record_sign_out(store)
    clock.advance(minutes=5)
    first = auto.tick()
    assert first is not None and first.name == "auto-20260312-092500.db"
    record_sign_out(store)
    clock.advance(minutes=5)
    assert auto.tick() is None  # too soon
    assert auto.on_close() is not None


def test_rotation_keeps_seven_daily_and_four_weekly(tmp_path: Path) -> None:
    moment = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)
    for hours in range(0, 24 * 60, 6):  # four backups a day for sixty days
        (tmp_path / f"auto-{backup.stamp(moment - timedelta(hours=hours))}.db").write_bytes(b"x")
    (tmp_path / "before-restore-20250101-000000.db").write_bytes(b"x")
    backup.rotate(tmp_path)
    kept = sorted(p.name for p in tmp_path.glob("auto-*.db"))
    days = {name[5:13] for name in kept}
    assert len(days) == len(kept)  # one a day at most
    # Tuesday 31 March: the 7 days from the 25th, whose newest (the 31st, the 29th) stand for the two
    # newest ISO weeks, plus the newest of the two weeks before (the 22nd and the 15th).
    assert kept[:2] == ["auto-20260315-180000.db", "auto-20260322-180000.db"]
    assert len(kept) == 7 + 2
    assert "auto-20260331-180000.db" in kept
    assert (tmp_path / "before-restore-20250101-000000.db").exists()


def test_a_postgres_clinic_is_told_to_use_pg_dump() -> None:
    from facilitator.cli import main

    code = main(["--database-url", "postgresql://nobody@localhost/none", "backup", "-o", "x.db"])
    assert code == 1
