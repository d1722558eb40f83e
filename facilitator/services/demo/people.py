"""The clinic's staff and participants: who they are, and the traits their records follow."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import Any

from facilitator.services.demo.names import (
    CONTACT_FIRST,
    CONTACT_FIRST_ES,
    CONTACT_LAST,
    FAMILY,
    NOT_FAMILY,
    STREETS,
    TOWNS,
    Identity,
    email_slug,
)
from facilitator.services.demo.phrases import THEMES
from facilitator.services.demo.schedule import local_to_utc


@dataclass(frozen=True)
class StaffMember:
    key: str  # the username
    name: str
    credentials: str
    role: str
    medical: bool  # may give doses and take vitals

    @property
    def signature(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


STAFF = (
    StaffMember("demo", "Demo Facilitator", "LPC", "admin", False),
    StaffMember("mokafor", "Miriam Okafor", "MD", "admin", True),
    StaffMember("dreyes", "Daniel Reyes", "LCSW", "clinician", False),
    StaffMember("hlindqvist", "Hannah Lindqvist", "RN", "monitor", True),
    StaffMember("tmarchetti", "Theo Marchetti", "LMFT", "clinician", False),
)

MEDICATIONS = (
    "Sertraline 100 mg daily", "Escitalopram 10 mg daily", "Bupropion XL 300 mg daily",
    "Venlafaxine XR 150 mg daily", "Lamotrigine 100 mg daily", "Trazodone 50 mg at bedtime as needed",
    "Levothyroxine 75 mcg daily", "Lorazepam 0.5 mg as needed (held 24 h before dosing)",
    "Propranolol 10 mg as needed", "Oral contraceptive", "Vitamin D 2000 IU daily",
)
BP_MEDICATIONS = ("Lisinopril 10 mg daily", "Amlodipine 5 mg daily", "Losartan 50 mg daily")
AREA_CODES = ("303", "720", "970", "719", "983", "505", "307", "801")


def fictional_phone(index: int) -> str:
    """A number in the 555-0100..0199 range reserved for fiction, unique for the first 800 indexes."""
    return f"({AREA_CODES[index // 100 % len(AREA_CODES)]}) 555-01{index % 100:02d}"


@dataclass(eq=False)
class Person:
    """A participant: the row to write, plus the traits and state the simulation follows."""

    id: int
    who: Identity
    row: dict[str, Any]
    available_from: date
    themes: tuple[str, ...]
    escort: str
    bp: tuple[float, float]  # baseline systolic, diastolic
    heart_rate: float
    spo2: int
    base: tuple[float, float]  # GAD-7 and PHQ-9 level at intake
    level: list[float]  # current GAD-7 and PHQ-9 level
    response: float  # factor per dosing session on the distance to ``floor`` (< 1 improves)
    floor: float  # the share of the intake level that treatment can reach at best
    item9_risk: float
    dose_mg: int
    dose_max: int
    # roster state
    group: int | None = None
    membership: dict[str, Any] | None = None
    enrolled: bool = False
    left_on: date | None = None
    may_return: bool = True
    end_status: str = "active"
    last_day: date | None = None
    dosings: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.who.language

    @property
    def first(self) -> str:
        return self.who.preferred or self.who.first


def _gauss(rng: random.Random, mean: float, sd: float, low: float, high: float) -> float:
    return min(high, max(low, rng.gauss(mean, sd)))


def make_person(rng: random.Random, who: Identity, pid: int, number: int, available: date, today: date,
                zone: tzinfo | None, author_id: int) -> Person:
    """A new participant, ready for groups from ``available`` (intake and consent a little before).

    Args:
        number: the running count of participants, for unique fictional phone numbers.
    """
    lang = who.language
    consent = available - timedelta(days=rng.randint(0, 10))
    created = local_to_utc(consent - timedelta(days=rng.randint(3, 20)), (10, rng.choice((0, 15, 30))), zone)
    slug = who.slug or email_slug(f"{who.preferred or who.first} {who.last}")
    family = rng.random() < 0.7
    contact = f"{rng.choice(CONTACT_FIRST_ES if lang == 'es' else CONTACT_FIRST)} " + (
        who.last if family else rng.choice(CONTACT_LAST))
    hypertension = rng.random() < 0.12
    meds = rng.sample(MEDICATIONS, rng.choice((0, 1, 1, 2)))
    if hypertension:
        meds.append(rng.choice(BP_MEDICATIONS))
    town, zip_code = rng.choice(TOWNS)
    row: dict[str, Any] = {
        "legal_first_name": who.first, "legal_last_name": who.last, "preferred_name": who.preferred,
        "pronouns": who.pronouns, "preferred_language": lang,
        "date_of_birth": today - timedelta(days=rng.randint(22 * 365 + 6, 70 * 365)),
        "email": f"{slug}@example.org", "phone": fictional_phone(2 * number + 1),
        "address": f"{rng.randint(100, 4999)} {rng.choice(STREETS)}, {town}, CO {zip_code}",
        "emergency_contact_name": contact, "emergency_contact_phone": fictional_phone(2 * number + 2),
        "emergency_contact_relation": rng.choice(FAMILY if family else NOT_FAMILY),
        "flag_hypertension": hypertension, "flag_cardiac": rng.random() < 0.03, "flag_psychosis_history": False,
        "flag_pregnancy": False, "flag_substance_use": rng.random() < 0.08, "medications": "; ".join(meds) or "None",
        "consent_date": consent, "status": "active", "created_at": created, "created_by_id": author_id,
        "version": 1, "updated_at": None,
    }
    kind = rng.random()
    response = (rng.uniform(0.72, 0.86) if kind < 0.62 else rng.uniform(0.88, 0.95) if kind < 0.82
                else rng.uniform(0.98, 1.02) if kind < 0.93 else rng.uniform(1.03, 1.08))
    gad, phq = _gauss(rng, 13, 3.5, 5, 21), _gauss(rng, 15, 4, 5, 26)
    return Person(
        id=pid, who=who, row=row, available_from=available,
        themes=tuple(t.tag for t in rng.sample(THEMES, 3)),
        escort=contact if rng.random() < 0.75 else f"{rng.choice(CONTACT_FIRST)} {rng.choice(CONTACT_LAST)}",
        bp=(_gauss(rng, 134, 5, 125, 146), _gauss(rng, 86, 4, 78, 94)) if hypertension
        else (_gauss(rng, 119, 8, 100, 136), _gauss(rng, 76, 6, 62, 88)),
        heart_rate=_gauss(rng, 72, 8, 56, 94), spo2=rng.choice((96, 97, 97, 98, 98, 99)),
        base=(gad, phq), level=[gad, phq], response=response, floor=rng.uniform(0.25, 0.55),
        item9_risk=0.22 if rng.random() < 0.12 else 0.01,
        dose_mg=rng.choice((100, 150, 150, 200)), dose_max=rng.choice((250, 300, 300, 350, 400)),
    )
