"""Opening runs the full quick_check only when the file may have changed outside a clean session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.db import snapshot, soundness
from facilitator.domain.clock import FakeClock
from facilitator.services.opening import DamagedDatabase
from tests.conftest import new_test_clinic, sign_in_again

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture()
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every full check opening runs (the real check still runs)."""
    seen: list[Path] = []
    real = snapshot.check

    def counting(path: Path, key: bytes | None, *, quick: bool = False) -> list[str]:
        seen.append(path)
        return real(path, key, quick=quick)

    monkeypatch.setattr(snapshot, "check", counting)
    return seen


def _open(data_dir: Path, at: datetime):  # type: ignore[no-untyped-def]
    return sign_in_again(data_dir, clock=FakeClock(at))


def test_after_a_clean_close_the_next_opening_only_reads_the_schema(data_dir: Path, full_checks: list[Path]) -> None:
    new_test_clinic(data_dir, clock=FakeClock(NOW)).dispose()  # a new file counts as checked when made
    full_checks.clear()
    store = _open(data_dir, NOW + timedelta(days=1))
    assert full_checks == []
    assert store.checked_at == NOW  # the last full check carries over to the next clean close
    store.dispose()
    assert soundness.read_marker(data_dir / "facilitator.db").checked_at == NOW  # type: ignore[union-attr]


def test_a_session_that_never_closed_means_a_full_check_next_time(data_dir: Path, full_checks: list[Path]) -> None:
    new_test_clinic(data_dir, clock=FakeClock(NOW)).dispose()
    crashed = _open(data_dir, NOW)
    assert not soundness.marker_path(data_dir / "facilitator.db").exists()  # forgotten while open
    crashed.engine.dispose()  # the process died: connections gone, no clean close recorded
    full_checks.clear()
    _open(data_dir, NOW).dispose()
    assert full_checks == [data_dir / "facilitator.db"]


def test_a_week_after_the_last_full_check_it_runs_again(data_dir: Path, full_checks: list[Path]) -> None:
    new_test_clinic(data_dir, clock=FakeClock(NOW)).dispose()
    full_checks.clear()
    for day in range(1, 7):
        _open(data_dir, NOW + timedelta(days=day)).dispose()
    assert full_checks == []
    _open(data_dir, NOW + timedelta(days=7)).dispose()
    assert len(full_checks) == 1
    _open(data_dir, NOW + timedelta(days=8)).dispose()
    assert len(full_checks) == 1  # the clock restarts from that check


def test_a_file_changed_after_a_clean_close_is_checked_and_its_damage_found(data_dir: Path) -> None:
    store = new_test_clinic(data_dir, clock=FakeClock(NOW))
    with store.session() as s:  # enough pages that the middle is not the schema
        from facilitator.db.models import Participant

        s.add_all([Participant(legal_first_name=f"P{i}", legal_last_name="x" * 200) for i in range(800)])
    store.dispose()
    database = data_dir / "facilitator.db"
    assert soundness.read_marker(database) is not None
    size = database.stat().st_size
    with database.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xde\xad\xbe\xef" * 1024)
    with pytest.raises(DamagedDatabase):
        _open(data_dir, NOW)


def test_a_write_ahead_log_left_behind_means_a_full_check(data_dir: Path, full_checks: list[Path]) -> None:
    new_test_clinic(data_dir, clock=FakeClock(NOW)).dispose()
    database = data_dir / "facilitator.db"
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists()
    assert not soundness.needs_full_check(database, NOW)
    wal.write_bytes(b"\0" * 32)
    assert soundness.needs_full_check(database, NOW)
    wal.unlink()
    assert soundness.needs_full_check(database, NOW - timedelta(seconds=1))  # a clock set back: check
