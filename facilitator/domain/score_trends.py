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

GAD7 = "GAD-7"
PHQ9 = "PHQ-9"
MEANINGFUL_CHANGE = {PHQ9: 5, GAD7: 4}
MAX_TOTAL = {PHQ9: 27, GAD7: 21}
EPISODE_GAP_DAYS = 90
SAFETY_ITEM = 9  # PHQ-9 item 9, thoughts of being better off dead or of self-harm


@dataclass(frozen=True)
class Band:
    """A severity band, inclusive at both ends (for shading a chart)."""

    low: int
    high: int
    name: str


BANDS: dict[str, tuple[Band, ...]] = {
    GAD7: (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"), Band(15, 21, "severe")),
    PHQ9: (Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"), Band(15, 19, "moderately severe"),
           Band(20, 27, "severe")),
}


def severity(instrument: str, total: int) -> str:
    """The band a total falls in (CLINICAL.md); raises ValueError for an unknown instrument or total."""
    for band in BANDS[instrument]:
        if band.low <= total <= band.high:
            return band.name
    raise ValueError(f"{total} is outside the {instrument} range")


def safety_flag(instrument: str, items: Sequence[int] | None) -> bool:
    """True when PHQ-9 item 9 is above 0: shown prominently whatever the total."""
    return instrument == PHQ9 and items is not None and len(items) >= SAFETY_ITEM and int(items[SAFETY_ITEM - 1]) > 0


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


def mark_changes(instrument: str, scores: Sequence[Score]) -> tuple[Change, ...]:
    """The change marks of a time-ordered series of one instrument's scores."""
    threshold = MEANINGFUL_CHANGE[instrument]
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
