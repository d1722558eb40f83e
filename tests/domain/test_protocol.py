import copy
import tomllib
from pathlib import Path

import pytest

from facilitator.domain.enums import ProtocolKind
from facilitator.domain.protocol import ProtocolError, Thresholds, parse_protocol

PROTOCOLS = Path(__file__).resolve().parents[2] / "resources" / "protocols"


def load(name: str) -> dict:
    with (PROTOCOLS / name).open("rb") as handle:
        return tomllib.load(handle)


def test_dosing_protocol_matches_clinical_defaults() -> None:
    spec = parse_protocol(load("group-kap-sublingual.toml"))
    assert spec.kind is ProtocolKind.DOSING
    assert [(p.name, p.minutes) for p in spec.phases] == [
        ("Arrival & check-in", 15),
        ("Vitals & pre-session measures", 15),
        ("Intention circle", 20),
        ("Dosing", 10),
        ("Medicine journey (music, eye shades)", 60),
        ("Return & grounding", 20),
        ("Integration circle", 45),
        ("Discharge", 15),
    ]
    assert spec.vitals_after_dose_minutes == (40, 90)
    assert spec.pre_dose_vitals and spec.vitals_before_discharge
    assert spec.min_observation_minutes == 120
    assert spec.thresholds == Thresholds(
        caution_systolic=140, caution_diastolic=90, hold_systolic=160, hold_diastolic=100,
        alert_systolic=180, alert_diastolic=110, spo2_min=92, heart_rate_min=50, heart_rate_max=120,
        overdue_after_minutes=5,
    )


@pytest.mark.parametrize(
    ("name", "phases"),
    [
        ("integration-circle.toml", [10, 20, 60, 20, 10]),
        ("preparation-session.toml", [15, 30, 25, 15, 15]),
    ],
)
def test_other_builtins_match_clinical_minutes(name: str, phases: list[int]) -> None:
    assert [p.minutes for p in parse_protocol(load(name)).phases] == phases


def test_esketamine_protocol_observes_two_hours() -> None:
    spec = parse_protocol(load("esketamine-monitoring.toml"))
    assert spec.min_observation_minutes >= 120
    assert 40 in spec.vitals_after_dose_minutes


def test_round_trip_through_dict() -> None:
    spec = parse_protocol(load("group-kap-sublingual.toml"))
    assert parse_protocol(spec.to_dict()) == spec
    assert spec.total_minutes == 200


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["phases"][0].update(minutes=0), "phases[1].minutes"),
        (lambda d: d["phases"][1].update(minutes=-5), "phases[2].minutes"),
        (lambda d: d["phases"][0].update(minutes="15"), "phases[1].minutes"),
        (lambda d: d["phases"][0].update(minutes=True), "phases[1].minutes"),
        (lambda d: d["phases"][0].pop("name"), "phases[1].name"),
        (lambda d: d["phases"][0].update(colour="red"), "phases[1].colour"),
        (lambda d: d["protocol"].pop("key"), "key"),
        (lambda d: d["protocol"].update(kind="party"), "kind"),
        (lambda d: d.pop("phases"), "phases"),
        (lambda d: d.update(phases=[]), "phases"),
        (lambda d: d["thresholds"].update(hold_systolic=200), "thresholds.hold_systolic"),
        (lambda d: d["thresholds"].update(spo2_minimum=90), "thresholds.spo2_minimum"),
        (lambda d: d["protocol"].update(vitals_after_dose_minutes=[90, 40]), "vitals_after_dose_minutes"),
    ],
)
def test_bad_fields_are_named(mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(load("group-kap-sublingual.toml"))
    mutate(data)
    with pytest.raises(ProtocolError) as info:
        parse_protocol(data, source="mine.toml")
    assert info.value.field_name == field
    assert str(info.value).startswith("mine.toml: field")
