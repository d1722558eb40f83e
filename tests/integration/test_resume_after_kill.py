"""A process killed mid-phase loses nothing: reopened, the session resumes with the right times."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.domain.clock import FakeClock
from facilitator.domain.phase_timer import PhaseStatus
from facilitator.domain.timeline import TimerState
from facilitator.services import runner
from tests.conftest import sign_in_again

START = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]

# The runner as the app drives it, with a fake clock whose start comes in on the command line.
SCRIPT = """
import sys
from datetime import datetime
from facilitator.domain.clock import FakeClock
from facilitator.services import runner
from facilitator.services.protocols import list_protocols
from facilitator.services.session_setup import plan_session
from tests.conftest import new_test_clinic

store = new_test_clinic(sys.argv[1])
clock = FakeClock(datetime.fromisoformat(sys.argv[2]))
protocol = next(p.id for p in store.run(list_protocols) if p.key == "group-kap-sublingual")
sid = store.run(plan_session, protocol_id=protocol, scheduled_start=clock.now(), title="Resume drill").id
store.run(runner.start_session, sid, clock)
clock.advance(minutes=15)
store.run(runner.next_phase, sid, clock)
clock.advance(minutes=4)
store.run(runner.pause_phase, sid, clock)
clock.advance(minutes=1)
store.run(runner.resume_phase, sid, clock)
clock.advance(minutes=12)
store.run(runner.next_phase, sid, clock)
clock.advance(minutes=6)
store.run(runner.extend_phase, sid, 5, clock)
store.run(runner.add_quick_note, sid, "Music volume lowered", clock)
print(sid)
print("ready", flush=True)
sys.stdin.readline()
"""


@pytest.mark.slow
def test_a_session_resumes_exactly_after_the_process_is_killed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(data_dir), START.isoformat()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        session_id = int(proc.stdout.readline() or 0)
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    finally:
        proc.kill()  # SIGKILL: no cleanup, no closing of the database
        proc.communicate(timeout=30)
    assert proc.returncode != 0

    store = sign_in_again(data_dir)
    try:
        assert store.run(runner.find_running_session) == session_id
        snap = store.run(runner.get_snapshot, session_id, FakeClock(START + timedelta(minutes=50)))
    finally:
        store.dispose()
    timer = snap.timer
    assert timer.state is TimerState.RUNNING and timer.current_index == 2
    assert snap.current_phase is not None and snap.current_phase.name == "Intention circle"
    assert timer.elapsed_seconds == 18 * 60 and timer.planned_seconds == 25 * 60
    assert timer.remaining_seconds == 7 * 60 and timer.session_elapsed_seconds == 50 * 60
    done = [(p.timing.status, p.timing.active_seconds, p.timing.paused_seconds) for p in snap.phases[:2]]
    assert done == [(PhaseStatus.DONE, 15 * 60, 0), (PhaseStatus.DONE, 16 * 60, 60)]
    assert snap.phases[3].timing.projected_start == START + timedelta(minutes=57)
    assert [(n.text, n.phase_name) for n in snap.notes] == [("Music volume lowered", "Intention circle")]
