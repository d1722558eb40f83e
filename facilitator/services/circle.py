"""Circle mode's storage: the speaking order of a sharing phase as share rows, written as each move happens.

Every function is one unit of work for ``Store.run`` and answers with a fresh :class:`CircleSnapshot`.
The circle is never kept in memory: it is rebuilt from the phase's share rows each time (so a restart
or another laptop sees the same circle), a move from :mod:`facilitator.domain.circle` is applied, and
the changed rows are written. A share's note lands in the speaker's own session note only
(:mod:`facilitator.services.circle_notes`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import GroupSession, Note, PhaseRun, Share
from facilitator.domain.circle import Circle, CircleError, Turn
from facilitator.domain.clock import Clock
from facilitator.domain.enums import SessionStatus
from facilitator.domain.phase_timer import PhaseStatus, compute_view
from facilitator.domain.themes import parse_themes
from facilitator.errors import UserError
from facilitator.services.circle_notes import line_of, record_share_end
from facilitator.services.note_lists import suggest_themes
from facilitator.services.runner_snapshot import IN_ROOM, load_group_session, short_name, timeline_of

DEFAULT_SHARE_MINUTES = 5
COMMON_THEMES = 8
MOVES = ("next", "pass", "later", "start", "end", "reorder", "shuffle", "second_round")


@dataclass(frozen=True)
class ShareNote:
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class CircleSnapshot:
    """A session's circle as circle mode shows it, at ``taken_at``.

    Attributes:
        phase_run_id: the sharing phase running now (None when the current phase is not a sharing one:
            then ``circle`` is empty and ``closed_reason`` says why in one sentence).
        circle: every turn of this phase's circle; timings come from its timestamps and a clock.
        earlier: the session's shares in other phases (they count in the airtime).
        names: each participant's name as the facilitator's screen shows it ("Bea O.").
        notes: each share's note, by share id.
        themes: theme chips to offer: the group note's, those shares used this session, then the
            clinic's most used.
    """

    session_id: int
    group_name: str
    phase_run_id: int | None
    phase_name: str
    share_minutes: int
    circle: Circle
    earlier: tuple[Turn, ...]
    names: dict[int, str]
    notes: dict[int, ShareNote]
    themes: tuple[str, ...]
    taken_at: datetime
    closed_reason: str = ""

    @property
    def open(self) -> bool:
        return self.phase_run_id is not None

    @property
    def limit_seconds(self) -> float:
        return self.share_minutes * 60.0

    def airtime(self, now: datetime) -> dict[int, float]:
        """Seconds each person in this circle has spoken this session (0 for those who have not yet)."""
        totals = {t.participant_id: 0.0 for t in self.circle.turns}
        for turn in (*self.earlier, *self.circle.turns):
            if turn.participant_id in totals:
                totals[turn.participant_id] += turn.seconds(now)
        return totals

    def note(self, turn: Turn | None) -> ShareNote:
        if turn is None or turn.share_id is None:
            return ShareNote("", ())
        return self.notes.get(turn.share_id, ShareNote("", ()))


def open_circle(session: Session, session_id: int, clock: Clock) -> CircleSnapshot:
    """The circle of the sharing phase running now, writing round 1 when it is first opened.

    Someone checked in since joins the end of the current round. Shares left speaking in a phase that
    has ended are closed at that phase's end. When no sharing phase runs, the snapshot says why.

    Raises:
        UserError: if there is no such session.
    """
    row = load_group_session(session, session_id)
    _close_ended_phases(session, row)
    phase = _sharing_phase(row, clock.now())
    if isinstance(phase, str):
        return _snapshot(session, row, None, Circle(), clock, phase)
    circle = _load(session, phase)
    present = _present(row)
    changed = circle.include(present) if circle.turns else Circle.begin(present)
    if changed is not circle:
        _write(session, row, phase, changed)
        circle = _load(session, phase)
    return _snapshot(session, row, phase, circle, clock)


def move(session: Session, session_id: int, what: str, clock: Clock, *, participant_id: int | None = None,
         order: Sequence[int] = (), seed: int | None = None, zone: tzinfo | None = None) -> CircleSnapshot:
    """Apply one move to the running circle and write it.

    Args:
        what: one of :data:`MOVES` ("start" gives ``participant_id`` the word: popcorn).
        order: the new order of those waiting (for "reorder").
        seed: for "shuffle" (None: a fresh random order).
        zone: the time zone of the stamps in the speakers' notes (None: this computer's).

    Raises:
        UserError: the move is not possible now (said in one sentence), or no sharing phase runs.
    """
    if what not in MOVES:
        raise UserError(f"Circle mode knows no move called {what!r}.")
    row = load_group_session(session, session_id)
    now = clock.now()
    phase = _sharing_phase(row, now)
    if isinstance(phase, str):
        raise UserError(phase)
    circle = _load(session, phase)
    if not circle.turns:
        circle = Circle.begin(_present(row))
    try:
        if what == "start":
            if participant_id is None:
                raise UserError("Choose who speaks next.")
            changed = circle.start(participant_id, now)
        elif what == "reorder":
            changed = circle.reorder(list(order))
        elif what == "shuffle":
            changed = circle.shuffle(random.Random(seed))
        elif what == "second_round":
            changed = circle.second_round(now, _present(row))
        else:
            changed = {"next": circle.next, "pass": circle.pass_turn, "later": circle.later,
                       "end": circle.end_turn}[what](now)
    except CircleError as exc:
        raise UserError(str(exc)) from None
    _write(session, row, phase, changed, zone)
    return _snapshot(session, row, phase, _load(session, phase), clock)


def set_share_minutes(session: Session, session_id: int, minutes: int, clock: Clock) -> CircleSnapshot:
    """Change the soft share limit of the sharing phase running now (this session's copy of the protocol).

    Raises:
        UserError: outside 1 to 60 minutes, or no sharing phase runs.
    """
    if not 1 <= minutes <= 60:
        raise UserError("A share's soft limit is between 1 and 60 minutes.")
    row = load_group_session(session, session_id)
    phase = _sharing_phase(row, clock.now())
    if isinstance(phase, str):
        raise UserError(phase)
    phase.share_minutes = minutes
    session.flush()
    return _snapshot(session, row, phase, _load(session, phase), clock)


# -- reading and writing --------------------------------------------------------------------------


def _sharing_phase(row: GroupSession, now: datetime) -> PhaseRun | str:
    """The sharing phase running now, or the sentence saying why there is none."""
    if row.status != SessionStatus.RUNNING.value:
        return "Circle mode opens while a session runs, during a sharing phase."
    view = compute_view(timeline_of(row), now)
    index = view.current_index
    if index is None or view.phases[index].status is not PhaseStatus.CURRENT:
        return "Circle mode opens during a sharing phase; no phase is running now."
    phase = row.phases[index]
    if not phase.sharing:
        return f"Circle mode opens during a sharing phase; “{phase.name}” is not one."
    return phase


def _present(row: GroupSession) -> list[int]:
    people = sorted((a for a in row.attendance if a.status in IN_ROOM),
                    key=lambda a: (a.participant.display_name.casefold(), a.participant_id))
    return [a.participant_id for a in people]


def turn_of(share: Share) -> Turn:
    return Turn(share.participant_id, share.round, share.position, share.started_at, share.ended_at,
                share.passed, share.id)


def _load(session: Session, phase: PhaseRun) -> Circle:
    rows = session.scalars(select(Share).where(Share.phase_run_id == phase.id)).all()
    return Circle(tuple(turn_of(s) for s in rows))


def _write(session: Session, row: GroupSession, phase: PhaseRun, circle: Circle, zone: tzinfo | None = None) -> None:
    stored = {s.id: s for s in session.scalars(select(Share).where(Share.phase_run_id == phase.id))}
    ended: list[tuple[Share, str]] = []
    for turn in circle.turns:
        share = stored.get(turn.share_id) if turn.share_id is not None else None
        if share is None:
            share = Share(session_id=row.id, phase_run_id=phase.id, participant_id=turn.participant_id,
                          note_text="", tags="")
            session.add(share)
        if share.ended_at is None and turn.ended_at is not None and turn.started_at is not None:
            # The line as the note may already hold it (typed while speaking), to be rewritten with the length.
            before = line_of(share, zone, turn.started_at)
            ended.append((share, before))
        share.round, share.position = turn.round, turn.position
        share.started_at, share.ended_at, share.passed = turn.started_at, turn.ended_at, turn.passed
    session.flush()
    for share, before in ended:
        record_share_end(session, share, before, zone)


def _close_ended_phases(session: Session, row: GroupSession) -> None:
    """A share still open when its phase ended ends with the phase (the runner moved on mid-share)."""
    ended = {p.id: p.ended_at for p in row.phases if p.ended_at is not None}
    if not ended:
        return
    open_shares = session.scalars(select(Share).where(Share.session_id == row.id, Share.started_at.is_not(None),
                                                      Share.ended_at.is_(None))).all()
    for share in open_shares:
        end = ended.get(share.phase_run_id or 0)
        if end is not None and share.started_at is not None:
            before = line_of(share)
            share.ended_at = max(end, share.started_at)
            session.flush()
            record_share_end(session, share, before)


def _snapshot(session: Session, row: GroupSession, phase: PhaseRun | None, circle: Circle, clock: Clock,
              reason: str = "") -> CircleSnapshot:
    all_shares = session.scalars(select(Share).where(Share.session_id == row.id)).all()
    earlier = tuple(turn_of(s) for s in all_shares if phase is None or s.phase_run_id != phase.id)
    names = {a.participant_id: short_name(a.participant.preferred_name or a.participant.legal_first_name,
                                          a.participant.legal_last_name) for a in row.attendance}
    notes = {s.id: ShareNote(s.note_text, parse_themes(s.tags)) for s in all_shares}
    group_themes = session.scalar(select(Note.themes).where(Note.session_id == row.id,
                                                            Note.participant_id.is_(None))) or ""
    used = [tag for s in all_shares for tag in parse_themes(s.tags)]
    # The clinic's most used themes come after, so a circle's first share already has chips to tick.
    common = [t.tag for t in suggest_themes(session, limit=COMMON_THEMES)] if phase is not None else []
    themes = tuple(dict.fromkeys([*parse_themes(group_themes), *used, *common]))
    return CircleSnapshot(
        session_id=row.id, group_name=row.group.name if row.group is not None else "",
        phase_run_id=phase.id if phase is not None else None, phase_name=phase.name if phase is not None else "",
        share_minutes=(phase.share_minutes if phase is not None else None) or DEFAULT_SHARE_MINUTES,
        circle=circle, earlier=earlier, names=names, notes=notes, themes=themes, taken_at=clock.now(),
        closed_reason=reason,
    )

