"""One runner per session: which app instance holds a session's runner, kept in the shared database.

Two windows (or two laptops on the clinic's server) running the same session would record two
sets of pauses and phase changes. The runner therefore claims the session when it opens, renews
the claim as a heartbeat while it runs (every 30 seconds is plenty) and releases it on close.
A claim not renewed for two minutes is stale — its app crashed or the laptop slept — and the next
runner takes it over, so a crash never locks a facilitator out of their own session. A claim made on
this same computer by a process that no longer exists is taken over at once: restarting the app
after a crash must not make the facilitator wait two minutes in the middle of a session.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitator.db.models import ClinicSetting, GroupSession
from facilitator.domain.clock import Clock
from facilitator.errors import UserError

STALE_AFTER = timedelta(minutes=2)
_PREFIX = "runner_lock:"


@dataclass(frozen=True)
class RunnerLock:
    """A claim on a session's runner.

    Attributes:
        instance_id: the app instance holding it (see :func:`new_instance_id`).
        label: a name for that instance people recognise, such as the computer's name.
        host: the computer the instance runs on, and ``pid`` its process (0 when not known), so a
            crashed instance on the same computer can be recognised as gone.
    """

    session_id: int
    instance_id: str
    label: str
    claimed_at: datetime
    heartbeat_at: datetime
    host: str = ""
    pid: int = 0

    def is_stale(self, now: datetime) -> bool:
        # Either direction: a heartbeat far "in the future" comes from a clock set back since, and
        # must not lock the session until the clock catches up.
        return abs(now - self.heartbeat_at) > STALE_AFTER


def new_instance_id() -> str:
    """A fresh id for this run of the app; the UI makes one at start-up and keeps it."""
    return uuid.uuid4().hex


def process_gone(host: str, pid: int, *, this_host: str) -> bool:
    """True when a claim was made on this computer by a process that has ended.

    Only answers where the check is safe and cheap (POSIX: signal 0 probes without touching the
    process); elsewhere, or for another computer, the claim simply goes stale after two minutes.
    """
    if not host or host != this_host or pid <= 0 or pid == os.getpid() or sys.platform == "win32":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists but belongs to someone else
        return False
    return False


def _key(session_id: int) -> str:
    return f"{_PREFIX}{session_id}"


def _encode(lock: RunnerLock) -> str:
    return json.dumps({
        "instance": lock.instance_id, "label": lock.label,
        "claimed_at": lock.claimed_at.isoformat(), "heartbeat_at": lock.heartbeat_at.isoformat(),
        "host": lock.host, "pid": lock.pid,
    }, sort_keys=True)


def _decode(session_id: int, value: str) -> RunnerLock | None:
    """The stored claim, or None for a value that is not one (treated as free)."""
    try:
        raw = json.loads(value)
        return RunnerLock(session_id, str(raw["instance"]), str(raw.get("label", "")),
                          datetime.fromisoformat(raw["claimed_at"]), datetime.fromisoformat(raw["heartbeat_at"]),
                          str(raw.get("host", "")), int(raw.get("pid", 0)))
    except (ValueError, KeyError, TypeError):
        return None


def runner_holder(session: Session, session_id: int, clock: Clock) -> RunnerLock | None:
    """Who holds the session's runner now (None when nobody or only a stale claim)."""
    value = session.scalar(select(ClinicSetting.value).where(ClinicSetting.key == _key(session_id)))
    lock = _decode(session_id, value) if value is not None else None
    return lock if lock is not None and not lock.is_stale(clock.now()) else None


def _refusal(holder: RunnerLock | None) -> UserError:
    where = f" ({holder.label})" if holder is not None and holder.label else ""
    return UserError(
        f"This session is already open in a runner on another computer or window{where}; close it there first, "
        "or wait two minutes after that app has stopped."
    )


def claim_runner(session: Session, session_id: int, instance_id: str, clock: Clock, *, label: str = "",
                 host: str = "", pid: int = 0) -> RunnerLock:
    """Claim the session's runner for ``instance_id``, or renew the claim it already holds.

    Args:
        host, pid: this computer and process; a claim left by a crashed process of the same
            computer is then taken over at once instead of after two minutes.

    Raises:
        UserError: if another instance holds a fresh claim, or there is no such session.
    """
    if session.get(GroupSession, session_id) is None:
        raise UserError(f"There is no session with id {session_id}.")
    now, key = clock.now(), _key(session_id)
    old = session.scalar(select(ClinicSetting.value).where(ClinicSetting.key == key))
    current = _decode(session_id, old) if old is not None else None
    if (current is not None and current.instance_id != instance_id and not current.is_stale(now)
            and not process_gone(current.host, current.pid, this_host=host)):
        raise _refusal(current)
    claimed_at = current.claimed_at if current is not None and current.instance_id == instance_id else now
    lock = RunnerLock(session_id, instance_id, label, claimed_at, now, host, pid)
    if old is None:
        try:
            with session.begin_nested():
                session.execute(insert(ClinicSetting).values(key=key, value=_encode(lock), created_at=now))
        except IntegrityError:
            raise _refusal(None) from None  # another instance inserted its claim a moment ago
        return lock
    # Compare-and-swap: if another instance renewed or took over since we read, nothing changes.
    result = session.execute(
        update(ClinicSetting).where(ClinicSetting.key == key, ClinicSetting.value == old).values(value=_encode(lock)),
        execution_options={"synchronize_session": False},
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        raise _refusal(None)
    return lock


def release_runner(session: Session, session_id: int, instance_id: str) -> None:
    """Give up the claim, if ``instance_id`` holds it (closing a runner that lost it changes nothing)."""
    key = _key(session_id)
    old = session.scalar(select(ClinicSetting.value).where(ClinicSetting.key == key))
    current = _decode(session_id, old) if old is not None else None
    if old is not None and (current is None or current.instance_id == instance_id):
        session.execute(
            delete(ClinicSetting).where(ClinicSetting.key == key, ClinicSetting.value == old),
            execution_options={"synchronize_session": False},
        )
