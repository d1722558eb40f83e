"""``facilitator screenshots``: one PNG per built screen, at the documented size, never of real records."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QImage

from facilitator.errors import UserError
from facilitator.services.store import open_store
from facilitator.ui import navigation, screenshots, welcome
from tests.ui.sessions import NOW, add_session


def test_every_built_screen_and_the_welcome_view_are_written(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(welcome, "generate_demo_clinic", lambda store, **kw: seen.append(kw))
    written = screenshots.write_screenshots(tmp_path / "shots", theme="dark", data_dir=tmp_path / "scratch")
    names = [p.stem for p in written]
    assert names[0] == "welcome"
    assert names[1:] == [s for s in screenshots.SCREENSHOT_IDS if s in navigation.screen_ids()]
    assert "participant" not in names  # its screen comes with a later issue
    for path in written:
        image = QImage(str(path))
        assert (image.width(), image.height()) == screenshots.WINDOW_SIZE
    [options] = seen
    assert options["years"] == 1 and options["seed"] == screenshots.DEMO_SEED
    assert options["clock"].now() == screenshots.FROZEN_NOW.astimezone()
    assert list((tmp_path / "scratch").iterdir()) == []  # the temporary clinic is gone


def test_a_database_with_real_records_is_never_photographed(tmp_path):
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    store = open_store(url, tmp_path / "data")
    add_session(store, NOW - timedelta(days=1))
    store.dispose()
    with pytest.raises(UserError, match="already holds records"):
        screenshots.write_screenshots(tmp_path / "shots", database_url=url, data_dir=tmp_path / "scratch")
