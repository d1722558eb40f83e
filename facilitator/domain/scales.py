"""GAD-7 and PHQ-9: the validated item wording, answers, totals, severity bands and the item-9 safety flag.

Both instruments are public domain; the wording below is the validated one and must never be
paraphrased (see CLINICAL.md). PHQ-9 item 9 above 0 is a safety flag whatever the total: callers
show it prominently and never fold it into a summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.domain.enums import Instrument

STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
ANSWERS: tuple[str, ...] = ("Not at all", "Several days", "More than half the days", "Nearly every day")
MAX_ANSWER = len(ANSWERS) - 1

GAD7_ITEMS: tuple[str, ...] = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)

PHQ9_ITEMS: tuple[str, ...] = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 being so fidgety "
    "or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)

# The PHQ-9 item (1-based, as printed) whose any positive answer is a safety flag.
SAFETY_ITEM = 9


@dataclass(frozen=True)
class Band:
    """A severity band: totals from ``low`` to ``high`` inclusive."""

    low: int
    high: int
    name: str


@dataclass(frozen=True)
class Scale:
    """One instrument: its items in order, the shared stem and answers, and its severity bands."""

    instrument: Instrument
    title: str
    items: tuple[str, ...]
    bands: tuple[Band, ...]
    stem: str = STEM
    answers: tuple[str, ...] = ANSWERS

    @property
    def max_total(self) -> int:
        return MAX_ANSWER * len(self.items)

    def severity(self, total: int) -> str:
        """The band name for ``total``.

        Raises:
            ValueError: for a total outside 0..max_total.
        """
        for band in self.bands:
            if band.low <= total <= band.high:
                return band.name
        raise ValueError(f"{self.instrument} totals run from 0 to {self.max_total}, not {total}")


GAD7 = Scale(
    instrument=Instrument.GAD7, title="GAD-7 (anxiety)", items=GAD7_ITEMS,
    bands=(Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"), Band(15, 21, "severe")),
)
PHQ9 = Scale(
    instrument=Instrument.PHQ9, title="PHQ-9 (depression)", items=PHQ9_ITEMS,
    bands=(Band(0, 4, "minimal"), Band(5, 9, "mild"), Band(10, 14, "moderate"), Band(15, 19, "moderately severe"),
           Band(20, 27, "severe")),
)
SCALES: dict[Instrument, Scale] = {GAD7.instrument: GAD7, PHQ9.instrument: PHQ9}


def scale(instrument: str | Instrument) -> Scale:
    """The scale for "GAD-7" or "PHQ-9".

    Raises:
        ValueError: for any other instrument name.
    """
    try:
        return SCALES[Instrument(instrument)]
    except ValueError:
        raise ValueError(f"unknown instrument {instrument!r}; use GAD-7 or PHQ-9") from None


@dataclass(frozen=True)
class ScaleResult:
    """A complete set of answers, scored.

    Attributes:
        safety_flag: PHQ-9 item 9 above 0 (always False for the GAD-7).
    """

    instrument: Instrument
    items: tuple[int, ...]
    total: int
    severity: str
    safety_flag: bool

    @property
    def safety_answer(self) -> str:
        """The answer given to PHQ-9 item 9, in words ("" for the GAD-7)."""
        if self.instrument is not Instrument.PHQ9:
            return ""
        return ANSWERS[self.items[SAFETY_ITEM - 1]]


def safety_flag(instrument: str | Instrument, items: Sequence[int | None] | None) -> bool:
    """True when PHQ-9 item 9 is answered above 0 (answers so far; unanswered items are None).

    Shown prominently whatever the total. A stored score without its items (None) has no flag.
    """
    if items is None or Instrument(instrument) is not Instrument.PHQ9 or len(items) < SAFETY_ITEM:
        return False
    answer = items[SAFETY_ITEM - 1]
    return answer is not None and answer > 0


def score(instrument: str | Instrument, items: Sequence[int]) -> ScaleResult:
    """Score a complete set of answers (each 0..3, one per item, in order).

    Raises:
        ValueError: for a wrong number of answers or an answer outside 0..3, in one sentence.
    """
    sc = scale(instrument)
    answers = tuple(items)
    if len(answers) != len(sc.items):
        raise ValueError(f"The {sc.instrument} needs an answer to each of its {len(sc.items)} items; "
                         f"{len(answers)} were given.")
    for number, value in enumerate(answers, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ANSWER:
            raise ValueError(f"Item {number} of the {sc.instrument} takes an answer from 0 to {MAX_ANSWER}, "
                             f"not {value!r}.")
    total = sum(answers)
    return ScaleResult(instrument=sc.instrument, items=answers, total=total, severity=sc.severity(total),
                       safety_flag=safety_flag(sc.instrument, answers))
