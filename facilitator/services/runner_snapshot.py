"""What the runner shows: a session's stored rows turned into a timeline and a frozen snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from facilitator.db.models import Attendance, GroupSession, PhaseExtension, PhasePause, PhaseRun, QuickNote, Share
from facilitator.domain.clock import Clock
from facilitator.domain.enums import AttendanceStatus
from facilitator.domain.phase_timer import PhaseStatus, PhaseTiming, TimerView, compute_view, format_remaining
from facilitator.domain.timeline import Extension, Pause, PhaseRecord, Timeline, TimerState
from facilitator.errors import UserError

AD_HOC_NAME = "Ad-hoc session"
# Until check-in exists everyone expected is in the room; those who cancelled or are absent are not.
IN_ROOM = {AttendanceStatus.EXPECTED, AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY}


@dataclass(frozen=True)
class RunnerPhase:
    """A phase of the session: its plan as copied from the protocol, and its timing now."""

    position: int
    name: str
    purpose: str
    prompts: tuple[str, ...]
    colour: str
    chime: bool
    vitals_check: bool
    sharing: bool
    timing: PhaseTiming


@dataclass(frozen=True)
class ParticipantCard:
    """A participant in the room.

    Attributes:
        name: preferred first name and last name.
        short_name: preferred first name and the last name's initial ("Bea O."): kinder on a screen
            that others in the room may glimpse.
    """

    participant_id: int
    name: str
    attendance: str
    intention: str
    short_name: str = ""


def short_name(first: str, last: str) -> str:
    """"Bea O." from a preferred first name and a last name (the first alone when there is no last)."""
    first, last = first.strip(), last.strip()
    return f"{first} {last[0]}." if first and last else first or last


@dataclass(frozen=True)
class QuickNoteRow:
    id: int
    at: datetime
    text: str
    phase_name: str  # empty when typed outside any phase
    author_id: int | None


@dataclass(frozen=True)
class RunnerSnapshot:
    """One session as the runner screen needs it, at ``taken_at``.

    The UI repaints from :meth:`timer_at` with the monotonic clock between actions, so the timeline
    is kept here and no repaint touches the database.
    """

    session_id: int
    group_name: str
    title: str
    protocol_name: str
    status: str
    scheduled_start: datetime
    location: str
    room_message: str
    taken_at: datetime
    taken_monotonic: float
    timeline: Timeline
    timer: TimerView
    phases: tuple[RunnerPhase, ...]
    participants: tuple[ParticipantCard, ...]
    notes: tuple[QuickNoteRow, ...]
    circle_rounds: tuple[int, ...] = ()  # per phase: the circle's round (0: no circle opened in it)

    @property
    def current_phase(self) -> RunnerPhase | None:
        index = self.timer.current_index
        return None if index is None else self.phases[index]

    @property
    def next_phase(self) -> RunnerPhase | None:
        """The first upcoming phase after the current one."""
        index = self.timer.current_index
        if index is None:
            return None
        return next((p for p in self.phases[index + 1:] if p.timing.status is PhaseStatus.UPCOMING), None)

    def timer_at(self, monotonic: float) -> TimerView:
        """The timer at a later ``Clock.monotonic()`` reading, immune to wall-clock changes.

        Counts on from the snapshot's own moment (never before the last recorded instant), so a
        clock set back before the snapshot was taken does not freeze the display either.
        """
        since = max(0.0, monotonic - self.taken_monotonic)
        return compute_view(self.timeline, self.timer.now + timedelta(seconds=since))

    def room(self, timer: TimerView | None = None) -> RoomView:
        """What the room display may show, at ``timer`` (default: the snapshot's own)."""
        timer = timer or self.timer
        phase = None if timer.current_index is None else self.phases[timer.current_index]
        index = timer.current_index
        circle_round = self.circle_rounds[index] if index is not None and index < len(self.circle_rounds) else 0
        return RoomView(
            phase_name=phase.name if phase else "", colour=phase.colour if phase else "", state=timer.state,
            remaining_seconds=timer.remaining_seconds, progress=timer.progress, message=self.room_message,
            circle_round=circle_round if phase is not None and phase.sharing else 0,
        )


@dataclass(frozen=True)
class RoomView:
    """The room display's whole content: seen by everyone in the room, so no name and no PHI."""

    phase_name: str
    colour: str
    state: TimerState
    remaining_seconds: float
    progress: float
    message: str
    circle_round: int = 0  # the round of a circle under way (never who speaks)

    @property
    def remaining_text(self) -> str:
        return format_remaining(self.remaining_seconds)


def load_group_session(session: Session, session_id: int) -> GroupSession:
    """The session with its phases, pauses, extensions and attendance loaded.

    Raises:
        UserError: if there is no such session.
    """
    row = session.get(
        GroupSession,
        session_id,
        options=[
            selectinload(GroupSession.phases).selectinload(PhaseRun.pauses),
            selectinload(GroupSession.phases).selectinload(PhaseRun.extensions),
            selectinload(GroupSession.attendance).selectinload(Attendance.participant),
            selectinload(GroupSession.group),
        ],
    )
    if row is None:
        raise UserError(f"There is no session with id {session_id}.")
    return row


def timeline_of(row: GroupSession) -> Timeline:
    """The session's stored timestamps as a domain timeline."""
    return Timeline(
        phases=tuple(
            PhaseRecord(
                position=p.position,
                name=p.name,
                planned_minutes=p.planned_minutes,
                started_at=p.started_at,
                ended_at=p.ended_at,
                skipped=p.skipped,
                pauses=tuple(Pause(x.started_at, x.ended_at) for x in sorted(p.pauses, key=lambda x: x.started_at)),
                extensions=tuple(Extension(e.at, e.minutes) for e in p.extensions),
                chime=p.chime,
            )
            for p in row.phases
        ),
        started_at=row.started_at,
        ended_at=row.ended_at,
        scheduled_start=row.scheduled_start,
    )


def write_timeline(row: GroupSession, timeline: Timeline, now: datetime, user_id: int | None) -> None:
    """Make the stored rows say what ``timeline`` says (pauses rewritten, extensions appended)."""
    row.started_at, row.ended_at = timeline.started_at, timeline.ended_at
    for phase_row, phase in zip(row.phases, timeline.phases, strict=True):
        phase_row.started_at, phase_row.ended_at, phase_row.skipped = phase.started_at, phase.ended_at, phase.skipped
        stored = sorted(phase_row.pauses, key=lambda x: x.started_at)
        for pause_row, pause in zip(stored, phase.pauses, strict=False):
            pause_row.started_at, pause_row.ended_at = pause.start, pause.end
        for extra in stored[len(phase.pauses):]:
            phase_row.pauses.remove(extra)
        for pause in phase.pauses[len(stored):]:
            phase_row.pauses.append(PhasePause(started_at=pause.start, ended_at=pause.end))
        for extension in phase.extensions[len(phase_row.extensions):]:
            phase_row.extensions.append(
                PhaseExtension(at=extension.at, minutes=extension.minutes, created_by_id=user_id, created_at=now)
            )


def build_snapshot(session: Session, row: GroupSession, clock: Clock) -> RunnerSnapshot:
    """The snapshot of a loaded session at the clock's current time."""
    now, mono = clock.now(), clock.monotonic()
    timeline = timeline_of(row)
    timer = compute_view(timeline, now)
    phases = tuple(
        RunnerPhase(
            position=p.position, name=p.name, purpose=p.purpose,
            prompts=tuple(line for line in p.prompts.splitlines() if line.strip()),
            colour=p.colour, chime=p.chime, vitals_check=p.vitals_check, sharing=p.sharing, timing=timing,
        )
        for p, timing in zip(row.phases, timer.phases, strict=True)
    )
    cards = sorted(
        (
            ParticipantCard(
                a.participant_id, a.participant.display_name, a.status, a.intention,
                short_name(a.participant.preferred_name or a.participant.legal_first_name,
                           a.participant.legal_last_name),
            )
            for a in row.attendance
            if a.status in IN_ROOM
        ),
        key=lambda c: (c.name.casefold(), c.participant_id),
    )
    names = {p.id: p.name for p in row.phases}
    notes = tuple(
        QuickNoteRow(n.id, n.at, n.text, names.get(n.phase_run_id, "") if n.phase_run_id else "", n.created_by_id)
        for n in session.scalars(
            select(QuickNote).where(QuickNote.session_id == row.id).order_by(QuickNote.at, QuickNote.id)
        )
    )
    rounds = dict(session.execute(select(Share.phase_run_id, func.max(Share.round))
                                  .where(Share.session_id == row.id).group_by(Share.phase_run_id)).all())
    return RunnerSnapshot(
        session_id=row.id,
        group_name=row.group.name if row.group is not None else AD_HOC_NAME,
        title=row.title,
        protocol_name=row.protocol_name,
        status=row.status,
        scheduled_start=row.scheduled_start,
        location=row.location,
        room_message=row.room_message,
        taken_at=now,
        taken_monotonic=mono,
        timeline=timeline,
        timer=timer,
        phases=phases,
        participants=tuple(cards),
        notes=notes,
        circle_rounds=tuple(rounds.get(p.id, 0) for p in row.phases),
    )
