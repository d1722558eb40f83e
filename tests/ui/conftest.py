"""Qt fixtures: the offscreen platform, a temporary clinic, and main windows with a fake clock.

The platform must be chosen before the QApplication exists, so it is set when this file is imported,
before any test asks pytest-qt for ``qapp``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402

from facilitator.domain.clock import FakeClock  # noqa: E402
from facilitator.settings import Settings  # noqa: E402
from tests.ui.sessions import NOW  # noqa: E402


@pytest.fixture(autouse=True)
def _light_theme(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Every test starts, and leaves the app, in the light theme at the normal text size."""
    from facilitator.ui.theme import apply_theme

    apply_theme(qapp, "light", False)
    yield
    apply_theme(qapp, "light", False)


@pytest.fixture()
def interface_language(qapp) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """``i18n.install``, undone afterwards: no translator left and the default locale as it was."""
    from PySide6.QtCore import QLocale

    from facilitator.ui import i18n

    before = QLocale()
    yield i18n.install
    i18n.install("en")
    QLocale.setDefault(before)


@pytest.fixture()
def store(tmp_path: Path, clock: FakeClock) -> Iterator[object]:
    """A new, empty, encrypted clinic in a temporary data folder, signed in as its administrator.

    It shares the window's fake clock, so audit rows carry the same "now" the screens show.
    """
    from tests.conftest import new_test_clinic

    opened = new_test_clinic(tmp_path / "data", clock=clock)
    yield opened
    opened.dispose()


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture()
def make_window(qtbot, store, clock):  # type: ignore[no-untyped-def]
    """Build a main window on the test store (call it after preparing data or patches)."""
    from facilitator.ui.main_window import MainWindow

    made = []

    def make(settings: Settings | None = None):  # type: ignore[no-untyped-def]
        window = MainWindow(store, settings or Settings(theme="light"), clock=clock)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    # Delete the windows now: a deferred delete outside an event loop would wait for ever, and
    # every window left alive makes each later theme change re-style its widgets too.
    for window in made:
        window.close()
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture()
def window(make_window):  # type: ignore[no-untyped-def]
    """A main window on the empty, signed-in store, showing Today."""
    return make_window()


@pytest.fixture()
def shell(window):  # type: ignore[no-untyped-def]
    """The main window showing Today (the name older tests use)."""
    assert window.current_screen == "today"
    return window
