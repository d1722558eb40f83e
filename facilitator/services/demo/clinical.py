"""Clinical records of a dosing session: pre-dose vitals, doses, monitoring, observations, discharge.

Values follow CLINICAL.md: sublingual doses of 100–400 mg, a BP rise that peaks around 40 minutes,
readings at pre-dose, +40, +90 and before discharge, and discharge no sooner than the protocol's
minimum observation after the dose. Nothing is recorded after ``until`` (the session running now).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from facilitator.db.models import Discharge, Dose, Observation, VitalSign
from facilitator.services.demo.context import Context
from facilitator.services.demo.inventory import Inventory
from facilitator.services.demo.people import Person
from facilitator.services.demo.wording import HOLD_OVERRIDE_REASONS, HYPERTENSION_ACTIONS, OBSERVATIONS

Reading = tuple[int, int, int, int]  # systolic, diastolic, heart rate, SpO2
OBSERVATION_ODDS = (("dissociation", 0.38), ("nausea", 0.12), ("anxiety", 0.08), ("sedation", 0.06),
                    ("dizziness", 0.05), ("vomiting", 0.015))
OBSERVATION_MINUTES = {"dissociation": (12, 45), "nausea": (20, 70), "anxiety": (8, 35), "sedation": (25, 55),
                       "dizziness": (95, 120), "vomiting": (60, 90)}


@dataclass
class Facts:
    """What a participant's note says about the dosing day."""

    pre: Reading
    held: bool = False
    override: str = ""
    dose_mg: int = 0
    dose_at: datetime | None = None
    lot: str = ""
    readings: dict[str, Reading] = field(default_factory=dict)
    observations: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    discharged_at: datetime | None = None


def whole(when: datetime) -> datetime:
    """``when`` without its fraction of a second (records are kept to the second)."""
    return when.replace(microsecond=0)


def bp(reading: Reading) -> str:
    return f"{reading[0]}/{reading[1]}"


