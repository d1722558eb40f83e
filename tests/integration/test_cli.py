"""The command-line interface, run as a user runs it: a subprocess on a temporary data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

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
    ["report", "plan"],
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


DEMO = {"FACILITATOR_USER": "demo", "FACILITATOR_PASSWORD": "demo-clinic-pass"}


def test_nothing_set_up_yet_is_one_sentence_and_creates_nothing(tmp_path: Path) -> None:
    for args in (["sessions", "list"], ["participants", "list"], ["check"]):
        result = run(*args, data_dir=tmp_path, env=DEMO)
        assert_one_sentence_error(result)
        assert "no clinic database" in result.stderr or "There is no database" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    result = run("demo-data", "--years", "1", "--seed", "3", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "Demo clinic created" in result.stdout and "Recovery key" in result.stdout
    return folder


def test_records_need_a_signed_in_user(demo_dir: Path) -> None:
    result = run("sessions", "list", data_dir=demo_dir)
    assert_one_sentence_error(result)
    assert "--user" in result.stderr
    result = run("sessions", "list", data_dir=demo_dir, env={"FACILITATOR_USER": "demo"})
    assert_one_sentence_error(result)
    assert "FACILITATOR_PASSWORD" in result.stderr
    # A wrong password backs its account off for a second: use a staff account no other test signs in with.
    wrong = {"FACILITATOR_USER": "tmarchetti", "FACILITATOR_PASSWORD": "not the password"}
    result = run("sessions", "list", data_dir=demo_dir, env=wrong)
    assert_one_sentence_error(result)
    assert "not right" in result.stderr


def test_backup_then_restore_from_the_command_line(demo_dir: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.db"
    result = run("backup", "-o", str(copy), data_dir=demo_dir, env=DEMO)
    assert result.returncode == 0, result.stderr
    assert copy.exists() and Path(f"{copy}.keys").exists()
    clinic = tmp_path / "clinic"
    shutil.copytree(demo_dir, clinic)
    result = run("restore", str(copy), data_dir=clinic, env=DEMO)
    assert result.returncode == 0, result.stderr
    assert "before-restore-" in result.stdout
    assert run("check", data_dir=clinic, env=DEMO).returncode == 0
    assert_one_sentence_error(run("restore", str(tmp_path / "missing.db"), data_dir=clinic, env=DEMO))
    postgres = run("--database-url", "postgresql://nobody@localhost/none", "backup", "-o", "x.db", env=DEMO)
    assert_one_sentence_error(postgres)
    assert "pg_dump" in postgres.stderr


def test_search_prints_one_hit_a_line(demo_dir: Path) -> None:
    result = run("search", "grief", "--limit", "3", data_dir=demo_dir, env=DEMO)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        session_id, day, where, snippet = line.split("\t")
        assert session_id.isdigit() and len(day) == 10 and where and "[" in snippet and "]" in snippet
        assert "grief" in snippet.casefold() and "\x02" not in snippet


@pytest.mark.parametrize("words", ['NEAR("grief" OR', "'; DROP TABLE note; --", "*", "日本語"])
def test_search_takes_any_text(demo_dir: Path, words: str) -> None:
    result = run("search", words, data_dir=demo_dir, env=DEMO)
    assert result.returncode == 0 and result.stderr == ""


def test_search_limit_is_checked(demo_dir: Path) -> None:
    assert_one_sentence_error(run("search", "grief", "--limit", "0", data_dir=demo_dir, env=DEMO))


def test_reports_write_pdfs_and_refuse_unusable_places_in_one_sentence(demo_dir: Path, tmp_path: Path) -> None:
    sessions = run("sessions", "list", data_dir=demo_dir, env=DEMO).stdout.splitlines()
    finished = next(line.split("\t")[0] for line in reversed(sessions) if line.endswith("\tfinished"))
    planned = next(line.split("\t")[0] for line in sessions if line.endswith("\tplanned"))
    person = run("participants", "list", data_dir=demo_dir, env=DEMO).stdout.split("\t", 1)[0]
    summary = tmp_path / "summary.pdf"
    result = run("report", "summary", finished, "-o", str(summary), data_dir=demo_dir, env=DEMO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(summary) and summary.read_bytes().startswith(b"%PDF")
    result = run("report", "handouts", finished, "-o", str(tmp_path / "handouts"), data_dir=demo_dir, env=DEMO)
    assert result.returncode == 0, result.stderr
    written = result.stdout.split()
    assert written[-1].endswith("all-handouts.pdf") and len(written) >= 3
    assert sorted(p.name for p in (tmp_path / "handouts").iterdir()) == sorted(Path(w).name for w in written)
    for kind, target in (("progress", person), ("plan", planned)):
        out = tmp_path / f"{kind}.pdf"
        result = run("report", kind, target, "-o", str(out), data_dir=demo_dir, env=DEMO)
        assert result.returncode == 0 and out.read_bytes().startswith(b"%PDF"), result.stderr
    spanish = tmp_path / "plan-es.pdf"
    result = run("report", "plan", planned, "-o", str(spanish), "--language", "es", data_dir=demo_dir, env=DEMO)
    assert result.returncode == 0, result.stderr
    assert "La sesión de hoy" in " ".join(p.extract_text() for p in PdfReader(str(spanish)).pages)
    for args, words in (
        (["report", "summary", finished, "-o", str(tmp_path / "missing" / "x.pdf")], "does not exist"),
        (["report", "handouts", finished, "-o", str(tmp_path / "missing" / "deeper")], "does not exist"),
        (["report", "summary", finished, "-o", str(tmp_path)], "is a folder"),
        (["report", "summary", "999999", "-o", str(tmp_path / "x.pdf")], "no session with id 999999"),
        (["report", "progress", "999999", "-o", str(tmp_path / "x.pdf")], "no participant with id 999999"),
        (["report", "handouts", planned, "-o", str(tmp_path / "none")], "no handouts"),
    ):
        result = run(*args, data_dir=demo_dir, env=DEMO)
        assert_one_sentence_error(result)
        assert words in result.stderr
    assert not (tmp_path / "missing").exists() and not (tmp_path / "none").exists()


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
    env = {"FACILITATOR_DATABASE_URL": f"sqlite:///{db}", **DEMO}
    result = run("check", data_dir=tmp_path / "data", env=env)
    assert result.returncode == 1 and "There is no database" in result.stderr and not db.exists()
    assert run("demo-data", data_dir=tmp_path / "data", env=env).returncode == 0
    result = run("check", data_dir=tmp_path / "data", env=env)
    assert result.returncode == 0 and "elsewhere.db" in result.stdout, result.stderr
    assert db.exists() and not (tmp_path / "data" / "facilitator.db").exists()


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


def test_demo_data_then_lists_check_and_audit(demo_dir: Path) -> None:
    tmp_path = demo_dir
    sessions = run("sessions", "list", data_dir=tmp_path, env=DEMO).stdout.splitlines()
    assert len(sessions) >= 200
    fields = sessions[0].split("\t")
    assert len(fields) == 4 and fields[0].isdigit() and len(fields[1]) == len("2026-01-01 09:00")
    assert sum(1 for line in sessions if line.endswith("\trunning")) == 1
    people = run("participants", "list", data_dir=tmp_path, env=DEMO).stdout.splitlines()
    assert len(people) >= 40 and all(len(p.split("\t")) == 3 for p in people)
    assert run("check", data_dir=tmp_path, env=DEMO).returncode == 0
    nurse = {"FACILITATOR_USER": "hlindqvist", "FACILITATOR_PASSWORD": "demo-clinic-pass"}
    assert run("participants", "list", data_dir=tmp_path, env=nurse).returncode == 0
    audit = run("audit", "verify", data_dir=tmp_path, env=DEMO)
    assert audit.returncode == 0 and audit.stdout.startswith("ok: the audit trail"), audit.stderr
    again = run("demo-data", data_dir=tmp_path)
    assert_one_sentence_error(again)
    assert "already exists" in again.stderr


def test_a_closed_pipe_is_not_an_error(demo_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACILITATOR_")} | DEMO
    proc = subprocess.Popen([sys.executable, "-m", "facilitator", "--data-dir", str(demo_dir), "sessions", "list"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err and b"error" not in err.lower()
