"""A circle under way in the demo clinic, for the circle-mode screenshot: a drop-in integration circle.

The demo's own running session is a dosing day in its medicine journey (the runner and monitoring
pictures need it so), so circle mode is pictured with a second session started 26 minutes before
``clock.now()`` and driven through the real services: a check-in round with notes, one pass, and
someone speaking now.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Attendance, Group, Protocol
from facilitator.domain.clock import Clock, FakeClock
from facilitator.services import circle, runner
from facilitator.services.circle_notes import save_share_note
from facilitator.services.session_setup import plan_session

GROUP = "Open Integration Circle"
LEAD_IN = timedelta(minutes=26)
# (minutes spoken, note, tags) per speaker in turn; None is a pass. The one after them speaks now.
SHARES: tuple[tuple[float, str, str] | None, ...] = (
    (3.5, "Slept through the night for the first time in weeks; wants to keep the evening walk.", "sleep,body"),
    None,
    (5.8, "Grief about her father came back as warmth rather than weight.", "grief"),
    (2.2, "Brief: steady week, grateful for the group.", "connection"),
    (3.0, "", ""),
)


def start_live_circle(session: Session, clock: Clock) -> int:
    """Plan, start and drive the circle so it is mid-share at ``clock.now()``; returns its session id."""
    group = session.scalar(select(Group).where(Group.name == GROUP))
    protocol = session.scalar(select(Protocol.id).where(Protocol.key == "integration-circle"))
    if group is None or protocol is None:
        raise LookupError("the demo clinic has no open integration circle")
    local = FakeClock(clock.now() - LEAD_IN)
    plan = plan_session(session, group_id=group.id, protocol_id=protocol, scheduled_start=local.now(),
                        title="Drop-in circle")
    for a in session.scalars(select(Attendance).where(Attendance.session_id == plan.id)):
        a.status = "present"
    session.flush()
    runner.start_session(session, plan.id, local)
    local.advance(minutes=8)
    runner.next_phase(session, plan.id, local)
    circle.open_circle(session, plan.id, local)
    snap = circle.move(session, plan.id, "next", local)
    for share in SHARES:
        if share is None:  # this one passes; the word goes on by itself
            snap = circle.move(session, plan.id, "pass", local)
            continue
        minutes, note, tags = share
        current = snap.circle.current
        if current is not None and current.share_id is not None and (note or tags):
            save_share_note(session, current.share_id, note, tags, local)
        local.advance(minutes * 60)
        snap = circle.move(session, plan.id, "next", local)
    left = clock.now() - local.now()
    local.advance(max(0.0, left.total_seconds()))
    return plan.id
