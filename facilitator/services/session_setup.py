"""Planning a session: its own copy of a protocol, its time and place, and who is expected.

A session copies its protocol when it is planned (settings and phases), so editing a template later
never rewrites a planned or past session; the phases can be edited for this session alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from facilitator.db.models import Account, Attendance, Group, GroupSession, Membership, Protocol
from facilitator.domain.clock import utc
from facilitator.domain.enums import AttendanceStatus, SessionStatus
from facilitator.domain.protocol import PhaseSpec, ProtocolError, ProtocolSpec, parse_protocol
from facilitator.errors import UserError
from facilitator.services.protocol_templates import check_name_lengths
from facilitator.services.protocols import spec_from_row
from facilitator.services.runner_snapshot import AD_HOC_NAME
from facilitator.services.sessions import phase_runs_from_spec


@dataclass(frozen=True)
class SessionPlan:
    """A session as the setup screen edits it."""

    id: int
    group_id: int | None
    group_name: str
    title: str
    protocol_id: int | None
    protocol_name: str
    status: str
    scheduled_start: datetime
    location: str
    setting_notes: str
    facilitator_ids: tuple[int, ...]
    phases: tuple[PhaseSpec, ...]
    expected_participant_ids: tuple[int, ...]
    cancel_reason: str

    @property
    def total_minutes(self) -> int:
        return sum(p.minutes for p in self.phases)


def _text(value: str, limit: int, what: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise UserError(f"The {what} holds at most {limit} characters.")
    return value


def _with_phases(settings: dict[str, object], phases: Sequence[PhaseSpec]) -> ProtocolSpec:
    """The session's protocol with edited phases, checked by the same rules as any protocol."""
    data = {**settings, "phases": [{**asdict(p), "prompts": list(p.prompts)} for p in phases]}
    try:
        return check_name_lengths(parse_protocol(data))
    except ProtocolError as exc:
        raise UserError(f"The session's phases cannot be used: {exc}.") from None


def _facilitators(session: Session, ids: Sequence[int]) -> list[Account]:
    accounts = {a.id: a for a in session.scalars(select(Account).where(Account.id.in_(ids)))}
    missing = [i for i in ids if i not in accounts]
    if missing:
        raise UserError(f"There is no staff account with id {missing[0]}.")
    return [accounts[i] for i in dict.fromkeys(ids)]


def _members(session: Session, group_id: int, on: datetime) -> list[int]:
    """The group's members on the session's date, each once."""
    day = on.date()
    query = (
        select(Membership.participant_id)
        .where(Membership.group_id == group_id, Membership.joined_on <= day)
        .where(or_(Membership.left_on.is_(None), Membership.left_on > day))
        .order_by(Membership.participant_id)
    )
    return list(dict.fromkeys(session.scalars(query)))


def _plan(row: GroupSession) -> SessionPlan:
    return SessionPlan(
        id=row.id, group_id=row.group_id, group_name=row.group.name if row.group else AD_HOC_NAME,
        title=row.title, protocol_id=row.protocol_id, protocol_name=row.protocol_name, status=row.status,
        scheduled_start=row.scheduled_start, location=row.location, setting_notes=row.setting_notes,
        facilitator_ids=tuple(a.id for a in row.facilitators),
        phases=tuple(
            PhaseSpec(name=p.name, minutes=p.planned_minutes, purpose=p.purpose,
                      prompts=tuple(line for line in p.prompts.splitlines() if line.strip()), colour=p.colour,
                      chime=p.chime, vitals_check=p.vitals_check, sharing=p.sharing)
            for p in row.phases
        ),
        expected_participant_ids=tuple(sorted(a.participant_id for a in row.attendance)),
        cancel_reason=row.cancel_reason,
    )


def _session(session: Session, session_id: int) -> GroupSession:
    row = session.get(GroupSession, session_id)
    if row is None:
        raise UserError(f"There is no session with id {session_id}.")
    return row


def get_session_plan(session: Session, session_id: int) -> SessionPlan:
    return _plan(_session(session, session_id))


