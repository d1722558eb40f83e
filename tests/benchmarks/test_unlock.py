"""Unlocking the encrypted clinic: target ≤ 0.5 s with the shipped Argon2id costs (64 MiB, 3 passes, 2 lanes)."""

from __future__ import annotations

from pathlib import Path

from facilitator.services.clinic_keys import Credentials
from facilitator.services.store import NewClinic, open_store

PASSWORD = "correct horse battery"


def test_unlock(benchmark, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_store(data_dir=tmp_path, new_clinic=NewClinic("admin", "Robin", PASSWORD), sync_protocols=False).dispose()

    def unlock() -> None:
        open_store(data_dir=tmp_path, credentials=Credentials("admin", PASSWORD), upgrade=False,
                   sync_protocols=False).dispose()

    benchmark.pedantic(unlock, rounds=5, iterations=1)
    assert benchmark.stats.stats.min <= 0.5
