"""Opening the clinic database through the store: data folder, protocols, errors in one sentence."""

from pathlib import Path

import pytest

from facilitator.errors import UserError
from facilitator.services.protocols import list_protocols
from facilitator.services.store import open_store, probe_clinic
from tests.conftest import new_test_clinic


def test_a_new_clinic_is_an_encrypted_migrated_database_with_builtin_protocols(data_dir: Path) -> None:
    assert probe_clinic(data_dir=data_dir).state == "new"
    store = new_test_clinic(data_dir)
    try:
        assert (data_dir / "facilitator.db").exists() and (data_dir / "facilitator.db.keys").exists()
        assert store.encrypted and store.migration is not None and store.migration.before is None
        assert store.actor is not None and store.actor.username == "admin" and store.actor.is_admin
        assert store.new_recovery_key and len(store.new_recovery_key.split("-")) == 8
        assert store.is_empty()
        keys = {p.key for p in store.run(list_protocols)}
        assert keys == {"group-kap-sublingual", "integration-circle", "preparation-session", "esketamine-monitoring"}
        assert "facilitator.db" in store.target.describe()
    finally:
        store.dispose()
    assert probe_clinic(data_dir=data_dir).state == "encrypted"


def test_nothing_is_created_without_a_clinic_set_up(data_dir: Path) -> None:
    with pytest.raises(UserError, match="no clinic database"):
        open_store(data_dir=data_dir)
    assert list(data_dir.iterdir()) == []


def test_data_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "from-env"))
    store = open_store(plaintext=True)
    store.dispose()
    assert (tmp_path / "from-env" / "facilitator.db").exists()


def test_a_file_where_the_data_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot be created|is a file"):
        open_store(data_dir=blocker)


def test_unwritable_data_folder(tmp_path: Path) -> None:
    # A data folder below a regular file cannot be created, whoever runs the app (root included).
    (tmp_path / "plain-file").write_text("x")
    with pytest.raises(UserError, match="cannot be created"):
        open_store(data_dir=tmp_path / "plain-file" / "data")


def test_garbage_database_file_is_left_untouched(data_dir: Path) -> None:
    path = data_dir / "facilitator.db"
    path.write_bytes(b"garbage" * 100)
    with pytest.raises(UserError, match="not a Facilitator database"):
        open_store(data_dir=data_dir)
    assert path.read_bytes() == b"garbage" * 100
    assert sorted(p.name for p in data_dir.iterdir()) == ["facilitator.db"]


@pytest.mark.sqlite_only  # the clinic's file in a data folder
def test_setting_up_twice_is_refused(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="already exists"):
        new_test_clinic(data_dir)


def test_a_server_without_tls_is_refused_with_one_sentence_when_tls_is_required(pg_url, data_dir) -> None:  # type: ignore[no-untyped-def]
    """``sslmode=verify-full`` reaches the driver: the throwaway test cluster speaks no TLS, so it is refused."""
    from facilitator.services.clinic_keys import Credentials

    with pytest.raises(UserError, match=r"^The secure \(TLS\) connection to PostgreSQL .* sslrootcert"):
        open_store(f"{pg_url}?sslmode=verify-full", data_dir, credentials=Credentials("admin", "whatever"))