def plan_session(
    session: Session, *, scheduled_start: datetime, protocol_id: int | None = None, group_id: int | None = None,
    title: str = "", phases: Sequence[PhaseSpec] | None = None, location: str | None = None,
    setting_notes: str = "", facilitator_ids: Sequence[int] | None = None, user_id: int | None = None,
) -> SessionPlan:
    """Plan a session of a group (or an ad-hoc one, with a title) from a protocol template.

    Args:
        protocol_id: the template to copy; None takes the group's default protocol.
        phases: this session's phases if edited (added, removed, reordered, re-timed); None copies the template's.
        location: None takes the group's usual place.
        facilitator_ids: staff accounts; None takes the group's facilitators.
    """
    group = session.get(Group, group_id) if group_id is not None else None
    if group_id is not None and group is None:
        raise UserError(f"There is no group with id {group_id}.")
    title = _text(title, 160, "session title")
    if group is None and not title:
        raise UserError("An ad-hoc session needs a title.")
    protocol_id = protocol_id if protocol_id is not None else (group.default_protocol_id if group else None)
    if protocol_id is None:
        raise UserError("Choose a protocol for this session.")
    template = session.get(Protocol, protocol_id)
    if template is None:
        raise UserError(f"There is no protocol with id {protocol_id}.")
    if template.archived:
        raise UserError(f"The protocol {template.name!r} is archived; choose another or restore it first.")
    spec = spec_from_row(template)
    if phases is not None:
        spec = _with_phases(spec.settings_dict(), phases)
    start = utc(scheduled_start)
    row = GroupSession(
        group_id=group_id, title=title, protocol_id=template.id, protocol_name=spec.name,
        protocol_kind=spec.kind.value, protocol_settings=spec.settings_dict(), scheduled_start=start,
        location=_text(location if location is not None else (group.location if group else ""), 120, "location"),
        setting_notes=setting_notes.strip(), status=SessionStatus.PLANNED.value, created_by_id=user_id,
    )
    row.facilitators = (
        _facilitators(session, facilitator_ids) if facilitator_ids is not None
        else list(group.facilitators) if group else []
    )
    row.phases = phase_runs_from_spec(spec)
    if group is not None:
        row.attendance = [
            Attendance(participant_id=pid, status=AttendanceStatus.EXPECTED.value, created_by_id=user_id)
            for pid in _members(session, group.id, start)
        ]
    session.add(row)
    session.flush()
    return _plan(row)


def _still_planned(row: GroupSession, what: str) -> None:
    if row.status == SessionStatus.PLANNED:
        return
    reasons: dict[str, str] = {
        SessionStatus.RUNNING: "has already started", SessionStatus.FINISHED: "has already finished",
        SessionStatus.CANCELLED: "was cancelled",
    }
    raise UserError(f"This session {reasons.get(row.status, 'is not planned')}; {what}.")


def update_planned_session(
    session: Session, session_id: int, *, title: str | None = None, scheduled_start: datetime | None = None,
    phases: Sequence[PhaseSpec] | None = None, location: str | None = None, setting_notes: str | None = None,
    facilitator_ids: Sequence[int] | None = None,
) -> SessionPlan:
    """Change what is given (None leaves a field as it is) while the session is still planned."""
    row = _session(session, session_id)
    _still_planned(row, "its plan can no longer be changed")
    if title is not None:
        row.title = _text(title, 160, "session title")
        if row.group_id is None and not row.title:
            raise UserError("An ad-hoc session needs a title.")
    if scheduled_start is not None:
        row.scheduled_start = utc(scheduled_start)
    if location is not None:
        row.location = _text(location, 120, "location")
    if setting_notes is not None:
        row.setting_notes = setting_notes.strip()
    if facilitator_ids is not None:
        row.facilitators = _facilitators(session, facilitator_ids)
    if phases is not None:
        spec = _with_phases(dict(row.protocol_settings or {}), phases)
        row.phases.clear()
        session.flush()  # the old positions must be gone before the new rows reuse them
        row.phases.extend(phase_runs_from_spec(spec))
    session.flush()
    return _plan(row)


def cancel_session(session: Session, session_id: int, reason: str) -> SessionPlan:
    """Cancel a planned session, keeping it (and why) on record."""
    row = _session(session, session_id)
    _still_planned(row, "it cannot be cancelled")
    reason = _text(reason, 200, "reason")
    if not reason:
        raise UserError("Give a reason for cancelling the session.")
    row.status, row.cancel_reason = SessionStatus.CANCELLED.value, reason
    session.flush()
    return _plan(row)
