"""What a facilitator can do to a running session, as pure functions from one timeline to the next.

Each action takes the recorded :class:`Timeline` and the time from the app's clock, and returns the
timeline to record, or raises :class:`TimerError` with the sentence to show. Actions stamp
:meth:`Timeline.moment`, never earlier than the last recorded instant, so a wall clock set
backwards cannot record a phase that ends before it starts.

Phases always tile the session: each starts at the instant the one before it ended, so the phases'
active time plus their pauses add up to the session's wall time exactly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from facilitator.domain.timeline import Extension, Pause, PhaseRecord, Timeline, TimerError

MAX_EXTENSION_MINUTES = 180


def _current(timeline: Timeline, action: str) -> int:
    """The running phase's index, or a refusal naming ``action`` ("be paused")."""
    if timeline.ended_at is not None:
        raise TimerError(f"This session has already finished; it cannot {action}.")
    if timeline.started_at is None:
        raise TimerError(f"This session has not started yet; it cannot {action}.")
    index = timeline.current_index
    if index is None:
        raise TimerError(f"This session has no running phase; it cannot {action}.")
    return index


def _unpaused(phase: PhaseRecord, moment: datetime) -> PhaseRecord:
    """The phase with its open pause, if any, ended at ``moment``."""
    if not phase.is_paused:
        return phase
    last = phase.pauses[-1]
    return replace(phase, pauses=(*phase.pauses[:-1], Pause(last.start, moment)))


def start(timeline: Timeline, now: datetime) -> Timeline:
    """Start the session and its first phase."""
    if timeline.ended_at is not None:
        raise TimerError("This session has already finished; it cannot be started again.")
    if timeline.started_at is not None:
        raise TimerError("This session has already started; it cannot be started twice.")
    if not timeline.phases:
        raise TimerError("This session has no phases; add at least one phase before starting it.")
    moment = timeline.moment(now)
    first = replace(timeline.phases[0], started_at=moment, ended_at=None, skipped=False)
    return replace(timeline, started_at=moment).replace_phase(0, first)


def pause(timeline: Timeline, now: datetime) -> Timeline:
    """Pause the current phase: its time left stops counting down."""
    index = _current(timeline, "be paused")
    phase = timeline.phases[index]
    if phase.is_paused:
        raise TimerError("This phase is already paused; resume it first.")
    paused = replace(phase, pauses=(*phase.pauses, Pause(timeline.moment(now))))
    return timeline.replace_phase(index, paused)


def resume(timeline: Timeline, now: datetime) -> Timeline:
    """Resume the paused current phase."""
    index = _current(timeline, "be resumed")
    phase = timeline.phases[index]
    if not phase.is_paused:
        raise TimerError("This phase is not paused; there is nothing to resume.")
    return timeline.replace_phase(index, _unpaused(phase, timeline.moment(now)))


def check_extension_minutes(minutes: object) -> int:
    """``minutes`` if it is a sensible extension, else a refusal saying why."""
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise TimerError(f"An extension must be a whole number of minutes, not {minutes!r}.")
    if minutes < 1:
        raise TimerError(f"An extension must add at least 1 minute, not {minutes}.")
    if minutes > MAX_EXTENSION_MINUTES:
        raise TimerError(f"An extension can add at most {MAX_EXTENSION_MINUTES} minutes at a time, not {minutes}.")
    return minutes


def extend(timeline: Timeline, minutes: int, now: datetime) -> Timeline:
    """Add ``minutes`` to the current phase's plan (allowed while paused)."""
    index = _current(timeline, "be extended")
    check_extension_minutes(minutes)
    phase = timeline.phases[index]
    extended = replace(phase, extensions=(*phase.extensions, Extension(timeline.moment(now), minutes)))
    return timeline.replace_phase(index, extended)


def _advance(timeline: Timeline, now: datetime, *, skipped: bool) -> Timeline:
    index = _current(timeline, "skip a phase" if skipped else "move to the next phase")
    if index == len(timeline.phases) - 1:
        if skipped:
            raise TimerError("This is the last phase; it cannot be skipped, finish the session instead.")
        raise TimerError("This is the last phase; finish the session to end it.")
    moment = timeline.moment(now)
    ended = replace(_unpaused(timeline.phases[index], moment), ended_at=moment, skipped=skipped)
    following = replace(timeline.phases[index + 1], started_at=moment, ended_at=None, skipped=False)
    return timeline.replace_phase(index, ended).replace_phase(index + 1, following)


def next_phase(timeline: Timeline, now: datetime) -> Timeline:
    """End the current phase now (early or overrun) and start the next one."""
    return _advance(timeline, now, skipped=False)


def skip(timeline: Timeline, now: datetime) -> Timeline:
    """Leave the current phase now, marked as skipped, and start the next one."""
    return _advance(timeline, now, skipped=True)


def go_back(timeline: Timeline, now: datetime) -> Timeline:
    """Return to the previous phase, as if the current one had not begun.

    A phase keeps one start and one end, so the previous phase resumes from its own start: the
    time spent in the abandoned phase, and its pauses, become the previous phase's. The abandoned
    phase is upcoming again and keeps its extensions.
    """
    index = _current(timeline, "go back a phase")
    if index == 0:
        raise TimerError("This is the first phase; there is no earlier phase to go back to.")
    moment = timeline.moment(now)
    abandoned = _unpaused(timeline.phases[index], moment)
    previous = timeline.phases[index - 1]
    reopened = replace(previous, ended_at=None, skipped=False, pauses=(*previous.pauses, *abandoned.pauses))
    reset = replace(abandoned, started_at=None, ended_at=None, skipped=False, pauses=())
    return timeline.replace_phase(index - 1, reopened).replace_phase(index, reset)


def finish(timeline: Timeline, now: datetime) -> Timeline:
    """End the current phase and the session; phases never reached stay not run."""
    if timeline.ended_at is not None:
        raise TimerError("This session has already finished; it cannot be finished again.")
    if timeline.started_at is None:
        raise TimerError("This session has not started yet; there is nothing to finish.")
    moment = timeline.moment(now)
    index = timeline.current_index
    if index is not None:
        timeline = timeline.replace_phase(index, replace(_unpaused(timeline.phases[index], moment), ended_at=moment))
    return replace(timeline, ended_at=moment)
