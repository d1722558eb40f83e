"""Running a session: every facilitator action recorded at once, answered with a fresh snapshot.

Each function is one unit of work for ``Store.run``: it loads the session, applies the pure action
from :mod:`facilitator.domain.phase_actions` to its timeline, writes the changed rows and returns
the :class:`RunnerSnapshot` built from them. Since every action is committed as it happens, a crash
or a restart loses nothing; :func:`find_running_session` finds the session to reopen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import GroupSession, QuickNote
from facilitator.domain import phase_actions
from facilitator.domain.clock import Clock
from facilitator.domain.enums import SessionStatus
from facilitator.domain.timeline import Timeline, TimerError
from facilitator.errors import UserError
from facilitator.services.runner_snapshot import (
    RunnerSnapshot,
    build_snapshot,
    load_group_session,
    timeline_of,
    write_timeline,
)

MAX_NOTE_LENGTH = 1000
MAX_ROOM_MESSAGE_LENGTH = 200

Action = Callable[[Timeline, datetime], Timeline]


def _act(session: Session, session_id: int, clock: Clock, action: Action, user_id: int | None = None) -> RunnerSnapshot:
    row = load_group_session(session, session_id)
    if row.status == SessionStatus.CANCELLED:
        raise UserError("This session was cancelled; it cannot be run.")
    now = clock.now()
    try:
        timeline = action(timeline_of(row), now)
    except TimerError as exc:
        raise UserError(str(exc)) from None
    write_timeline(row, timeline, now, user_id)
    if timeline.ended_at is not None:
        row.status = SessionStatus.FINISHED.value
    elif timeline.started_at is not None:
        row.status = SessionStatus.RUNNING.value
    # Bump the session's version on every action, so two runners acting at once cannot both win.
    flag_modified(row, "status")
    try:
        session.flush()
    except StaleDataError:
        raise UserError("This session was changed on another computer at the same moment; try again.") from None
    return build_snapshot(session, row, clock)


def get_snapshot(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    """The session as the runner shows it now (also after a restart: nothing is kept in memory)."""
    return build_snapshot(session, load_group_session(session, session_id), clock)


def start_session(session: Session, session_id: int, clock: Clock, user_id: int | None = None) -> RunnerSnapshot:
    """Start a planned session and its first phase."""
    return _act(session, session_id, clock, phase_actions.start, user_id)


def pause_phase(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    return _act(session, session_id, clock, phase_actions.pause)


def resume_phase(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    return _act(session, session_id, clock, phase_actions.resume)


def extend_phase(
    session: Session, session_id: int, minutes: int, clock: Clock, user_id: int | None = None
) -> RunnerSnapshot:
    """Add minutes to the current phase (the runner offers +1, +5 and a custom number)."""

    def action(timeline: Timeline, now: datetime) -> Timeline:
        return phase_actions.extend(timeline, minutes, now)

    return _act(session, session_id, clock, action, user_id)


def skip_phase(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    return _act(session, session_id, clock, phase_actions.skip)


def next_phase(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    """End the current phase now, early or overrun, and start the next."""
    return _act(session, session_id, clock, phase_actions.next_phase)


def back_to_previous_phase(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    return _act(session, session_id, clock, phase_actions.go_back)


def finish_session(session: Session, session_id: int, clock: Clock) -> RunnerSnapshot:
    return _act(session, session_id, clock, phase_actions.finish)


def add_quick_note(
    session: Session, session_id: int, text: str, clock: Clock, user_id: int | None = None
) -> RunnerSnapshot:
    """Record a line typed during the run, stamped with the time and the current phase."""
    text = text.strip()
    if not text:
        raise UserError("A quick note cannot be empty.")
    if len(text) > MAX_NOTE_LENGTH:
        raise UserError(f"A quick note holds at most {MAX_NOTE_LENGTH} characters; use the session notes for more.")
    row = load_group_session(session, session_id)
    if row.status != SessionStatus.RUNNING:
        raise UserError("Quick notes can be added only while the session is running.")
    now = clock.now()
    index = timeline_of(row).current_index
    phase_id = row.phases[index].id if index is not None else None
    session.add(QuickNote(session_id=row.id, phase_run_id=phase_id, at=now, text=text,
                          created_by_id=user_id, created_at=now))
    session.flush()
    return build_snapshot(session, row, clock)


def set_room_message(session: Session, session_id: int, text: str) -> str:
    """Set the line the room display shows (never a name: the display is seen by everyone)."""
    text = " ".join(text.split())
    if len(text) > MAX_ROOM_MESSAGE_LENGTH:
        raise UserError(f"The room message holds at most {MAX_ROOM_MESSAGE_LENGTH} characters.")
    row = session.get(GroupSession, session_id)
    if row is None:
        raise UserError(f"There is no session with id {session_id}.")
    row.room_message = text
    session.flush()
    return text


def find_running_session(session: Session) -> int | None:
    """The running session to reopen at start-up (the most recently started, if several)."""
    query = (
        select(GroupSession.id)
        .where(GroupSession.status == SessionStatus.RUNNING.value)
        .order_by(GroupSession.started_at.desc(), GroupSession.id.desc())
        .limit(1)
    )
    return session.scalar(query)


__all__ = [
    "RunnerSnapshot", "add_quick_note", "back_to_previous_phase", "extend_phase", "find_running_session",
    "finish_session", "get_snapshot", "next_phase", "pause_phase", "resume_phase", "set_room_message",
    "skip_phase", "start_session",
]
