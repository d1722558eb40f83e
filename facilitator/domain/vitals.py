"""Vital signs: plausible readings, the one-line keyboard entry, and classification against a protocol.

Every flag explains itself in one sentence naming the reading, when it was taken and the protocol
limit it met ("BP 182/112 at 40 min: above the protocol's 180/110 alert limit; ..."), so the app
supports the clinician's judgement rather than replacing it. The limits are the protocol's
:class:`~facilitator.domain.protocol.Thresholds`; only the plausibility ranges are fixed, since
they catch typing mistakes, not clinical states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from facilitator.domain.protocol import Thresholds

# Outside these a number is a typo, not a reading (CLINICAL.md "plausible input ranges").
PLAUSIBLE = {
    "systolic": (60, 260),
    "diastolic": (30, 160),
    "heart_rate": (25, 220),
    "spo2": (50, 100),
}
_NAMES = {"systolic": "Systolic", "diastolic": "Diastolic", "heart_rate": "Heart rate", "spo2": "SpO2"}
EXPECTED_FORM = (
    "Type vitals as systolic/diastolic, then heart rate and SpO2 if taken, for example 142/88 76 98."
)


class VitalsError(ValueError):
    """A reading that cannot be recorded; ``str(error)`` is one sentence for the user."""


@dataclass(frozen=True)
class Reading:
    """One set of vital signs; blood pressure is required, heart rate and SpO2 are optional."""

    systolic: int
    diastolic: int
    heart_rate: int | None = None
    spo2: int | None = None

    @property
    def bp(self) -> str:
        return f"{self.systolic}/{self.diastolic}"

    @property
    def text(self) -> str:
        """The reading as the one-line entry would type it, e.g. ``142/88 76 98%``."""
        parts = [self.bp]
        if self.heart_rate is not None:
            parts.append(f"HR {self.heart_rate}")
        if self.spo2 is not None:
            parts.append(f"SpO2 {self.spo2}%")
        return " ".join(parts)


def check_reading(systolic: int | None, diastolic: int | None, heart_rate: int | None = None,
                  spo2: int | None = None) -> Reading:
    """A :class:`Reading` from separate fields (the vitals dialog), checked for plausibility.

    Raises:
        VitalsError: a missing blood pressure, a value outside its plausible range, or a diastolic
            at or above the systolic.
    """
    if systolic is None or diastolic is None:
        raise VitalsError("A reading needs a blood pressure: both systolic and diastolic.")
    values = {"systolic": systolic, "diastolic": diastolic, "heart_rate": heart_rate, "spo2": spo2}
    for key, value in values.items():
        if value is None:
            continue
        low, high = PLAUSIBLE[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise VitalsError(f"{_NAMES[key]} must be a whole number.")
        if not low <= value <= high:
            unit = "%" if key == "spo2" else ""
            raise VitalsError(f"{_NAMES[key]} {value}{unit} is outside the plausible range of "
                              f"{low} to {high}{unit}; check for a typo.")
    if diastolic >= systolic:
        raise VitalsError(
            f"Diastolic {diastolic} must be lower than systolic {systolic}; check the order of the numbers."
        )
    return Reading(systolic, diastolic, heart_rate, spo2)


_BP = re.compile(r"\s*(\d+)\s*/\s*(\d+)(.*)", re.DOTALL)
# A labelled or bare value: "hr 76", "hr:76", "pulse=76", "spo2 98", "98%", "76".
_VALUE = re.compile(r"\s*(?:(hr|pulse|p|spo2|sao2|sats?|o2)\s*[:=]?\s*)?(\d+)\s*(%)?\s*")
_LABELS = {"hr": "heart_rate", "pulse": "heart_rate", "p": "heart_rate", "spo2": "spo2", "sao2": "spo2",
           "sat": "spo2", "sats": "spo2", "o2": "spo2"}


def parse_line(text: str) -> Reading:
    """Parse the one-line keyboard entry: ``142/88 76 98`` is BP 142/88, heart rate 76, SpO2 98.

    Also accepts ``142/88``, ``142/88 76``, labels in any order (``142 / 88, hr 76, spo2 98``),
    ``98%`` for SpO2, commas and extra spaces. Unlabelled numbers after the BP are heart rate, then SpO2.

    Raises:
        VitalsError: :data:`EXPECTED_FORM` for anything else; a plausibility sentence for a typo.
    """
    match = _BP.fullmatch(text.lower().replace(",", " ").replace(";", " "))
    if match is None:
        raise VitalsError(EXPECTED_FORM)
    found: dict[str, int] = {}
    bare: list[int] = []
    rest, position = match.group(3), 0
    while position < len(rest):
        value = _VALUE.match(rest, position)
        if value is None or value.end() == position:
            if rest[position:].strip():
                raise VitalsError(EXPECTED_FORM)
            break
        position = value.end()
        label, number, percent = value.group(1), int(value.group(2)), value.group(3)
        key = _LABELS[label] if label else ("spo2" if percent else None)
        if key is None:
            bare.append(number)
        elif key in found or (percent and key != "spo2"):
            raise VitalsError(EXPECTED_FORM)
        else:
            found[key] = number
    for key in ("heart_rate", "spo2"):
        if bare and key not in found:
            found[key] = bare.pop(0)
    if bare:
        raise VitalsError(EXPECTED_FORM)
    return check_reading(int(match.group(1)), int(match.group(2)), found.get("heart_rate"), found.get("spo2"))


class VitalsLevel(IntEnum):
    """How much a reading needs attention; ordered, so ``max()`` of several is the worst."""

    NORMAL = 0
    CAUTION = 1  # before the dose: confirm with a clinician; after it: recheck
    HOLD = 2  # before the dose only: hold unless a clinician overrides
    ALERT = 3  # urgent recheck and clinician attention

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Classification:
    """A reading's level and, for anything but normal, one sentence per limit it met (worst first)."""

    level: VitalsLevel
    reasons: tuple[str, ...] = ()
    before_dose: bool = False

    @property
    def reason(self) -> str:
        """All reasons as one line (empty when normal)."""
        return " ".join(self.reasons)

    @property
    def holds_dose(self) -> bool:
        """A dose given on this reading needs a clinician's written override."""
        return self.before_dose and self.level >= VitalsLevel.HOLD


