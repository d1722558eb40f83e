"""Vital signs against a protocol's thresholds (CLINICAL.md defaults and clinic-edited limits)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.protocol import Thresholds
from facilitator.domain.vitals_flags import Level, Reading, classify, thresholds_from_settings, worst

T = Thresholds()


@pytest.mark.parametrize(
    ("reading", "pre_dose", "level", "words"),
    [
        (Reading(120, 80, 70, 98), True, Level.OK, ""),
        (Reading(140, 80, 70, 98), True, Level.CAUTION, "140/90 caution limit"),
        (Reading(130, 90, 70, 98), True, Level.CAUTION, "140/90 caution limit"),
        (Reading(145, 85, 70, 98), False, Level.OK, ""),  # after the dose a rise to 140s is expected
        (Reading(160, 95, 70, 98), True, Level.HOLD, "160/100 hold limit"),
        (Reading(168, 102, 70, 98), False, Level.CAUTION, "BP 168/102 at 40 min: above the protocol's 160/100 recheck"),
        (Reading(180, 100, 70, 98), False, Level.ALERT, "180/110 alert limit"),
        (Reading(150, 110, 70, 98), True, Level.ALERT, "180/110 alert limit"),
        (Reading(120, 80, 70, 91), False, Level.ALERT, "SpO2 91 %"),
        (Reading(120, 80, 49, 98), False, Level.ALERT, "Heart rate 49"),
        (Reading(120, 80, 121, 98), False, Level.ALERT, "Heart rate 121"),
        (Reading(120, 80, 50, 92), False, Level.OK, ""),  # the limits themselves are within range
        (Reading(None, None, None, None), True, Level.OK, ""),
    ],
)
def test_default_limits(reading: Reading, pre_dose: bool, level: Level, words: str) -> None:
    flags = classify(reading, T, pre_dose=pre_dose, when="at 40 min" if not pre_dose else "before the dose")
    assert worst(flags) == level
    assert all(words in f.message for f in flags[:1])


def test_several_flags_worst_first() -> None:
    flags = classify(Reading(185, 95, 130, 90), T, pre_dose=False)
    assert [f.level for f in flags] == [Level.ALERT] * 3 and flags[0].message.startswith("BP 185/95")


def test_a_sessions_own_thresholds_are_used() -> None:
    custom = thresholds_from_settings({"thresholds": {"caution_systolic": 130, "spo2_min": 94, "junk": 3,
                                                      "hold_systolic": True}})
    assert custom.caution_systolic == 130 and custom.spo2_min == 94 and custom.hold_systolic == 160
    assert worst(classify(Reading(132, 80, 70, 93), custom, pre_dose=True)) == Level.ALERT
    assert thresholds_from_settings(None) == T and thresholds_from_settings({"thresholds": "x"}) == T


@given(st.integers(60, 260), st.integers(30, 160), st.integers(0, 40), st.booleans())
def test_a_higher_pressure_never_lowers_the_level(systolic: int, diastolic: int, rise: int, pre_dose: bool) -> None:
    low = worst(classify(Reading(systolic, diastolic), T, pre_dose=pre_dose))
    high = worst(classify(Reading(systolic + rise, diastolic + rise), T, pre_dose=pre_dose))
    assert high >= low
