"""Opening the clinic database through the store: data folder, protocols, errors in one sentence."""

import os
from pathlib import Path

import pytest

from facilitator.errors import UserError
from facilitator.services.protocols import list_protocols
from facilitator.services.store import open_store


def test_first_open_creates_a_migrated_database_with_builtin_protocols(data_dir: Path) -> None:
    store = open_store(data_dir=data_dir)
    try:
        assert (data_dir / "facilitator.db").exists()
        assert store.migration is not None and store.migration.before is None
        assert store.is_empty()
        keys = {p.key for p in store.run(list_protocols)}
        assert keys == {"group-kap-sublingual", "integration-circle", "preparation-session", "esketamine-monitoring"}
        assert "facilitator.db" in store.target.describe()
    finally:
        store.dispose()


def test_data_dir_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "from-env"))
    store = open_store()
    store.dispose()
    assert (tmp_path / "from-env" / "facilitator.db").exists()


def test_a_file_where_the_data_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot be created|is a file"):
        open_store(data_dir=blocker)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_an_unwritable_data_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(UserError, match="not writable"):
            open_store(data_dir=locked)
    finally:
        locked.chmod(0o700)


def test_unwritable_data_folder_even_as_root(tmp_path: Path) -> None:
    # A data folder below a regular file cannot be created, whoever runs the app.
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
