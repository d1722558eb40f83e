"""migrate-data: a demo clinic goes from SQLite to PostgreSQL and back, with equal counts and checksums."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from facilitator.db import audit_chain
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.clinic_keys import Credentials
from facilitator.services.data_copy import checksums, copy_clinic, prepare_target
from facilitator.services.demo_clinic import create_demo_clinic
from facilitator.services.store import open_store
from tests.conftest import fast_kdf, reset_pg_schema

DEMO_USER, DEMO_PASSWORD = "demo", "demo-clinic-pass"


@pytest.mark.slow
def test_round_trip_sqlite_postgresql_sqlite(tmp_path: Path, pg_url: str) -> None:
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    clock = FakeClock(datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    source, _ = create_demo_clinic(data_dir=laptop, years=1, seed=7, clock=clock, kdf=fast_kdf())
    reset_pg_schema(pg_url)
    server, _ = prepare_target(pg_url, tmp_path / "server-data", DEMO_USER, DEMO_PASSWORD)
    back_dir = tmp_path / "back"
    back_url = f"sqlite:///{back_dir / 'clinic.db'}"
    back_dir.mkdir()
    back, recovery = prepare_target(back_url, back_dir, DEMO_USER, DEMO_PASSWORD, kdf=fast_kdf())
    try:
        with source.engine.connect() as connection:
            original = checksums(connection)
        assert sum(t.rows for t in original) > 1000
        there = copy_clinic(source.engine, server, where="server")
        again = copy_clinic(server, back, where="file")
        assert there == original and again == original
        assert recovery is not None

        with pytest.raises(UserError, match="already holds clinic records"):
            copy_clinic(source.engine, server, where="the server")

        # The same password works on the server (the account table keeps the Argon2id hashes), the
        # sequences continue after the copied ids, and the audit chain still verifies.
        on_server = open_store(pg_url, tmp_path / "server-data", credentials=Credentials(DEMO_USER, DEMO_PASSWORD))
        try:
            with on_server.session() as s:
                assert audit_chain.verify(s).ok
        finally:
            on_server.dispose()
        reopened = open_store(back_url, back_dir, credentials=Credentials(DEMO_USER, DEMO_PASSWORD))
        try:
            with reopened.session() as s:
                assert audit_chain.verify(s).ok
        finally:
            reopened.dispose()
    finally:
        source.dispose()
        server.dispose()
        back.dispose()


def test_the_command_refuses_a_target_that_holds_a_clinic(tmp_path: Path, pg_url: str, capsys,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from facilitator.cli import main
    from facilitator.paths import default_database_path
    from tests.conftest import TEST_ADMIN, TEST_PASSWORD, new_backend_clinic

    laptop = tmp_path / "laptop"
    laptop.mkdir()
    new_backend_clinic("sqlite", laptop).dispose()
    new_backend_clinic("postgresql", tmp_path / "server", pg_url).dispose()
    monkeypatch.setenv("FACILITATOR_PASSWORD", TEST_PASSWORD)
    code = main(["--data-dir", str(laptop), "--user", TEST_ADMIN, "migrate-data",
                 "--from", f"sqlite:///{default_database_path(laptop)}", "--to", pg_url])
    assert code == 1
    err = capsys.readouterr().err
    assert "already holds clinic records" in err and "empty database" in err
