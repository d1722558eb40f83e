"""Discharge readiness: every item must hold, each open item says why, and the REMS suggestion."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from facilitator.domain import discharge as d
from facilitator.domain.discharge import DischargeFacts, Tick, assess
from facilitator.domain.protocol import Thresholds
from facilitator.domain.vitals import Reading

DOSE = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return DOSE + timedelta(minutes=minutes)


def ready_facts() -> DischargeFacts:
    return DischargeFacts(
        dose_times=(DOSE,), min_observation_minutes=120, thresholds=Thresholds(),
        last_reading=(Reading(128, 82, 70, 97), at(105)), before_discharge_needed=False,
        ticks={d.ALERT_ORIENTED: Tick(True, at(100), 3), d.NO_NAUSEA: Tick(True, at(101), 3),
               d.ESCORT: Tick(True, at(110), 4), d.NO_DRIVING: Tick(True, at(111), 4),
               d.READY_TIME: Tick(True, at(112), 3)},
        escort_name="Sam Ruiz", would_have_been_ready_at=at(100),
    )


def test_ready_when_every_item_holds() -> None:
    readiness = assess(ready_facts(), at(120))
    assert readiness.ready and readiness.reasons == ()
    assert [i.key for i in readiness.items] == list(d.ITEMS)
    assert readiness.observation_ends_at == at(120) and readiness.ready_since == at(120)
    assert readiness.suggested_ready_at == at(105)  # the vitals were the last clinical item to hold
    assert {i.key: i.by_id for i in readiness.items}[d.ESCORT] == 4


def test_the_minimum_observation_runs_from_the_last_dose_to_the_second() -> None:
    facts = replace(ready_facts(), dose_times=(DOSE, at(30)))
    assert assess(facts, at(149) + timedelta(seconds=59)).reasons == (
        "The 120-minute minimum observation after the last dose has 1 minute left.",)
    assert assess(facts, at(150)).ready
    assert assess(ready_facts(), at(97)).reasons == (
        "The 120-minute minimum observation after the last dose has 23 minutes left.",)


@pytest.mark.parametrize(("change", "reason"), [
    ({"last_reading": None}, "No vitals have been recorded for this participant."),
    ({"last_reading": (Reading(128, 82), at(-5))}, "No vitals have been taken since the last dose."),
    ({"last_reading": (Reading(168, 102), at(95))},
     "The last vitals are not within limits. BP 168/102 at 95 min: above the protocol's 160/100 recheck limit; "
     "recheck and watch the trend."),
    ({"last_reading": (Reading(128, 82, 70, 91), at(95))},
     "The last vitals are not within limits. SpO2 91% at 95 min: below the protocol's 92% minimum; urgent "
     "attention to breathing."),
    ({"before_discharge_needed": True}, "Take the vitals before discharge."),
    ({"escort_name": " "}, "Record the escort's name."),
    ({"would_have_been_ready_at": None},
     "Record when the participant would have been ready to leave without the minimum observation."),
    ({"upsets": (at(102),)}, "Nausea or vomiting was recorded after it was ticked as settled; check again."),
    ({"sedations": (at(100) + timedelta(seconds=1),)},
     "Sedation was recorded after alert and oriented was ticked; check again."),
])
def test_each_open_item_says_why(change: dict[str, object], reason: str) -> None:
    readiness = assess(replace(ready_facts(), **change), at(130))  # type: ignore[arg-type]
    assert not readiness.ready and readiness.reasons == (reason,)
    assert readiness.ready_since is None


@pytest.mark.parametrize("key", d.TICKED)
def test_an_unticked_or_unticked_again_item_is_open(key: str) -> None:
    facts = ready_facts()
    missing = {k: v for k, v in facts.ticks.items() if k != key}
    assert len(assess(replace(facts, ticks=missing), at(130)).reasons) == 1
    taken_back = {**facts.ticks, key: Tick(False, at(115), 3)}
    readiness = assess(replace(facts, ticks=taken_back), at(130))
    assert readiness.reasons == ({
        d.ALERT_ORIENTED: "Confirm the participant is alert and oriented.",
        d.NO_NAUSEA: "Confirm there is no active nausea or vomiting.",
        d.ESCORT: "Confirm the escort is present.",
        d.NO_DRIVING: "Confirm the participant acknowledged no driving until tomorrow after restful sleep.",
    }[key],)


def test_observations_before_the_tick_do_not_count_against_it() -> None:
    facts = replace(ready_facts(), upsets=(at(40), at(101)), sedations=(at(50),))
    assert assess(facts, at(130)).ready


def test_not_ready_lists_every_reason_in_checklist_order() -> None:
    facts = replace(ready_facts(), ticks={}, escort_name="", would_have_been_ready_at=None,
                    last_reading=(Reading(182, 112), at(60)))
    reasons = assess(facts, at(60)).reasons
    assert len(reasons) == 7 and reasons[0].startswith("The 120-minute") and reasons[1].startswith("The last vitals")
    assert reasons[-1].startswith("Record when")


def test_a_participant_never_dosed_needs_no_observation() -> None:
    facts = replace(ready_facts(), dose_times=(), last_reading=(Reading(150, 95), at(-30)))
    readiness = assess(facts, at(0))
    assert readiness.ready and readiness.observation_ends_at is None
    held = replace(facts, last_reading=(Reading(165, 102), at(-30)))
    assert assess(held, at(0)).reasons == (
        "The last vitals are not within limits. BP 165/102 before the dose: above the protocol's 160/100 hold "
        "limit; hold the dose unless a clinician overrides.",)


def test_the_suggestion_needs_the_clinical_items_only() -> None:
    facts = replace(ready_facts(), ticks={d.ALERT_ORIENTED: Tick(True, at(70), 3), d.NO_NAUSEA: Tick(True, at(75), 3)},
                    last_reading=(Reading(130, 85), at(65)), escort_name="", would_have_been_ready_at=None)
    readiness = assess(facts, at(80))
    assert not readiness.ready and readiness.suggested_ready_at == at(75)
    assert assess(replace(facts, ticks={}), at(80)).suggested_ready_at is None
