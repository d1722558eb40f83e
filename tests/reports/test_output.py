"""Writing documents: atomic replacement, one clear sentence for a folder that cannot take them."""

from __future__ import annotations

import os
from datetime import UTC
from pathlib import Path

import pytest

from facilitator.errors import UserError
from facilitator.reports import COMBINED_HANDOUTS, check_folder, handout_filename, write_atomic, write_handouts
from facilitator.reports.output import slug
from facilitator.services.documents import get_session_handouts
from facilitator.services.store import Store
from tests.reports.factory import FullSession


def test_write_replaces_atomically_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")
    assert write_atomic(target, b"%PDF-new") == target
    assert target.read_bytes() == b"%PDF-new"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


def test_a_failed_write_keeps_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"old")

    def broken(_src: str, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(UserError, match="could not be written"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


@pytest.mark.parametrize("where", ["missing/out.pdf", "file.txt/out.pdf", "."])
def test_unusable_places_are_one_sentence(tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(UserError) as caught:
        write_atomic(tmp_path / where, b"x")
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and message.count(". ") <= 1


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_a_read_only_folder_is_one_sentence(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(UserError, match="is not writable"):
            write_atomic(locked / "x.pdf", b"x")
    finally:
        locked.chmod(0o700)


def test_handouts_folder_gets_one_file_each_and_the_combined_file(tmp_path: Path,
                                                                  full: tuple[Store, FullSession]) -> None:
    store, built = full
    handouts = store.run(get_session_handouts, built.session_id)
    with pytest.raises(UserError, match="does not exist"):
        check_folder(tmp_path / "no" / "such")
    written = write_handouts(tmp_path / "handouts", handouts, zone=UTC)
    names = sorted(p.name for p in (tmp_path / "handouts").iterdir())
    assert len(written) == len(handouts) + 1 and written[-1].name == COMBINED_HANDOUTS
    assert names == sorted(p.name for p in written)
    assert all(p.read_bytes().startswith(b"%PDF") for p in written)
    with pytest.raises(UserError, match="no handouts"):
        write_handouts(tmp_path / "other", [])


def test_file_names_are_readable_and_safe() -> None:
    assert slug("Łukasz Wiśniewski") == "lukasz-wisniewski" and slug("Ольга Смирнова") == ""
    assert handout_filename(12, 3, "Thu Hà Nguyễn") == "handout-12-p3-thu-ha-nguyen.pdf"
    assert handout_filename(12, 4, "Ольга Смирнова") == "handout-12-p4.pdf"
    assert handout_filename(12, 5, "../../etc/passwd") == "handout-12-p5-etc-passwd.pdf"
