"""Minimal sessions written straight through the models (tests may; widgets never do)."""

from __future__ import annotations

from datetime import UTC, datetime

from facilitator.db.models import Attendance, Group, GroupSession, Participant, PhaseRun

# A Thursday morning; the tests place sessions around it.
NOW = datetime(2026, 3, 12, 9, 40, tzinfo=UTC)


def add_session(store, start: datetime, *, status: str = "planned", group: str = "Thursday evening group",  # type: ignore[no-untyped-def]
                protocol: str = "Group KAP, sublingual", present: int = 0, expected: int = 0) -> int:
    """One session of a new group, with one phase (started when the session is running)."""
    with store.session() as s:
        session = GroupSession(
            group=Group(name=group), protocol_name=protocol, protocol_kind="dosing", scheduled_start=start,
            status=status, location="Room 2",
            started_at=start if status in ("running", "finished") else None,
        )
        session.phases.append(PhaseRun(position=0, name="Arrival", planned_minutes=20,
                                       started_at=start if status == "running" else None))
        for i in range(expected):
            person = Participant(legal_first_name=f"Test{i}", legal_last_name="Person")
            state = "present" if i < present else "expected"
            session.attendance.append(Attendance(participant=person, status=state))
        s.add(session)
        s.flush()
        return session.id
