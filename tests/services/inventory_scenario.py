"""A clinic for the stock tests, and a dosing session of eight with two half tablets.

Doses are written the way the monitoring screen's dose recording (another issue) writes them, then
tied to the lot with ``dispense_for_dose`` as that screen will do right after.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from facilitator.db.models import Account, Dose, Participant, Protocol
from facilitator.domain.clock import FakeClock
from facilitator.services.inventory import dispense_for_dose, receive_lot
from facilitator.services.session_setup import plan_session
from tests.conftest import new_test_clinic

START = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)
# mg per participant; with 50 mg tablets, 125 and 175 mg are two and a half and three and a half tablets.
DOSES_MG = (100, 150, 125, 200, 150, 175, 100, 150)
NAMES = (("Ana", "Ruiz"), ("Beatriz", "Olsen"), ("Chloé", "Moreau"), ("Dev", "Shah"), ("Eli", "Novak"),
         ("Fatima", "Haddad"), ("Grzegorz", "Wójcik"), ("Hana", "Sato"))
_lot_numbers = itertools.count(1)


@dataclass(frozen=True)
class Staff:
    monitor_id: int  # Mei Okafor, RN: the usual second person
    inactive_id: int  # a former nurse whose account is deactivated
    protocol_id: int  # the sublingual group dosing protocol


@dataclass(frozen=True)
class Scenario:
    session_id: int
    lot_id: int
    lot_number: str
    dose_ids: tuple[int, ...]
    participant_ids: tuple[int, ...]
    clock: FakeClock


def open_stock_clinic(directory: Path):  # type: ignore[no-untyped-def]
    """A new encrypted clinic signed in as its admin (Robin Admin, LCSW), with a monitor and a former nurse."""
    store = new_test_clinic(directory)
    with store.session() as s:
        monitor = Account(username="mokafor", display_name="Mei Okafor", credentials="RN", role="monitor")
        gone = Account(username="former", display_name="Former Nurse", credentials="RN", role="monitor", active=False)
        s.add_all([monitor, gone])
        s.flush()
        protocol = s.scalar(select(Protocol.id).where(Protocol.key == "group-kap-sublingual"))
        staff = Staff(monitor_id=monitor.id, inactive_id=gone.id, protocol_id=protocol)
    return store, staff


def new_lot_number() -> str:
    return f"KRD2603-{next(_lot_numbers):03d}"


def receive_tablets(store, clock: FakeClock, quantity: int = 100, lot_number: str | None = None):  # type: ignore[no-untyped-def]
    return store.run(receive_lot, form="rapid-dissolve tablet", strength_mg=50, unit="tablet",
                     lot_number=lot_number or new_lot_number(), expiry=date(2027, 2, 28), quantity=quantity,
                     supplier="Front Range Compounding Pharmacy (fictional)", clock=clock)


def add_people(store, names=NAMES) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        people = [Participant(legal_first_name=first, legal_last_name=last) for first, last in names]
        s.add_all(people)
        s.flush()
        return tuple(p.id for p in people)


def add_dose(store, session_id: int, participant_id: int, mg: float, at: datetime, given_by: int) -> int:  # type: ignore[no-untyped-def]
    """What the monitoring screen's dose recording writes."""
    with store.session() as s:
        dose = Dose(session_id=session_id, participant_id=participant_id, route="sublingual", amount_mg=mg,
                    given_at=at, given_by_id=given_by)
        s.add(dose)
        s.flush()
        return dose.id


def dosing_session_of_eight(store, staff: Staff, *, start: datetime = START) -> Scenario:  # type: ignore[no-untyped-def]
    """Eight doses from a new lot of 100 tablets; the two half tablets' remainders wasted in front of the monitor."""
    clock = FakeClock(start - timedelta(days=2))
    lot = receive_tablets(store, clock)
    clock.advance(minutes=2 * 24 * 60)
    plan = store.run(plan_session, scheduled_start=start, protocol_id=staff.protocol_id, title="Thursday dosing",
                     location="Room 2")
    pids = add_people(store)
    doses = []
    for i, (pid, mg) in enumerate(zip(pids, DOSES_MG, strict=True)):
        dose_id = add_dose(store, plan.id, pid, mg, start + timedelta(minutes=60 + 2 * i), staff.monitor_id)
        units = Decimal(mg) / 50
        waste = Decimal("0.5") if units % 1 else Decimal(0)
        store.run(dispense_for_dose, dose_id, lot.id, units, waste_units=waste,
                  witness=staff.monitor_id if waste else None)
        doses.append(dose_id)
    clock.advance(minutes=4 * 60)
    return Scenario(session_id=plan.id, lot_id=lot.id, lot_number=lot.lot_number, dose_ids=tuple(doses),
                    participant_ids=pids, clock=clock)
