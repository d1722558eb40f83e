"""Meaningful change against an episode's baseline (bands and the safety item are tested with the scales)."""

from __future__ import annotations

from datetime import date, timedelta

from facilitator.domain.enums import Instrument
from facilitator.domain.score_trends import Score, mark_changes

GAD7, PHQ9 = Instrument.GAD7, Instrument.PHQ9


def _weekly(totals: list[int], start: date = date(2026, 1, 5), gap_at: int | None = None) -> list[Score]:
    days, day = [], start
    for i, total in enumerate(totals):
        if i == gap_at:
            day += timedelta(days=120)
        days.append(Score(day, total))
        day += timedelta(days=7)
    return days


def test_meaningful_change_is_measured_from_the_baseline() -> None:
    marks = mark_changes(PHQ9, _weekly([18, 16, 14, 12, 19]))
    assert [m.meaningful for m in marks] == [None, None, None, "improved", None]
    assert [m.from_baseline for m in marks] == [0, -2, -4, -6, 1]
    assert marks[0].is_baseline and marks[0].from_previous is None
    # 12 -> 19 is a sharp worsening even though the score is barely above its baseline.
    assert [m.sharp_worsening for m in marks] == [False, False, False, False, True]


def test_gad7_threshold_is_four_and_worsening_is_marked() -> None:
    marks = mark_changes(GAD7, _weekly([6, 9, 10]))
    assert [m.meaningful for m in marks] == [None, None, "worsened"]


def test_a_long_gap_or_a_preparation_session_starts_a_new_baseline() -> None:
    after_gap = mark_changes(PHQ9, _weekly([20, 12, 14, 13], gap_at=2))
    assert [m.is_baseline for m in after_gap] == [True, False, True, False]
    assert after_gap[3].baseline == 14 and after_gap[3].meaningful is None
    scores = _weekly([20, 12, 14, 8])
    scores[2] = Score(scores[2].taken_on, 14, starts_episode=True)
    marks = mark_changes(PHQ9, scores)
    assert marks[2].is_baseline and marks[3].meaningful == "improved" and marks[3].from_baseline == -6
