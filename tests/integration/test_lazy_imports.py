"""Start-up pays only for the first screen: what each step of opening the app imports.

Each case runs in a fresh interpreter (this test session has imported everything already) and
lists which heavy libraries got loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import new_test_clinic

HEAVY = ("sqlalchemy", "alembic", "reportlab", "pypdf", "qtawesome", "qtpy", "PySide6.QtPdf", "PySide6.QtMultimedia",
         "PySide6.QtCharts", "argon2", "cryptography")


def _loaded_after(script: str, data_dir: Path) -> set[str]:
    code = (f"import sys\n{script}\nimport json\n"
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACILITATOR_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    place = tmp_path_factory.mktemp("lazy")
    new_test_clinic(place).dispose()
    return place


def test_the_sign_in_window_paints_without_the_database_layer_or_icon_library(clinic: Path) -> None:
    script = ("from facilitator.cli import main\n"
              f"assert main(['--data-dir', {str(clinic)!r}, '--smoke-test']) == 0")
    assert _loaded_after(script, clinic) == set()


def test_signing_in_to_today_loads_neither_migrations_nor_documents(clinic: Path) -> None:
    script = ("from PySide6.QtWidgets import QApplication\n"
              "app = QApplication([])\n"
              "from tests.conftest import sign_in_again\n"
              "from facilitator.settings import Settings\n"
              "from facilitator.ui.main_window import MainWindow\n"
              f"store = sign_in_again({str(clinic)!r})\n"
              "window = MainWindow(store, Settings(theme='light', chime_muted=True))\n"
              "window.show(); app.processEvents()\n"
              "assert window.current_screen == 'today'\n"
              "window.close(); store.dispose()")
    loaded = _loaded_after(script, clinic)
    assert {"sqlalchemy", "argon2", "cryptography"} <= loaded  # signed in for real
    assert not loaded & {"alembic", "reportlab", "pypdf", "qtawesome", "qtpy", "PySide6.QtPdf", "PySide6.QtCharts"}