def when_text(minutes_after_dose: int | None) -> str:
    return "before the dose" if minutes_after_dose is None else f"at {minutes_after_dose} min"


def _bp_flag(reading: Reading, limit: tuple[int, int], when: str, name: str, advice: str) -> str | None:
    systolic, diastolic = limit
    if reading.systolic < systolic and reading.diastolic < diastolic:
        return None
    word = "above" if reading.systolic > systolic or reading.diastolic > diastolic else "at"
    return f"BP {reading.bp} {when}: {word} the protocol's {systolic}/{diastolic} {name} limit; {advice}."


def classify(reading: Reading, thresholds: Thresholds, minutes_after_dose: int | None) -> Classification:
    """Classify ``reading`` against the protocol's limits (every boundary inclusive, as in CLINICAL.md).

    Args:
        minutes_after_dose: whole minutes since the most recent dose before the reading; None for a
            reading taken before any dose, which is judged by the pre-dose caution and hold limits.
            A reading judged for a booster is passed as None too: any dose is held at those limits.

    Returns:
        Before the dose: caution at ≥ 140/90, hold at ≥ 160/100, alert at ≥ 180/110 (which holds too).
        After it: caution ("recheck") at ≥ the hold limit, alert at ≥ 180/110. Always: alert for SpO2
        below its minimum or a heart rate outside its range.
    """
    t = thresholds
    when = when_text(minutes_after_dose)
    before = minutes_after_dose is None
    flags: list[tuple[VitalsLevel, str]] = []
    hold_first = "hold the dose; " if before else ""
    alert = _bp_flag(reading, (t.alert_systolic, t.alert_diastolic), when, "alert",
                     f"{hold_first}urgent recheck and clinician attention")
    hold = _bp_flag(reading, (t.hold_systolic, t.hold_diastolic), when, "hold" if before else "recheck",
                    "hold the dose unless a clinician overrides" if before else "recheck and watch the trend")
    caution = _bp_flag(reading, (t.caution_systolic, t.caution_diastolic), when, "caution",
                       "confirm with the clinician before dosing")
    if alert:
        flags.append((VitalsLevel.ALERT, alert))
    elif hold:
        flags.append((VitalsLevel.HOLD if before else VitalsLevel.CAUTION, hold))
    elif caution and before:
        # After the dose a rise to the caution limit is the expected ketamine effect, not a flag.
        flags.append((VitalsLevel.CAUTION, caution))
    if reading.spo2 is not None and reading.spo2 < t.spo2_min:
        flags.append((VitalsLevel.ALERT, f"SpO2 {reading.spo2}% {when}: below the protocol's {t.spo2_min}% "
                                         f"minimum; {hold_first}urgent attention to breathing."))
    rate = reading.heart_rate
    if rate is not None and rate < t.heart_rate_min:
        flags.append((VitalsLevel.ALERT, f"Heart rate {rate} {when}: below the protocol's minimum of "
                                         f"{t.heart_rate_min}; {hold_first}urgent recheck and clinician attention."))
    if rate is not None and rate > t.heart_rate_max:
        flags.append((VitalsLevel.ALERT, f"Heart rate {rate} {when}: above the protocol's maximum of "
                                         f"{t.heart_rate_max}; {hold_first}urgent recheck and clinician attention."))
    if not flags:
        return Classification(VitalsLevel.NORMAL, before_dose=before)
    flags.sort(key=lambda f: -f[0])
    return Classification(flags[0][0], tuple(text for _, text in flags), before_dose=before)


def within_discharge_limits(reading: Reading, thresholds: Thresholds) -> bool:
    """Below the hold (recheck) BP limits with heart rate and SpO2 inside theirs: fit to leave."""
    t = thresholds
    return (
        reading.systolic < t.hold_systolic and reading.diastolic < t.hold_diastolic
        and (reading.spo2 is None or reading.spo2 >= t.spo2_min)
        and (reading.heart_rate is None or t.heart_rate_min <= reading.heart_rate <= t.heart_rate_max)
    )
