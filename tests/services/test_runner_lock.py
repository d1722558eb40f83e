"""One runner per session: claims, heartbeats, refusals and taking over a stale claim."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitator.db.models import ClinicSetting
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.runner_lock import (
    claim_runner,
    new_instance_id,
    release_runner,
    runner_holder,
)
from facilitator.services.session_setup import plan_session
from tests.services.conftest import NOW, Clinic

HERE, THERE = "a" * 32, "b" * 32


@pytest.fixture()
def session_id(store, clinic: Clinic) -> int:  # type: ignore[no-untyped-def]
    return store.run(plan_session, group_id=clinic.group_id, protocol_id=clinic.dosing_protocol_id,
                     scheduled_start=NOW).id


def test_a_second_runner_is_refused_while_the_first_is_alive(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    lock = store.run(claim_runner, session_id, HERE, clock, label="Room 2 laptop")
    assert (lock.instance_id, lock.claimed_at, lock.heartbeat_at) == (HERE, NOW, NOW)
    clock.advance(90)
    renewed = store.run(claim_runner, session_id, HERE, clock, label="Room 2 laptop")
    assert renewed.claimed_at == NOW and renewed.heartbeat_at == clock.now()
    clock.advance(100)  # 100 s after the last heartbeat: still fresh
    with pytest.raises(UserError, match=r"already open in a runner on another computer or window \(Room 2 laptop\)"):
        store.run(claim_runner, session_id, THERE, clock)
    holder = store.run(runner_holder, session_id, clock)
    assert holder is not None and holder.instance_id == HERE


def test_a_stale_claim_is_taken_over(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    store.run(claim_runner, session_id, HERE, clock)
    clock.advance(121)  # the first app crashed two minutes ago
    assert store.run(runner_holder, session_id, clock) is None
    lock = store.run(claim_runner, session_id, THERE, clock)
    assert lock.instance_id == THERE and lock.claimed_at == clock.now()
    with pytest.raises(UserError, match="already open"):
        store.run(claim_runner, session_id, HERE, clock)


def test_a_claim_from_a_clock_set_back_does_not_lock_out_a_restarted_app(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    store.run(claim_runner, session_id, HERE, clock)
    clock.jump_wall_clock(-3600)
    assert store.run(claim_runner, session_id, THERE, clock).instance_id == THERE


def test_release(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    store.run(claim_runner, session_id, HERE, clock)
    store.run(release_runner, session_id, THERE)  # not the holder: nothing happens
    assert store.run(runner_holder, session_id, clock) is not None
    store.run(release_runner, session_id, HERE)
    assert store.run(runner_holder, session_id, clock) is None
    assert store.run(claim_runner, session_id, THERE, clock).instance_id == THERE


def test_a_damaged_claim_is_treated_as_free(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        s.add(ClinicSetting(key=f"runner_lock:{session_id}", value="{not json"))
    clock = FakeClock(NOW)
    assert store.run(runner_holder, session_id, clock) is None
    assert store.run(claim_runner, session_id, HERE, clock).instance_id == HERE
    with store.session() as s:
        value = s.scalar(select(ClinicSetting.value).where(ClinicSetting.key == f"runner_lock:{session_id}"))
    assert value is not None and HERE in value


def test_claims_are_per_session_and_need_a_session(store, clinic: Clinic, session_id: int) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(NOW)
    other = store.run(plan_session, protocol_id=clinic.circle_protocol_id, scheduled_start=NOW, title="Other room")
    store.run(claim_runner, session_id, HERE, clock)
    assert store.run(claim_runner, other.id, THERE, clock).session_id == other.id
    with pytest.raises(UserError, match="no session with id 999"):
        store.run(claim_runner, 999, HERE, clock)
    assert len(new_instance_id()) == 32 and new_instance_id() != new_instance_id()


def test_a_claim_left_by_a_crashed_process_on_this_computer_is_taken_over_at_once(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    clock = FakeClock(NOW)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)  # that process has exited: its claim is an orphan
    store.run(claim_runner, session_id, HERE, clock, label="laptop", host="laptop", pid=dead_pid)
    with pytest.raises(UserError, match="already open in a runner"):  # from another computer: still held
        store.run(claim_runner, session_id, THERE, clock, host="other-laptop", pid=1)
    lock = store.run(claim_runner, session_id, THERE, clock, host="laptop", pid=2)
    assert lock.instance_id == THERE and (lock.host, lock.pid) == ("laptop", 2)


def test_a_claim_of_a_live_process_on_this_computer_still_refuses(store, session_id: int) -> None:  # type: ignore[no-untyped-def]
    import os

    clock = FakeClock(NOW)
    store.run(claim_runner, session_id, HERE, clock, label="laptop", host="laptop", pid=os.getppid())
    with pytest.raises(UserError, match=r"\(laptop\)"):
        store.run(claim_runner, session_id, THERE, clock, host="laptop", pid=os.getpid())
