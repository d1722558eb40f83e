"""Vitals: plausibility, the one-line entry, and classification at every protocol boundary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.protocol import Thresholds
from facilitator.domain.vitals import (
    EXPECTED_FORM,
    PLAUSIBLE,
    Reading,
    VitalsError,
    VitalsLevel,
    check_reading,
    classify,
    parse_line,
    within_discharge_limits,
)

T = Thresholds()
N, C, H, A = VitalsLevel.NORMAL, VitalsLevel.CAUTION, VitalsLevel.HOLD, VitalsLevel.ALERT


@pytest.mark.parametrize(("line", "expected"), [
    ("142/88 76 98", Reading(142, 88, 76, 98)),
    ("142/88", Reading(142, 88)),
    ("142/88 76", Reading(142, 88, 76)),
    ("142 / 88, hr 76, spo2 98", Reading(142, 88, 76, 98)),
    ("   142/88    76   98  ", Reading(142, 88, 76, 98)),
    ("142/88 spo2 98 hr 76", Reading(142, 88, 76, 98)),
    ("142/88 98% 76", Reading(142, 88, 76, 98)),
    ("142/88 HR:76 SpO2=98", Reading(142, 88, 76, 98)),
    ("142/88 pulse 76", Reading(142, 88, 76)),
    ("142/88 spo2 97", Reading(142, 88, None, 97)),
    ("142/88; 76; 98%", Reading(142, 88, 76, 98)),
    ("142/88\t76\t98", Reading(142, 88, 76, 98)),
])
def test_the_one_line_entry(line: str, expected: Reading) -> None:
    assert parse_line(line) == expected


@pytest.mark.parametrize("line", [
    "", "   ", "abc", "142", "142 88 76 98", "142/", "/88", "142/88/76", "142/88 76 98 99", "142/88 hr",
    "142/88 hr 76 hr 80", "142/88 spo2 97 98%", "142/88 76%x", "142.5/88", "142/88 76.5", "-142/88",
    "142/88 bp 76", "142-88 76 98", "142/88 hr 76%", "one forty two over eighty eight",
])
def test_anything_else_gets_the_expected_form(line: str) -> None:
    with pytest.raises(VitalsError) as caught:
        parse_line(line)
    assert str(caught.value) == EXPECTED_FORM


@pytest.mark.parametrize(("line", "message"), [
    ("300/88", "Systolic 300 is outside the plausible range of 60 to 260; check for a typo."),
    ("1420/88 76 98", "Systolic 1420 is outside the plausible range of 60 to 260; check for a typo."),
    ("142/8 76 98", "Diastolic 8 is outside the plausible range of 30 to 160; check for a typo."),
    ("142/88 7 98", "Heart rate 7 is outside the plausible range of 25 to 220; check for a typo."),
    ("142/88 76 9", "SpO2 9% is outside the plausible range of 50 to 100%; check for a typo."),
    ("142/88 76 198", "SpO2 198% is outside the plausible range of 50 to 100%; check for a typo."),
    ("88/142", "Diastolic 142 must be lower than systolic 88; check the order of the numbers."),
    ("120/120", "Diastolic 120 must be lower than systolic 120; check the order of the numbers."),
])
def test_typos_are_rejected_with_one_sentence(line: str, message: str) -> None:
    with pytest.raises(VitalsError, match="^" + message.replace("(", r"\(").replace(")", r"\)") + "$"):
        parse_line(line)


@pytest.mark.parametrize("field", ["systolic", "diastolic", "heart_rate", "spo2"])
def test_plausible_ranges_are_inclusive(field: str) -> None:
    base = {"systolic": 200, "diastolic": 100, "heart_rate": 70, "spo2": 97}
    low, high = PLAUSIBLE[field]
    for value, ok in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
        values = {**base, field: value}
        if field == "systolic":
            values["diastolic"] = min(values["diastolic"], value - 1) if value > 31 else 30
        if field == "diastolic":
            values["systolic"] = max(values["systolic"], value + 1)
        if ok:
            assert getattr(check_reading(**values), field) == value
        else:
            with pytest.raises(VitalsError, match="outside the plausible range"):
                check_reading(**values)


def test_a_reading_needs_its_blood_pressure() -> None:
    with pytest.raises(VitalsError, match="needs a blood pressure"):
        check_reading(None, 80, 70, 98)
    with pytest.raises(VitalsError, match="whole number"):
        check_reading(120, 80, True, 98)  # type: ignore[arg-type]


# (systolic, diastolic, level before the dose, level 40 min after it)
BP_BOUNDARIES = [
    (139, 89, N, N), (140, 89, C, N), (139, 90, C, N), (140, 90, C, N),
    (159, 99, C, N), (160, 99, H, C), (159, 100, H, C), (160, 100, H, C),
    (179, 109, H, C), (180, 109, A, A), (179, 110, A, A), (180, 110, A, A), (182, 112, A, A),
]


@pytest.mark.parametrize(("systolic", "diastolic", "before", "after"), BP_BOUNDARIES)
def test_blood_pressure_at_every_boundary(systolic: int, diastolic: int, before: VitalsLevel,
                                          after: VitalsLevel) -> None:
    reading = Reading(systolic, diastolic, 70, 97)
    pre, post = classify(reading, T, None), classify(reading, T, 40)
    assert (pre.level, post.level) == (before, after)
    assert pre.holds_dose is (before >= H) and not post.holds_dose
    for verdict in (pre, post):
        assert bool(verdict.reasons) is (verdict.level is not N)
        assert all(r.startswith(f"BP {systolic}/{diastolic} ") and r.endswith(".") for r in verdict.reasons)


@pytest.mark.parametrize(("spo2", "heart_rate", "level"), [
    (91, 70, A), (92, 70, N), (100, 70, N), (97, 49, A), (97, 50, N), (97, 120, N), (97, 121, A), (50, 25, A),
])
def test_spo2_and_heart_rate_boundaries(spo2: int, heart_rate: int, level: VitalsLevel) -> None:
    for minutes in (None, 40):
        verdict = classify(Reading(120, 80, heart_rate, spo2), T, minutes)
        assert verdict.level is level
        assert verdict.holds_dose is (minutes is None and level is A)


def test_reasons_say_what_when_and_which_limit() -> None:
    assert classify(Reading(168, 102), T, 40).reasons == (
        "BP 168/102 at 40 min: above the protocol's 160/100 recheck limit; recheck and watch the trend.",)
    assert classify(Reading(182, 112, 88, 97), T, 41).reasons == (
        "BP 182/112 at 41 min: above the protocol's 180/110 alert limit; urgent recheck and clinician attention.",)
    assert classify(Reading(168, 102), T, None).reasons == (
        "BP 168/102 before the dose: above the protocol's 160/100 hold limit; hold the dose unless a clinician "
        "overrides.",)
    assert classify(Reading(140, 85), T, None).reasons == (
        "BP 140/85 before the dose: at the protocol's 140/90 caution limit; confirm with the clinician before "
        "dosing.",)
    several = classify(Reading(150, 95, 130, 90), T, 90)
    assert several.level is A and several.reasons == (
        "SpO2 90% at 90 min: below the protocol's 92% minimum; urgent attention to breathing.",
        "Heart rate 130 at 90 min: above the protocol's maximum of 120; urgent recheck and clinician attention.",
    )
    assert classify(Reading(120, 80, 45), T, None).reasons == (
        "Heart rate 45 before the dose: below the protocol's minimum of 50; hold the dose; urgent recheck and "
        "clinician attention.",)


def test_the_protocol_sets_the_limits() -> None:
    strict = Thresholds(caution_systolic=130, caution_diastolic=85, hold_systolic=150, hold_diastolic=95,
                        alert_systolic=170, alert_diastolic=105, spo2_min=94, heart_rate_min=45, heart_rate_max=110)
    assert classify(Reading(130, 80), strict, None).level is C
    assert classify(Reading(150, 80), strict, None).level is H
    assert classify(Reading(170, 80), strict, 40).level is A
    assert "170/105 alert limit" in classify(Reading(170, 80), strict, 40).reason
    assert classify(Reading(120, 80, 111, 93), strict, 40).reasons[0].startswith("SpO2 93%")


def test_within_discharge_limits() -> None:
    assert within_discharge_limits(Reading(159, 99, 50, 92), T)
    assert not within_discharge_limits(Reading(160, 80), T)
    assert not within_discharge_limits(Reading(130, 100), T)
    assert not within_discharge_limits(Reading(130, 80, 121), T)
    assert not within_discharge_limits(Reading(130, 80, 70, 91), T)


readings = st.builds(
    Reading,
    systolic=st.integers(60, 260), diastolic=st.integers(30, 160),
    heart_rate=st.none() | st.integers(25, 220), spo2=st.none() | st.integers(50, 100),
).filter(lambda r: r.diastolic < r.systolic)


@given(readings, st.none() | st.integers(0, 600))
def test_any_plausible_reading_is_classified_and_explained(reading: Reading, minutes: int | None) -> None:
    verdict = classify(reading, T, minutes)
    assert bool(verdict.reasons) is (verdict.level is not N)
    when = "before the dose" if minutes is None else f"at {minutes} min"
    for reason in verdict.reasons:
        assert f" {when}: " in reason and reason.endswith(".") and reason.count(".") == 1
    if verdict.level is A:
        assert verdict.reason  # an alert always says why
    if minutes is None:
        assert verdict.holds_dose is (verdict.level >= H)
    else:
        assert verdict.level is not H
    assert within_discharge_limits(reading, T) is (classify(reading, T, 40).level is N)


@given(readings)
def test_the_text_of_a_reading_parses_back(reading: Reading) -> None:
    assert parse_line(reading.text) == reading


@given(st.text(max_size=40))
def test_garbage_never_crashes_the_parser(text: str) -> None:
    try:
        reading = parse_line(text)
    except VitalsError as exc:
        assert str(exc).endswith(".")
    else:
        assert check_reading(reading.systolic, reading.diastolic, reading.heart_rate, reading.spo2) == reading


tokens = st.sampled_from(["142", "88", "76", "98", "/", " ", ",", "%", "hr", "spo2", "pulse", ":", "300", "0", "x"])


@given(st.lists(tokens, max_size=12).map("".join))
def test_near_miss_lines_either_parse_plausibly_or_say_why(line: str) -> None:
    try:
        reading = parse_line(line)
    except VitalsError as exc:
        assert str(exc) == EXPECTED_FORM or "plausible range" in str(exc) or "must be lower" in str(exc)
    else:
        assert 60 <= reading.systolic <= 260 and reading.diastolic < reading.systolic


@given(st.integers(60, 240), st.integers(30, 120), st.integers(0, 20), st.none() | st.integers(0, 600))
def test_a_higher_pressure_never_lowers_the_level(systolic: int, diastolic: int, rise: int,
                                                  minutes: int | None) -> None:
    low = classify(Reading(systolic, diastolic), T, minutes).level
    high = classify(Reading(systolic + rise, diastolic + rise), T, minutes).level
    assert high >= low
