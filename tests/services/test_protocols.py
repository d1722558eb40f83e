"""Built-in protocol files: loading, validation messages, and syncing into the database."""

import shutil
from pathlib import Path

import pytest

from facilitator.db.models import Protocol
from facilitator.errors import UserError
from facilitator.services.protocols import (
    builtin_protocol_dir,
    get_protocol_spec,
    list_protocols,
    load_builtin_protocols,
    sync_builtin_protocols,
)


def copy_builtins(tmp_path: Path) -> Path:
    folder = tmp_path / "protocols"
    shutil.copytree(builtin_protocol_dir(), folder)
    return folder


def test_the_shipped_files_load() -> None:
    specs = load_builtin_protocols()
    assert len(specs) == 4 and all(s.phases for s in specs)


def test_a_malformed_file_names_the_file_and_field(tmp_path: Path) -> None:
    folder = copy_builtins(tmp_path)
    target = folder / "integration-circle.toml"
    target.write_text(target.read_text().replace("minutes = 60", "minutes = -60"))
    with pytest.raises(UserError) as info:
        load_builtin_protocols(folder)
    message = str(info.value)
    assert "integration-circle.toml" in message and "phases[3].minutes" in message


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    folder = copy_builtins(tmp_path)
    (folder / "broken.toml").write_text("[protocol\nname = ")
    with pytest.raises(UserError, match="broken.toml is not valid TOML"):
        load_builtin_protocols(folder)


def test_a_missing_folder_is_explained(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="No built-in protocols"):
        load_builtin_protocols(tmp_path / "nowhere")


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    folder = copy_builtins(tmp_path)
    shutil.copy(folder / "integration-circle.toml", folder / "zz-copy.toml")
    with pytest.raises(UserError, match="share the key 'integration-circle'"):
        load_builtin_protocols(folder)


def test_sync_is_idempotent_and_follows_edited_files(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = {p.key: p.id for p in store.run(list_protocols)}
    store.run(sync_builtin_protocols)
    assert {p.key: p.id for p in store.run(list_protocols)} == before
    folder = copy_builtins(tmp_path)
    target = folder / "preparation-session.toml"
    target.write_text(target.read_text().replace("minutes = 30", "minutes = 35"))
    store.run(sync_builtin_protocols, load_builtin_protocols(folder))
    spec = store.run(get_protocol_spec, before["preparation-session"])
    assert [p.minutes for p in spec.phases] == [15, 35, 25, 15, 15]


def test_user_templates_are_never_touched_by_sync(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        s.add(Protocol(key="our-own", name="Our own", kind="integration", builtin=False, settings={}))
    store.run(sync_builtin_protocols)
    assert "our-own" in {p.key for p in store.run(list_protocols)}


def test_unknown_protocol_id(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="no protocol with id 999"):
        store.run(get_protocol_spec, 999)
