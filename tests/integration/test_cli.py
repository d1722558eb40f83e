"""The command-line interface, run as a user runs it: a subprocess on a temporary data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import __version__

COMMANDS = [
    [],
    ["demo-data"],
    ["sessions"],
    ["sessions", "list"],
    ["participants"],
    ["participants", "list"],
    ["report"],
    ["report", "summary"],
    ["report", "handouts"],
    ["report", "progress"],
    ["search"],
    ["check"],
    ["backup"],
    ["restore"],
    ["audit"],
    ["audit", "verify"],
    ["screenshots"],
]


def run(
    *args: str, data_dir: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")}
    full_env.update(env or {})
    prefix = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *prefix, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def assert_one_sentence_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"facilitator {__version__}"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_every_command_has_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: facilitator" in result.stdout


def test_lists_on_a_new_database_are_empty_and_check_passes(tmp_path: Path) -> None:
    for args in (["sessions", "list"], ["participants", "list"]):
        result = run(*args, data_dir=tmp_path)
        assert result.returncode == 0 and result.stdout == "", result.stderr
    result = run("check", data_dir=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("ok:"), result.stderr


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["report", "summary", "1", "-o", "x.pdf"], "the session summary PDF"),
        (["report", "handouts", "1", "-o", "out"], "participant handouts"),
        (["report", "progress", "1", "-o", "x.pdf"], "the progress report"),
        (["search", "grief"], "full-text search"),
        (["backup", "-o", "b.db"], "backups"),
        (["restore", "b.db"], "restore"),
        (["audit", "verify"], "audit verification"),
    ],
)
def test_later_capabilities_say_so(tmp_path: Path, args: list[str], what: str) -> None:
    result = run(*args, data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"facilitator: not available yet: {what}"


def test_garbage_database_file(tmp_path: Path) -> None:
    db = tmp_path / "facilitator.db"
    db.write_bytes(b"\x00garbage" * 64)
    result = run("sessions", "list", data_dir=tmp_path)
    assert_one_sentence_error(result)
    assert "not a Facilitator database" in result.stderr
    assert db.read_bytes() == b"\x00garbage" * 64


def test_unknown_url_scheme(tmp_path: Path) -> None:
    result = run("--database-url", "mysql://clinic@localhost/kap", "check", data_dir=tmp_path)
    assert_one_sentence_error(result)
    assert "Unsupported database URL scheme 'mysql'" in result.stderr


def test_url_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.db"
    env = {"FACILITATOR_DATABASE_URL": f"sqlite:///{db}"}
    result = run("check", data_dir=tmp_path / "data", env=env)
    assert result.returncode == 1 and "There is no database" in result.stderr and not db.exists()
    assert run("sessions", "list", data_dir=tmp_path / "data", env=env).returncode == 0
    result = run("check", data_dir=tmp_path / "data", env={"FACILITATOR_DATABASE_URL": f"sqlite:///{db}"})
    assert result.returncode == 0 and "elsewhere.db" in result.stdout
    assert db.exists()


def test_unwritable_data_dir(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run("sessions", "list", data_dir=tmp_path / "file" / "data")
    assert_one_sentence_error(result)
    assert "cannot be created" in result.stderr


def test_bad_arguments_are_one_sentence(tmp_path: Path) -> None:
    result = run("demo-data", "--years", "many", data_dir=tmp_path)
    assert_one_sentence_error(result)
    assert result.returncode == 2
    result = run("demo-data", "--years", "0", data_dir=tmp_path)
    assert_one_sentence_error(result)


@pytest.mark.slow
def test_demo_data_then_lists_and_check(tmp_path: Path) -> None:
    result = run("demo-data", "--years", "1", "--seed", "3", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Demo clinic created" in result.stdout
    sessions = run("sessions", "list", data_dir=tmp_path).stdout.splitlines()
    assert len(sessions) >= 200
    fields = sessions[0].split("\t")
    assert len(fields) == 4 and fields[0].isdigit() and len(fields[1]) == len("2026-01-01 09:00")
    assert sum(1 for line in sessions if line.endswith("\trunning")) == 1
    people = run("participants", "list", data_dir=tmp_path).stdout.splitlines()
    assert len(people) >= 40 and all(len(p.split("\t")) == 3 for p in people)
    assert run("check", data_dir=tmp_path).returncode == 0
    again = run("demo-data", data_dir=tmp_path)
    assert_one_sentence_error(again)
