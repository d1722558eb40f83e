"""Hostile input sweep: every parser and validator answers junk with one clear sentence, never a crash.

Covers the protocol TOML (text and mutated real protocols), the command line, the settings file and
the backup file names the app parses. Vitals entry, dose amounts, CSV import and search are parsed
elsewhere and get their own sweeps where they are written.
"""

from __future__ import annotations

import contextlib
import io
import json
import string
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli import main
from facilitator.domain.protocol import ProtocolError, parse_protocol
from facilitator.services import backup
from facilitator.services.protocols import builtin_protocol_dir
from facilitator.settings import Settings, load_settings

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
REAL = tomllib.loads((builtin_protocol_dir() / "group-kap-sublingual.toml").read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _one_sentence(text: str) -> None:
    assert text.strip(), "an empty message"
    assert "Traceback" not in text
    assert len(text.strip().splitlines()) == 1, text


def _parse_text(text: str) -> None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # the app reports the decode error's own sentence
    try:
        parse_protocol(data, source="hostile.toml")
    except ProtocolError as exc:
        _one_sentence(str(exc))
        assert "hostile.toml" in str(exc)


@FAST
@given(st.text(alphabet=string.printable, max_size=300))
def test_protocol_toml_text_never_crashes(text: str) -> None:
    _parse_text(text)


@FAST
@given(st.sampled_from(sorted(REAL["protocol"])), json_values)
def test_a_real_protocol_with_one_header_field_replaced(field: str, value: Any) -> None:
    data = {**REAL, "protocol": {**REAL["protocol"], field: value}}
    try:
        parse_protocol(data)
    except ProtocolError as exc:
        _one_sentence(str(exc))


@FAST
@given(st.integers(min_value=0, max_value=len(REAL["phases"]) - 1), st.text(max_size=12), json_values)
def test_a_real_protocol_with_one_phase_field_replaced(index: int, field: str, value: Any) -> None:
    phases = [dict(p) for p in REAL["phases"]]
    key = field if field else next(iter(phases[index]))
    phases[index][key] = value
    try:
        parse_protocol({**REAL, "phases": phases})
    except ProtocolError as exc:
        _one_sentence(str(exc))


@FAST
@given(json_values)
def test_a_protocol_of_any_shape(value: Any) -> None:
    try:
        parse_protocol(value if isinstance(value, dict) else {"protocol": value})
    except ProtocolError as exc:
        _one_sentence(str(exc))


words = st.sampled_from(["sessions", "list", "participants", "report", "summary", "handouts", "progress",
                         "search", "check", "backup", "restore", "audit", "verify", "demo-data", "-o",
                         "--years", "--seed", "--limit", "--theme", "--user", "--help", "--version",
                         "--database-url", "dark", "0", "-1", "99999999999", "x.db", ""])
argv = st.lists(words | st.text(max_size=12), max_size=6)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv)
def test_cli_arguments_never_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(data_dir))
    monkeypatch.delenv("FACILITATOR_DATABASE_URL", raising=False)
    monkeypatch.delenv("FACILITATOR_USER", raising=False)
    monkeypatch.delenv("FACILITATOR_PASSWORD", raising=False)
    import facilitator.app

    # Arguments with no command open the app's window and its event loop; this sweep is about parsing.
    monkeypatch.setattr(facilitator.app, "run_app", lambda **_kw: 0)
    monkeypatch.setattr(facilitator.app, "smoke_test", lambda **_kw: 0)
    if not args or args[0] in ("demo-data", "screenshots", "") or not args[0].strip() or "--smoke-test" in args:
        args = ["check", *args]  # no window, no fictional clinic: a sweep of parsing, not of the app
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse: --help, --version, usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    assert code in (0, 1, 2), (args, code)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if code != 0:
        assert err.getvalue().strip(), (args, "a refusal without a sentence")


@FAST
@given(json_values)
def test_a_hand_edited_settings_file_gives_valid_settings(tmp_path: Path, value: Any) -> None:
    (tmp_path / "settings.json").write_text(json.dumps(value), encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert isinstance(loaded, Settings) and loaded.theme in ("system", "light", "dark")


@FAST
@given(st.binary(max_size=200))
def test_a_settings_file_of_random_bytes_gives_the_defaults(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "settings.json").write_bytes(raw)
    assert isinstance(load_settings(tmp_path), Settings)


@FAST
@given(st.lists(st.text(alphabet=string.ascii_letters + string.digits + "-_.", min_size=1, max_size=30), max_size=8))
def test_backup_file_names_of_any_shape_are_parsed_or_ignored(tmp_path_factory: pytest.TempPathFactory,
                                                               names: list[str]) -> None:
    folder = tmp_path_factory.mktemp("backups")
    for name in names:
        if name not in (".", ".."):
            (folder / f"auto-{name}.db").write_bytes(b"x")
    backup.rotate(folder)  # never raises on a name it did not write
