"""The integration circle's speaking order: rounds, the current speaker, passes, the soft share timer, airtime.

Pure and immutable: every move returns a new :class:`Circle`. A turn's length is always derived from
its stored start and end and the caller's ``now`` (never counted), so a circle rebuilt from stored
shares after a restart reads exactly as before. The share timer is soft: it flags a speaker who is
over the limit and never stops anyone.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime


class CircleError(Exception):
    """A move the circle cannot make, said in one sentence (no names: callers may log it)."""


@dataclass(frozen=True)
class Turn:
    """One person's place in one round.

    Attributes:
        position: the speaking order within the round (1 first); those who spoke or passed keep theirs.
        started_at: when they began (a pass starts and ends at the same moment); None while waiting.
        ended_at: when their share ended; None while waiting or speaking.
        share_id: the stored share behind this turn (None until it is written).
    """

    participant_id: int
    round: int
    position: int
    started_at: datetime | None = None
    ended_at: datetime | None = None
    passed: bool = False
    share_id: int | None = None

    @property
    def waiting(self) -> bool:
        return self.started_at is None

    @property
    def speaking(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def spoke(self) -> bool:
        return self.ended_at is not None and not self.passed

    def seconds(self, now: datetime) -> float:
        """How long this share has lasted (to ``now`` while it goes on); 0 for a pass or a wait."""
        if self.started_at is None or self.passed:
            return 0.0
        end = self.ended_at or now
        return max(0.0, (end - self.started_at).total_seconds())

    def over(self, now: datetime, limit_seconds: float) -> bool:
        """The soft limit is reached (a cue only: nothing stops)."""
        return limit_seconds > 0 and self.seconds(now) >= limit_seconds


def airtime(turns: Iterable[Turn], now: datetime) -> dict[int, float]:
    """Seconds each participant has spoken across ``turns`` (a share going on counts up to ``now``)."""
    totals: dict[int, float] = {}
    for turn in turns:
        totals[turn.participant_id] = totals.get(turn.participant_id, 0.0) + turn.seconds(now)
    return totals


@dataclass(frozen=True)
class Circle:
    """All the turns of one circle (one sharing phase), every round."""

    turns: tuple[Turn, ...] = ()

    @classmethod
    def begin(cls, participant_ids: Sequence[int]) -> Circle:
        """Round 1 with everyone waiting, in the order given."""
        _unique(participant_ids)
        return cls(tuple(Turn(pid, 1, i) for i, pid in enumerate(participant_ids, start=1)))

    # -- reading -------------------------------------------------------------------------------

    @property
    def round(self) -> int:
        return max((t.round for t in self.turns), default=1)

    def in_round(self, round_no: int | None = None) -> tuple[Turn, ...]:
        """The turns of a round (default: the current one) in speaking order."""
        wanted = self.round if round_no is None else round_no
        return tuple(sorted((t for t in self.turns if t.round == wanted), key=lambda t: t.position))

    @property
    def current(self) -> Turn | None:
        return next((t for t in self.in_round() if t.speaking), None)

    @property
    def waiting(self) -> tuple[Turn, ...]:
        return tuple(t for t in self.in_round() if t.waiting)

    @property
    def next_up(self) -> Turn | None:
        waiting = self.waiting
        return waiting[0] if waiting else None

    @property
    def passed(self) -> tuple[Turn, ...]:
        return tuple(t for t in self.in_round() if t.passed)

    @property
    def round_complete(self) -> bool:
        return self.current is None and not self.waiting

    def elapsed(self, now: datetime) -> float:
        """The current speaker's time so far (0 when nobody speaks)."""
        current = self.current
        return current.seconds(now) if current is not None else 0.0

    def over_limit(self, now: datetime, limit_seconds: float) -> bool:
        current = self.current
        return current is not None and current.over(now, limit_seconds)

    def airtime(self, now: datetime) -> dict[int, float]:
        return airtime(self.turns, now)

    # -- the order ----------------------------------------------------------------------------

    def reorder(self, participant_ids: Sequence[int]) -> Circle:
        """Put those still waiting in this order (also mid-round; who spoke or passed keeps their place).

        Ids of people not waiting are ignored; anyone waiting but left out keeps their relative place
        at the end, so a partial drag never loses a person.
        """
        _unique(participant_ids)
        waiting = {t.participant_id: t for t in self.waiting}
        chosen = [waiting[pid] for pid in participant_ids if pid in waiting]
        rest = [t for t in self.waiting if t.participant_id not in set(participant_ids)]
        return self._renumbered([*chosen, *rest])

    def shuffle(self, rng: random.Random) -> Circle:
        """A random order for those still waiting (the caller's generator, so tests can seed it)."""
        waiting = list(self.waiting)
        rng.shuffle(waiting)
        return self._renumbered(waiting)

    def include(self, participant_ids: Iterable[int]) -> Circle:
        """Add anyone not yet in this round (a late arrival) at its end."""
        present = {t.participant_id for t in self.in_round()}
        extra = [pid for pid in dict.fromkeys(participant_ids) if pid not in present]
        if not extra:
            return self
        last = max((t.position for t in self.in_round()), default=0)
        added = tuple(Turn(pid, self.round, last + i) for i, pid in enumerate(extra, start=1))
        return Circle(self.turns + added)

    # -- moves --------------------------------------------------------------------------------

    def start(self, participant_id: int, now: datetime) -> Circle:
        """Popcorn: whoever is ready speaks now (the current speaker's share ends here)."""
        circle = self.end_turn(now)
        chosen = next((t for t in circle.waiting if t.participant_id == participant_id), None)
        if chosen is None:
            raise CircleError("That person is not waiting to speak in this round.")
        return circle._replaced(chosen, replace(chosen, started_at=now))

    def next(self, now: datetime) -> Circle:
        """End the current share and give the word to the next person waiting (if anyone is)."""
        circle = self.end_turn(now)
        up = circle.next_up
        if up is None:
            if self.current is None:
                raise CircleError("Everyone in this round has spoken or passed; start a second round or close.")
            return circle
        return circle._replaced(up, replace(up, started_at=now))

    def pass_turn(self, now: datetime) -> Circle:
        """The speaker (or, if nobody is speaking, the next person) passes; the word goes on."""
        who = self.current or self.next_up
        if who is None:
            raise CircleError("Nobody is waiting to pass in this round.")
        circle = self._replaced(who, replace(who, started_at=now, ended_at=now, passed=True))
        up = circle.next_up
        return circle._replaced(up, replace(up, started_at=now)) if up is not None else circle

    def later(self, now: datetime) -> Circle:
        """The speaker (or the next person) would like to come back later: to the end of this round."""
        who = self.current or self.next_up
        if who is None:
            raise CircleError("Nobody is waiting in this round.")
        others = [t for t in self.waiting if t.participant_id != who.participant_id]
        if not others:
            raise CircleError("Nobody else is waiting in this round, so there is no later to come back to.")
        back = replace(who, started_at=None, ended_at=None, passed=False)
        circle = self._replaced(who, back)
        circle = circle._renumbered([*others, back])
        if who.speaking:
            up = circle.next_up
            assert up is not None
            circle = circle._replaced(up, replace(up, started_at=now))
        return circle

    def end_turn(self, now: datetime) -> Circle:
        """End the current share without giving the word on (nothing happens if nobody speaks)."""
        current = self.current
        if current is None:
            return self
        return self._replaced(current, replace(current, ended_at=max(now, current.started_at or now)))

    def second_round(self, now: datetime, participant_ids: Sequence[int] | None = None) -> Circle:
        """Open the next round, everyone waiting in the order they took in this one.

        Args:
            participant_ids: who is in the new round (default: everyone in this round), in the
                previous round's order; ids new to the circle go at the end.

        Raises:
            CircleError: someone in this round is still waiting (they speak or pass first).
        """
        if self.waiting:
            raise CircleError("Someone in this round has not spoken or passed yet; give them the word or a pass "
                              "before a new round.")
        circle = self.end_turn(now)
        previous = [t.participant_id for t in circle.in_round()]
        wanted = previous if participant_ids is None else list(dict.fromkeys(participant_ids))
        order = [pid for pid in previous if pid in wanted] + [pid for pid in wanted if pid not in previous]
        if not order:
            raise CircleError("Nobody is left in the circle for another round.")
        new = circle.round + 1
        return Circle(circle.turns + tuple(Turn(pid, new, i) for i, pid in enumerate(order, start=1)))

    # -- helpers ------------------------------------------------------------------------------

    def _replaced(self, old: Turn, new: Turn) -> Circle:
        return Circle(tuple(new if t is old else t for t in self.turns))._renumbered(None)

    def _renumbered(self, waiting: Sequence[Turn] | None) -> Circle:
        """Number the current round: who spoke or passed in the order they began, then those waiting."""
        current_round = self.round
        mine = self.in_round()
        begun = sorted((t for t in mine if not t.waiting), key=lambda t: (t.started_at, t.position))
        queue = list(waiting) if waiting is not None else [t for t in mine if t.waiting]
        numbered = {id(t): replace(t, position=i) for i, t in enumerate([*begun, *queue], start=1)}
        ordered = [t for t in self.turns if t.round != current_round]
        ordered += [numbered[id(t)] for t in [*begun, *queue]]
        return Circle(tuple(ordered))


def _unique(participant_ids: Sequence[int]) -> None:
    if len(set(participant_ids)) != len(participant_ids):
        raise CircleError("Each person can have only one place in a round.")
