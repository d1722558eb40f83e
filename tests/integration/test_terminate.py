"""SIGTERM (a logout or shutdown) closes the app cleanly: exit code 0, the lock released."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import new_test_clinic


def test_sigterm_closes_the_app_and_releases_its_lock(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    new_test_clinic(data_dir).dispose()
    lock = data_dir / "facilitator.db.lock"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-m", "facilitator", "--data-dir", str(data_dir)], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not lock.exists():  # the app is up once it holds its lock
            assert app.poll() is None, app.stderr.read().decode() if app.stderr else "the app exited"
            assert time.monotonic() < deadline, "the app never took its lock"
            try:
                app.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                pass
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) == 0
    finally:
        if app.poll() is None:
            app.kill()
    assert not lock.exists()
