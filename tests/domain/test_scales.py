"""GAD-7 and PHQ-9: validated wording, totals, every severity band boundary and the item-9 safety flag."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.enums import Instrument
from facilitator.domain.scales import ANSWERS, GAD7, PHQ9, STEM, safety_flag, scale, score


def _items(count: int, total: int, *, item9: int | None = None) -> list[int]:
    """Answers adding up to ``total``; PHQ-9 item 9 is ``item9`` (by default 0 unless the total needs it)."""
    items = [0] * count
    if count == 9:
        item9 = max(0, total - 24) if item9 is None else item9
        items[8] = item9
        total -= item9
    for i in range(count - (1 if count == 9 else 0)):
        items[i] = min(3, total)
        total -= items[i]
    assert total == 0
    return items


def test_the_validated_wording_is_encoded_exactly():
    assert STEM == "Over the last 2 weeks, how often have you been bothered by the following problems?"
    assert ANSWERS == ("Not at all", "Several days", "More than half the days", "Nearly every day")
    assert len(GAD7.items) == 7 and len(PHQ9.items) == 9
    assert GAD7.items[0] == "Feeling nervous, anxious, or on edge"
    assert GAD7.items[6] == "Feeling afraid, as if something awful might happen"
    assert PHQ9.items[5] == ("Feeling bad about yourself \u2014 or that you are a failure or have let yourself "
                             "or your family down")
    assert PHQ9.items[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert GAD7.max_total == 21 and PHQ9.max_total == 27


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "severe"), (21, "severe"),
])
def test_gad7_bands_at_every_boundary(total, band):
    result = score("GAD-7", _items(7, total))
    assert (result.total, result.severity, result.safety_flag) == (total, band, False)


@pytest.mark.parametrize(("total", "band"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe"),
])
def test_phq9_bands_at_every_boundary(total, band):
    result = score(Instrument.PHQ9, _items(9, total))
    assert (result.total, result.severity) == (total, band)


@pytest.mark.parametrize("answer", [1, 2, 3])
def test_phq9_item9_above_zero_is_a_safety_flag_whatever_the_total(answer):
    result = score("PHQ-9", _items(9, answer, item9=answer))
    assert result.severity == "minimal"
    assert result.safety_flag
    assert result.safety_answer == ANSWERS[answer]
    assert not score("PHQ-9", _items(9, 27 - 3, item9=0)).safety_flag


def test_the_flag_shows_while_answers_are_still_being_entered():
    assert safety_flag("PHQ-9", [None] * 8 + [1])
    assert not safety_flag("PHQ-9", [3] * 8 + [None])
    assert not safety_flag("GAD-7", [3] * 7)
    assert not safety_flag("PHQ-9", None)  # a stored total without its items


@pytest.mark.parametrize(("instrument", "items", "message"), [
    ("GAD-7", [0] * 6, "needs an answer to each of its 7 items"),
    ("PHQ-9", [0] * 10, "needs an answer to each of its 9 items"),
    ("GAD-7", [0, 0, 0, 4, 0, 0, 0], "Item 4 of the GAD-7 takes an answer from 0 to 3"),
    ("GAD-7", [0, 0, -1, 0, 0, 0, 0], "Item 3"),
    ("GAD-7", [0, 0, True, 0, 0, 0, 0], "Item 3"),
])
def test_incomplete_or_impossible_answers_are_refused(instrument, items, message):
    with pytest.raises(ValueError, match=message):
        score(instrument, items)


def test_unknown_instruments_and_totals_are_refused():
    with pytest.raises(ValueError, match="unknown instrument"):
        scale("PCL-5")
    with pytest.raises(ValueError):
        GAD7.severity(22)


@given(st.sampled_from([GAD7, PHQ9]).flatmap(
    lambda sc: st.tuples(st.just(sc), st.lists(st.integers(0, 3), min_size=len(sc.items), max_size=len(sc.items)))))
def test_total_is_the_sum_and_bands_never_go_down_as_totals_rise(case):
    sc, items = case
    result = score(sc.instrument, items)
    assert result.total == sum(items)
    names = [b.name for b in sc.bands]
    assert names.index(result.severity) == next(i for i, b in enumerate(sc.bands) if b.low <= sum(items) <= b.high)