class DosingDay:
    """One dosing session's monitoring records, in two steps: plan (values) and record (times)."""

    def __init__(self, ctx: Context, inventory: Inventory, session_id: int, medic: str, therapist: str,
                 until: datetime | None) -> None:
        self._ctx = ctx
        self._inventory = inventory
        self._sid = session_id
        self._medic, self._therapist = medic, therapist
        self._until = until
        self.facts: dict[int, Facts] = {}
        self._spotlight: int | None = None  # in the session running now: whose reading asks for a recheck

    def plan(self, present: list[Person]) -> list[Person]:
        """Decide pre-dose readings and holds; return who will be dosed, in dosing order."""
        rng = self._ctx.rng
        dosed: list[Person] = []
        for person in present:
            pre = self._reading(person, 2, 1, 4)
            if rng.random() < 0.006:
                pre = (rng.randint(161, 168), rng.randint(98, 104), pre[2], pre[3])
            facts = Facts(pre)
            if pre[0] >= 160 or pre[1] >= 100:
                recheck = (pre[0] - rng.randint(0, 6), pre[1] - rng.randint(0, 4), pre[2] - 2, pre[3])
                facts.readings["recheck"] = recheck
                if recheck[0] >= 160 or recheck[1] >= 100:
                    facts.held = rng.random() < 0.5
                    facts.override = "" if facts.held else rng.choice(HOLD_OVERRIDE_REASONS)
            self.facts[person.id] = facts
            if not facts.held:
                dosed.append(person)
        return dosed

    def record(self, present: list[Person], vitals: tuple[datetime, datetime], dose_times: dict[int, datetime],
               discharge: tuple[datetime, datetime] | None, min_observation: int) -> datetime | None:
        """Write every row; return the last discharge time (the session ends no earlier)."""
        ctx, w = self._ctx, self._ctx.writer
        medic_id = ctx.staff_ids[self._medic]
        span = (vitals[1] - vitals[0]) / max(1, len(present))
        last_out: datetime | None = None
        if self._until is not None:  # the first person dosed, whose 40-minute reading is already in
            self._spotlight = next((p.id for p in present if p.id in dose_times), None)
        for i, person in enumerate(present):
            facts = self.facts[person.id]
            taken = whole(vitals[0] + span * (i + ctx.rng.uniform(0.1, 0.9)))
            self._vital(person, taken, facts.pre, "pre_dose")
            if "recheck" in facts.readings:
                self._vital(person, taken + ctx.minutes(5, 8), facts.readings["recheck"], "recheck")
            at = dose_times.get(person.id)
            if at is None:
                continue
            facts.dose_mg, facts.dose_at = person.dose_mg, at
            dose_id = w.next_id(Dose)
            lot = self._inventory.dispense(person.dose_mg, at, self._sid, dose_id, medic_id)
            facts.lot = lot.number
            w.add(Dose, {
                "id": dose_id, "session_id": self._sid, "participant_id": person.id, "medication": "ketamine",
                "route": "sublingual", "amount_mg": person.dose_mg, "given_at": at, "lot_number": lot.number,
                "stock_lot_id": lot.id, "given_by_id": medic_id, "booster": False,
                "hold_override_reason": facts.override,
                "hold_override_by_id": ctx.staff_ids["mokafor"] if facts.override else None,
                "created_at": at, "created_by_id": medic_id,
            })
            self._monitor(person, facts, at)
            if discharge is not None:
                last_out = max(last_out or at, self._discharge(person, facts, at, discharge, i, len(present),
                                                               min_observation))
        return last_out

    def _reading(self, person: Person, sys_rise: float, dia_rise: float, hr_rise: float) -> Reading:
        rng = self._ctx.rng
        systolic = round(min(190, max(92, person.bp[0] + rng.gauss(sys_rise, 6))))
        diastolic = round(min(118, max(55, person.bp[1] + rng.gauss(dia_rise, 4))))
        rate = round(min(112, max(54, person.heart_rate + rng.gauss(hr_rise, 5))))
        spo2 = min(99, max(95, person.spo2 + rng.choice((-1, 0, 0, 1))))
        return systolic, diastolic, rate, spo2

    def _vital(self, person: Person, at: datetime, reading: Reading, context: str) -> bool:
        if self._until is not None and at > self._until:
            return False
        ctx = self._ctx
        ctx.writer.add(VitalSign, {
            "id": ctx.writer.next_id(VitalSign), "session_id": self._sid, "participant_id": person.id,
            "taken_at": at, "systolic": reading[0], "diastolic": reading[1], "heart_rate": reading[2],
            "spo2": reading[3], "context": context, "created_at": at, "created_by_id": ctx.staff_ids[self._medic],
        })
        return True

    def _observe(self, person: Person, at: datetime, kind: str, severity: str, detail: str, action: str,
                 moaas: int | None = None) -> None:
        if self._until is not None and at > self._until:
            return
        ctx = self._ctx
        ctx.writer.add(Observation, {
            "id": ctx.writer.next_id(Observation), "session_id": self._sid, "participant_id": person.id,
            "observed_at": at, "kind": kind, "severity": severity, "moaas": moaas, "detail": detail,
            "action": action, "created_at": at, "created_by_id": ctx.staff_ids[self._medic],
        })
        self.facts[person.id].observations.append(f"{detail} {action}")
        self.facts[person.id].kinds.append(kind)

    def _monitor(self, person: Person, facts: Facts, dose_at: datetime) -> None:
        rng = self._ctx.rng
        peak = self._reading(person, 9, 5, 6)
        roll = rng.random()
        if roll < 0.004:
            peak = (rng.randint(180, 186), rng.randint(108, 114), peak[2] + 8, peak[3])
        elif roll < 0.015:
            peak = (rng.randint(161, 168), rng.randint(99, 104), peak[2] + 4, peak[3])
        at40 = dose_at + self._ctx.minutes(39.5, 43)
        spotlight = person.id == self._spotlight
        if spotlight:
            # The session running now shows what a raised reading looks like on the runner: the recheck
            # limit reached at 40 minutes, noted, the recheck not yet due. No random draw: the rest of
            # the demo stays as it was for the same seed.
            peak = (164, 101, peak[2] + 4, peak[3])
        if self._vital(person, at40, peak, "scheduled"):
            facts.readings["+40"] = peak
        if spotlight:
            self._observe(person, at40 + timedelta(minutes=1), "hypertension", "moderate",
                          f"BP {bp(peak)} at 40 minutes.", HYPERTENSION_ACTIONS[0])
        elif peak[0] >= 160 or peak[1] >= 100:
            severe = peak[0] >= 180 or peak[1] >= 110
            self._observe(person, at40 + self._ctx.minutes(0.5, 2), "hypertension", "severe" if severe else "moderate",
                          f"BP {bp(peak)} at 40 minutes.", rng.choice(HYPERTENSION_ACTIONS))
            settle = (peak[0] - rng.randint(12, 22), peak[1] - rng.randint(6, 12), peak[2] - 4, peak[3])
            self._vital(person, at40 + self._ctx.minutes(10, 15), settle, "recheck")
        at90 = dose_at + self._ctx.minutes(89.5, 94)
        later = self._reading(person, 3, 2, 2)
        if self._vital(person, at90, later, "scheduled"):
            facts.readings["+90"] = later
        for kind, odds in OBSERVATION_ODDS:
            if rng.random() < odds:
                options = OBSERVATIONS[kind]
                strong = len(options) > 1 and rng.random() < 0.25
                detail, action = options[1 if strong else 0]
                moaas = (3 if strong else 4) if kind == "sedation" else None
                low, high = OBSERVATION_MINUTES[kind]
                self._observe(person, dose_at + self._ctx.minutes(low, high), kind,
                              "moderate" if strong else "mild", detail, action, moaas)

    def _discharge(self, person: Person, facts: Facts, dose_at: datetime, window: tuple[datetime, datetime],
                   order: int, count: int, min_observation: int) -> datetime:
        ctx, rng = self._ctx, self._ctx.rng
        medic = ctx.staff_ids[self._medic]
        span = (window[1] - window[0]) / max(1, count)
        earliest = dose_at + timedelta(minutes=min_observation)
        out = whole(max(window[0] + span * (order + rng.uniform(0.3, 0.9)), earliest + ctx.minutes(1, 6)))
        final = self._reading(person, 1, 1, -2)
        # Staff wait for a reading below the protocol's 160/100 recheck limit before discharging anyone.
        final = (min(final[0], 158), min(final[1], 98), final[2], final[3])
        taken = max(out - ctx.minutes(4, 9), dose_at + timedelta(minutes=100))
        self._vital(person, taken, final, "pre_discharge")
        facts.readings["pre-discharge"] = final
        ready = max(earliest, taken)
        would = dose_at + timedelta(minutes=5 * round(rng.uniform(60, 105) / 5))
        checklist: dict[str, Any] = {}
        for i, item in enumerate(("min_observation", "vitals_within_limits", "alert_oriented", "no_active_nausea",
                                  "escort_present", "no_driving_acknowledged", "ready_time_recorded")):
            ticked = whole(taken + (out - taken) * (i + 1) / 8)
            checklist[item] = {"ok": True, "at": ticked.isoformat(timespec="seconds"), "by": medic}
        ctx.writer.add(Discharge, {
            "id": ctx.writer.next_id(Discharge), "session_id": self._sid, "participant_id": person.id,
            "checklist": checklist, "escort_name": person.escort, "would_have_been_ready_at": would,
            "ready_at": ready, "discharged_at": out, "discharged_by_id": medic, "override_reason": "",
            "monitoring_minutes": round((out - dose_at).total_seconds() / 60), "created_at": ready,
            "created_by_id": medic, "version": 1, "updated_at": out,
        })
        facts.discharged_at = out
        return out
