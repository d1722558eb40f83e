"""Crash harness: a writer killed with SIGKILL at random points never loses an acknowledged write.

One clinic database is shared by all trials. A helper process imports the app once and forks one
short-lived writer per trial; the writer signs in, finds the running session, and in a loop adds a
quick note, a vital sign row or a line to the session's group note, printing an acknowledgement
after each commit. The test kills it after a random number of acknowledgements (plus a random
fraction of a millisecond), so the kill lands anywhere in the next transaction.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from facilitator.db import snapshot
from facilitator.db.models import Note, Participant, QuickNote, VitalSign
from facilitator.domain.clock import FakeClock
from facilitator.services import runner
from facilitator.services.protocols import list_protocols
from facilitator.services.session_setup import plan_session
from tests.conftest import TEST_ADMIN, TEST_PASSWORD, new_test_clinic, sign_in_again

TRIALS = 100
SEED = 20260312
START = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]

# The helper: imports once, then forks a writer for each "go" line and reports how each one ended.
HELPER = r"""
import os, sys
from datetime import UTC, datetime
from sqlalchemy import select
from facilitator.db.models import Note, VitalSign
from facilitator.domain.clock import FakeClock
from facilitator.services import runner
from tests.conftest import sign_in_again

data_dir, participant = sys.argv[1], int(sys.argv[2])
clock = FakeClock(datetime(2026, 3, 12, 9, 30, tzinfo=UTC))

def say(line):
    os.write(1, (line + "\n").encode())

def writer(trial):
    store = sign_in_again(data_dir, upgrade=False, sync_protocols=False, clock=clock)
    sid = store.run(runner.find_running_session)
    say(f"resumed {trial} {sid}")
    step = 0
    while True:
        token = f"t{trial}-{step}"
        kind = step % 3
        if kind == 0:
            store.run(runner.add_quick_note, sid, f"quick {token}", clock)
            say(f"ack quick {token}")
        elif kind == 1:
            with store.session() as s:
                row = VitalSign(session_id=sid, participant_id=participant, taken_at=clock.now(),
                                systolic=100 + step % 50, diastolic=70, heart_rate=trial, spo2=98)
                s.add(row)
                s.flush()
                vid = row.id
            say(f"ack vital {vid}")
        else:
            with store.session() as s:
                note = s.scalar(select(Note).where(Note.session_id == sid, Note.participant_id.is_(None)))
                note.body = note.body + f"<p>{token}</p>"
            say(f"ack note {token}")
        step += 1

# Warm up once (mappers, compiled statements) so that each forked writer starts in milliseconds.
warm = sign_in_again(data_dir, upgrade=False, sync_protocols=False, clock=clock)
warm.run(runner.get_snapshot, warm.run(runner.find_running_session), clock)
warm.dispose()

for line in sys.stdin:
    trial = int(line.split()[1])
    pid = os.fork()
    if pid == 0:
        try:
            writer(trial)
        finally:
            os._exit(3)
    say(f"pid {trial} {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"ended {trial} {os.waitstatus_to_exitcode(status)}")
"""


def _prepare(data_dir: Path) -> tuple[int, int]:
    store = new_test_clinic(data_dir, clock=FakeClock(START))
    try:
        protocol = next(p.id for p in store.run(list_protocols) if p.key == "group-kap-sublingual")
        sid = store.run(plan_session, protocol_id=protocol, scheduled_start=START, title="Crash drill").id
        store.run(runner.start_session, sid, FakeClock(START))
        with store.session() as s:
            person = Participant(legal_first_name="Ana", legal_last_name="Ruiz")
            s.add(person)
            s.flush()
            s.add(Note(session_id=sid, participant_id=None, kind="group", body=""))
            participant = person.id
    finally:
        store.dispose()
    return sid, participant


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks its writers (POSIX only)")
def test_every_acknowledged_write_survives_sigkill(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    sid, participant = _prepare(data_dir)
    rng = random.Random(SEED)
    helper = subprocess.Popen([sys.executable, "-c", HELPER, str(data_dir), str(participant)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert helper.stdin is not None and helper.stdout is not None
    acked: dict[str, set[str]] = {"quick": set(), "vital": set(), "note": set()}
    killed_by_signal = 0
    started = time.perf_counter()
    try:
        for trial in range(TRIALS):
            helper.stdin.write(f"go {trial}\n")
            helper.stdin.flush()
            pid = int(helper.stdout.readline().split()[2])
            resumed = helper.stdout.readline().split()
            assert resumed[:2] == ["resumed", str(trial)], resumed
            assert int(resumed[2]) == sid  # every restart finds the running session
            wanted = rng.randint(0, 8)
            for _ in range(wanted):
                _, kind, token = helper.stdout.readline().split()
                acked[kind].add(token)
            time.sleep(rng.random() / 1000)  # lands anywhere in the next transaction
            os.kill(pid, signal.SIGKILL)
            for line in iter(helper.stdout.readline, ""):
                words = line.split()
                if words[0] == "ack":  # acknowledged between our last read and the kill: it counts too
                    acked[words[1]].add(words[2])
                elif words[0] == "ended":
                    killed_by_signal += int(words[2]) == -signal.SIGKILL
                    break
    finally:
        helper.stdin.close()
        helper.wait(timeout=30)
    elapsed = time.perf_counter() - started
    assert killed_by_signal == TRIALS

    key = _data_key(data_dir)
    assert snapshot.check(data_dir / "facilitator.db", key) == []
    store = sign_in_again(data_dir)
    try:
        assert store.run(runner.find_running_session) == sid
        with store.session() as s:
            texts = s.scalars(select(QuickNote.text).where(QuickNote.session_id == sid))
            quick = {t.removeprefix("quick ") for t in texts}
            vitals = {str(v) for v in s.scalars(select(VitalSign.id))}
            body = s.scalar(select(Note.body).where(Note.session_id == sid)) or ""
        snap = store.run(runner.get_snapshot, sid, FakeClock(START))
    finally:
        store.dispose()
    notes = {part.removesuffix("</p>") for part in body.split("<p>") if part}
    assert acked["quick"] <= quick and acked["vital"] <= vitals and acked["note"] <= notes
    assert snap.timer.current_index is not None
    total = sum(len(v) for v in acked.values())
    print(f"\ncrash harness: {TRIALS} kills, {total} acknowledged writes, 0 lost, integrity ok, "
          f"{elapsed:.1f} s")


def _data_key(data_dir: Path) -> bytes:
    """The data key from the key file, without opening (and so without writing to) the database."""
    from facilitator.db.keyslots import keyfile_path
    from facilitator.services.clinic_keys import unlock_with_password

    return unlock_with_password(keyfile_path(data_dir / "facilitator.db"), TEST_ADMIN, TEST_PASSWORD, START)
