"""The bootstrap: the smoke test paints the real window; a user's mistake is one sentence, not a traceback."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMessageBox

from facilitator import app


def test_smoke_test_paints_the_main_window_and_reports_startup_time(tmp_path, capsys):
    assert app.smoke_test(database_url=None, data_dir=tmp_path / "data") == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"startup_ms=\d+\n", out)


def test_run_app_shows_a_user_error_as_one_sentence(tmp_path, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text)))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    assert app.run_app(database_url=None, data_dir=not_a_folder) == 1
    [(title, text)] = shown
    assert "data folder" in text and text.endswith(".")
    assert "Traceback" not in text and text.count("\n") == 0
    assert "Traceback" not in capsys.readouterr().err
