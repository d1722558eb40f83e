"""Flags for printed vitals tables: each reading against the session's protocol limits, in words.

Pure rules (CLINICAL.md): before the dose a blood pressure at or above the caution limit asks for a
clinician's confirmation and one at or above the hold limit holds the dose; after the dose the hold
limit means "recheck"; at any time the alert limits, a low SpO2 or a heart rate outside its range
ask for urgent attention. Every flag carries a sentence that explains itself, naming the limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from enum import IntEnum
from typing import Any

from facilitator.domain.protocol import Thresholds


class Level(IntEnum):
    """How much attention a reading asks for; ordered so ``max()`` gives the worst."""

    OK = 0
    CAUTION = 1
    HOLD = 2
    ALERT = 3

    @property
    def label(self) -> str:
        return {Level.OK: "within limits", Level.CAUTION: "caution", Level.HOLD: "hold",
                Level.ALERT: "alert"}[self]


@dataclass(frozen=True)
class Reading:
    """One set of vital signs; any value may be missing (not measured)."""

    systolic: int | None = None
    diastolic: int | None = None
    heart_rate: int | None = None
    spo2: int | None = None

    @property
    def bp(self) -> str:
        if self.systolic is None and self.diastolic is None:
            return ""
        return f"{self.systolic if self.systolic is not None else '–'}/" \
               f"{self.diastolic if self.diastolic is not None else '–'}"


@dataclass(frozen=True)
class Flag:
    """One limit a reading reached, with the sentence shown next to it."""

    level: Level
    message: str


def thresholds_from_settings(settings: Mapping[str, Any] | None) -> Thresholds:
    """The thresholds a session's protocol copy stores; defaults for any missing or unusable value."""
    raw = (settings or {}).get("thresholds")
    if not isinstance(raw, Mapping):
        return Thresholds()
    known = {f.name for f in fields(Thresholds)}
    values = {k: v for k, v in raw.items()
              if k in known and isinstance(v, int) and not isinstance(v, bool)}
    return Thresholds(**{**asdict(Thresholds()), **values})


def _reaches(reading: Reading, systolic: int, diastolic: int) -> bool:
    return ((reading.systolic is not None and reading.systolic >= systolic)
            or (reading.diastolic is not None and reading.diastolic >= diastolic))


def classify(reading: Reading, thresholds: Thresholds, *, pre_dose: bool, when: str = "") -> tuple[Flag, ...]:
    """Every limit ``reading`` reaches, worst first.

    Args:
        reading: the values as recorded.
        thresholds: the session's own copy of the protocol's limits.
        pre_dose: taken before any dose of the session (the caution and hold limits apply then).
        when: how the reading is named in the sentences, e.g. "before the dose" or "at 40 min".

    Returns:
        An empty tuple when the reading is within every limit.
    """
    t = thresholds
    at = f" {when}" if when else ""
    bp = reading.bp
    flags: list[Flag] = []
    if _reaches(reading, t.alert_systolic, t.alert_diastolic):
        flags.append(Flag(Level.ALERT, f"BP {bp}{at}: at or above the protocol's "
                                       f"{t.alert_systolic}/{t.alert_diastolic} alert limit"))
    elif _reaches(reading, t.hold_systolic, t.hold_diastolic):
        if pre_dose:
            flags.append(Flag(Level.HOLD, f"BP {bp}{at}: at or above the protocol's "
                                          f"{t.hold_systolic}/{t.hold_diastolic} hold limit"))
        else:
            flags.append(Flag(Level.CAUTION, f"BP {bp}{at}: above the protocol's "
                                             f"{t.hold_systolic}/{t.hold_diastolic} recheck limit"))
    elif pre_dose and _reaches(reading, t.caution_systolic, t.caution_diastolic):
        flags.append(Flag(Level.CAUTION, f"BP {bp}{at}: at or above the protocol's "
                                         f"{t.caution_systolic}/{t.caution_diastolic} caution limit"))
    if reading.spo2 is not None and reading.spo2 < t.spo2_min:
        flags.append(Flag(Level.ALERT, f"SpO2 {reading.spo2} %{at}: below the protocol's {t.spo2_min} %"))
    if reading.heart_rate is not None and reading.heart_rate < t.heart_rate_min:
        flags.append(Flag(Level.ALERT, f"Heart rate {reading.heart_rate}{at}: below the protocol's "
                                       f"{t.heart_rate_min}"))
    elif reading.heart_rate is not None and reading.heart_rate > t.heart_rate_max:
        flags.append(Flag(Level.ALERT, f"Heart rate {reading.heart_rate}{at}: above the protocol's "
                                       f"{t.heart_rate_max}"))
    return tuple(sorted(flags, key=lambda f: -f.level))


def worst(flags: tuple[Flag, ...]) -> Level:
    """The highest level among ``flags`` (OK when there are none)."""
    return max((f.level for f in flags), default=Level.OK)
