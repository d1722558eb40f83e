"""Score trends for progress: GAD-7 and PHQ-9 bands, the safety item, and which changes are meaningful.

Meaningful change is judged against a **baseline**, not between neighbouring scores. The 5-point
(PHQ-9) and 4-point (GAD-7) thresholds were established as change from a pre-treatment score to a
later one; applied week to week they would mark measurement noise, and they would miss a steady
improvement of two or three points a week that is meaningful after a month. A baseline is the first
score of a treatment episode: the participant's first score, a score taken at a preparation session
(the start of a series), or the first score after a gap of more than ``EPISODE_GAP_DAYS``.

One neighbour-to-neighbour change is still flagged: a *worsening* by at least the threshold between
two consecutive scores (``sharp_worsening``), because a sudden relapse matters even when the score
is still below its baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from facilitator.domain.enums import Instrument

# Bands, totals and the safety item are the scales' own (domain.scales); this module adds change over time.
MEANINGFUL_CHANGE = {Instrument.PHQ9: 5, Instrument.GAD7: 4}
EPISODE_GAP_DAYS = 90


@dataclass(frozen=True)
class Score:
    """One score in time order, and whether it opens a new episode regardless of the gap rule."""

    taken_on: date
    total: int
    starts_episode: bool = False


@dataclass(frozen=True)
class Change:
    """How one score compares with its baseline and with the score before it.

    Attributes:
        baseline: the episode's first total (this score's own when it is the baseline).
        is_baseline: this score opens an episode.
        from_baseline: total minus baseline (negative is better).
        from_previous: total minus the previous score's (None for the first score).
        meaningful: "improved" or "worsened" once the change from baseline reaches the threshold, else None.
        sharp_worsening: worse than the previous score by at least the threshold.
    """

    baseline: int
    is_baseline: bool
    from_baseline: int
    from_previous: int | None
    meaningful: str | None
    sharp_worsening: bool


def mark_changes(instrument: str | Instrument, scores: Sequence[Score]) -> tuple[Change, ...]:
    """The change marks of a time-ordered series of one instrument's scores."""
    threshold = MEANINGFUL_CHANGE[Instrument(instrument)]
    marks: list[Change] = []
    baseline = 0
    previous: Score | None = None
    for score in scores:
        opens = (previous is None or score.starts_episode
                 or (score.taken_on - previous.taken_on).days > EPISODE_GAP_DAYS)
        if opens:
            baseline = score.total
        delta = score.total - baseline
        step = None if previous is None else score.total - previous.total
        meaningful = None
        if not opens and abs(delta) >= threshold:
            meaningful = "improved" if delta < 0 else "worsened"
        marks.append(Change(baseline, opens, delta, step, meaningful, step is not None and step >= threshold))
        previous = score
    return tuple(marks)
