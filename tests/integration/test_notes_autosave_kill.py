"""An autosaved note survives the app being killed the moment the save returns."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.services.notes import get_note
from facilitator.services.search import search
from tests.conftest import sign_in_again

ROOT = Path(__file__).resolve().parents[2]
SAVES = 5

# The Notes screen's autosave as the app drives it: a growing 2,000-word note saved again and again.
SCRIPT = """
import sys
from datetime import datetime, UTC
from facilitator.services.notes import get_session_notes, save_note
from facilitator.services.protocols import list_protocols
from facilitator.services.session_setup import plan_session
from tests.conftest import new_test_clinic

store = new_test_clinic(sys.argv[1])
protocol = next(p.id for p in store.run(list_protocols) if p.key == "integration-circle")
sid = store.run(plan_session, protocol_id=protocol, scheduled_start=datetime(2026, 3, 12, 9, tzinfo=UTC),
                 title="Kill drill").id
note = store.run(get_session_notes, sid).group
words = "the circle held a long silence after one share and several named it as meaningful".split()
paragraph = " ".join(words[i % len(words)] for i in range(200))
version = note.version
for n in range(1, int(sys.argv[2]) + 1):
    body = "".join(f"<p>{paragraph}</p>" for _ in range(10)) + f"<p>saved number {n} lighthouse</p>"
    version = store.run(save_note, note.id, body, expected_version=version).version
    print(note.id, version, flush=True)
sys.stdin.readline()
"""


@pytest.mark.slow
def test_the_last_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(data_dir), str(SAVES)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(SAVES)]
        proc.send_signal(signal.SIGKILL)  # right after the last save returned: no cleanup, no close
        assert all(lines), proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    note_id, version = (int(x) for x in lines[-1].split())

    store = sign_in_again(data_dir)
    try:
        note = store.run(get_note, note_id)
        hits = store.run(search, "lighthouse")
    finally:
        store.dispose()
    assert note.version == version
    assert note.body.endswith(f"<p>saved number {SAVES} lighthouse</p>")
    assert len(note.plain_text.split()) == 2000 + 4
    assert [h.source_id for h in hits.hits] == [note_id]  # the index was committed with the note
