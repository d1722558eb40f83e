"""``facilitator screenshots``: one PNG per built screen, at the documented size, never of real records."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QImage

from facilitator.errors import UserError
from facilitator.ui import navigation, screenshots
from tests.conftest import new_test_clinic
from tests.ui.sessions import NOW, add_session


def test_every_built_screen_the_welcome_and_the_login_are_written(tmp_path):
    written = screenshots.write_screenshots(tmp_path / "shots", theme="dark", data_dir=tmp_path / "scratch")
    names = [p.stem for p in written]
    assert names[:2] == ["welcome", "login"]
    assert names[2:-1] == screenshots.planned_ids()
    assert names[-1] == "history-participant"  # History filtered to one person, with the progress chart
    assert set(navigation.screen_ids()) & set(screenshots.SCREENSHOT_IDS) <= set(names)
    assert {"session-setup", "runner", "room-display", "protocols"} <= set(names)
    for path in written:
        image = QImage(str(path))
        size = screenshots.ROOM_SIZE if path.stem == "room-display" else screenshots.WINDOW_SIZE
        assert (image.width(), image.height()) == size
    assert list((tmp_path / "scratch").iterdir()) == []  # the temporary clinic is gone


def test_a_database_with_real_records_is_never_photographed(tmp_path):
    url = f"sqlite:///{tmp_path / 'data' / 'facilitator.db'}"
    store = new_test_clinic(tmp_path / "data")
    add_session(store, NOW - timedelta(days=1))
    store.dispose()
    with pytest.raises(UserError, match="need an empty database"):
        screenshots.write_screenshots(tmp_path / "shots", database_url=url, data_dir=tmp_path / "scratch")


def test_an_unknown_language_is_refused_in_one_sentence(tmp_path):
    with pytest.raises(UserError, match="Unknown language 'fr'; use en or es."):
        screenshots.write_screenshots(tmp_path / "shots", language="fr", data_dir=tmp_path / "scratch")
