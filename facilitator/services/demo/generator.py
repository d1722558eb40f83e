"""Fill an empty clinic database with a fictional clinic: staff, participants, groups and years of sessions.

The same seed and the same "now" give the same rows: every random choice comes from seeded
``random.Random`` streams, and every timestamp is computed from the clock's time.
"""

from __future__ import annotations

import functools
import hashlib
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

from argon2 import PasswordHasher
from argon2.low_level import hash_secret
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.models import (
    Account,
    ClinicSetting,
    Group,
    GroupSession,
    Membership,
    Participant,
    Protocol,
    group_facilitator,
)
from facilitator.domain.clock import Clock, SystemClock
from facilitator.errors import UserError
from facilitator.services.demo.context import Context, ProtocolCopy
from facilitator.services.demo.credentials import DEMO_PASSWORD
from facilitator.services.demo.inventory import Inventory
from facilitator.services.demo.names import IdentityPool
from facilitator.services.demo.people import STAFF, Person, make_person
from facilitator.services.demo.roster import Roster
from facilitator.services.demo.schedule import GroupPlan, Slot, build_slots, local_to_utc, plan_groups
from facilitator.services.demo.sessions import RUNNING_STARTED, SessionBuilder
from facilitator.services.demo.summary import DemoSummary
from facilitator.services.demo.writer import BulkWriter
from facilitator.services.protocols import sync_builtin_protocols
from facilitator.services.store import Store

Progress = Callable[[float], None]
PROTOCOL_KEYS = {"dosing": "group-kap-sublingual", "integration": "integration-circle",
                 "preparation": "preparation-session"}
CLINIC = {
    "clinic_name": "Cedar Grove Integrative Psychiatry",
    "clinic_phone": "(303) 555-0100",
    "clinic_address": "2150 Cedar Grove Avenue, Suite 210, Boulder, CO 80302",
    "clinic_email": "care@cedargrove.example.org",
}


def generate_demo_clinic(store: Store, *, years: int = 1, seed: int = 7, clock: Clock | None = None,
                         progress: Progress | None = None, zone: tzinfo | None = None) -> DemoSummary:
    """Create the demo clinic in ``store``'s (empty) database, in one transaction.

    Args:
        store: an open :class:`~facilitator.services.store.Store`.
        years: how many years of history end now (about 250 sessions a year).
        seed: the random seed; the same seed and the same clock time give the same clinic.
        clock: where "now" comes from (default: the system clock).
        progress: called now and then with the fraction done (0..1), on the calling thread.
        zone: the clinic's time zone for meeting times; None means this computer's.

    Raises:
        UserError: if the database already holds participants or sessions, or ``years`` is below 1.
    """
    if years < 1:
        raise UserError("The demo clinic needs at least one year of history.")
    report: Progress = progress or (lambda _fraction: None)
    now = (clock or SystemClock()).now().astimezone(UTC).replace(microsecond=0)
    report(0.0)
    with store.session() as session:
        people = session.scalar(select(func.count()).select_from(Participant)) or 0
        sessions = session.scalar(select(func.count()).select_from(GroupSession)) or 0
        if people or sessions:
            raise UserError("This database already holds participants or sessions; "
                            "demo data only goes into an empty database.")
        summary = _generate(session, years, seed, now, zone, report)
        report(0.97)
    report(1.0)
    return summary



SPANISH_READERS = 2  # the running session shows handouts in two languages


def _bilingual_members(members: list[Person]) -> None:
    """Let a few members of an English-speaking group read Spanish first, so handouts come in both languages.

    Many bilingual participants of a US clinic join a group held in English yet take home notes in
    Spanish. Members with a Spanish family name are picked first, then the earliest intakes.
    """
    readers = [p for p in members if p.row["preferred_language"] == "es"]
    spanish_name = {"Delgado", "Rivera", "Castellanos"}
    others = sorted((p for p in members if p not in readers), key=lambda p: (p.who.last not in spanish_name, p.id))
    for person in others[: max(0, SPANISH_READERS - len(readers))]:
        person.row["preferred_language"] = "es"
        person.extra["spanish_reader"] = True

def _generate(session: Session, years: int, seed: int, now: datetime, zone: tzinfo | None,
              report: Progress) -> DemoSummary:
    now_local = now.astimezone(zone)
    today = now_local.date()
    run_local = now_local - RUNNING_STARTED
    run_local = run_local.replace(minute=run_local.minute - run_local.minute % 5, second=0)
    first_day = today - timedelta(days=round(365.25 * years))
    writer = BulkWriter(session)
    protocols = _protocols(session)
    staff_ids = _accounts(session, writer, seed, local_to_utc(first_day, (9, 0), zone) - timedelta(days=60), now)
    _settings(session, writer, now)

    calendar = random.Random(f"{seed}:calendar")
    groups = plan_groups(calendar, run_local, today)
    group_ids = [writer.next_id(Group) for _ in groups]
    slots = build_slots(calendar, groups, first_day, today + timedelta(days=21), run_local.date(), today, zone)
    names, traits = IdentityPool(random.Random(f"{seed}:people")), random.Random(f"{seed}:traits")

    def intake(language: str, day: date) -> Person:
        available = day - timedelta(days=traits.randint(0, 21))
        return make_person(traits, names.next(language), writer.next_id(Participant), len(roster.people),
                           available, today, zone, staff_ids["dreyes"])

    roster = Roster(random.Random(f"{seed}:roster"), intake, groups, group_ids, staff_ids,
                    lambda: writer.next_id(Membership), zone)
    for language, count in (("en", 28), ("es", 8)):  # the clinic's first intakes, ready when the history begins
        for _ in range(count):
            roster.intake(language, first_day)
    attending = [(roster.update(slot, today), roster.dropin(slot) if slot.start <= now and not slot.running
                  else None) for slot in slots]
    roster.finish(today, now)
    running = next((members for slot, (members, _) in zip(slots, attending, strict=True) if slot.running), [])
    _bilingual_members(running)
    for person in roster.people:
        writer.add(Participant, {"id": person.id, **person.row})
    _groups(writer, groups, group_ids, protocols, staff_ids, local_to_utc(first_day, (9, 0), zone))
    for membership in roster.memberships:
        writer.add(Membership, membership)
    report(0.05)

    ctx = Context(random.Random(f"{seed}:sessions"), writer, now, zone, staff_ids, protocols)
    inventory = Inventory(ctx, "hlindqvist")
    builder = SessionBuilder(ctx, inventory, groups, group_ids)
    following = _next_slots(slots)
    step = max(1, len(slots) // 100)
    for i, (slot, (members, dropin)) in enumerate(zip(slots, attending, strict=True)):
        builder.build(slot, members, dropin, following.get(slot))
        writer.maybe_flush()
        if i % step == 0:
            report(0.05 + 0.9 * i / len(slots))
    inventory.close("dreyes")
    writer.flush()
    return DemoSummary.from_counts(years=years, seed=seed, facilitators=sum(1 for s in STAFF if s.key != "demo"),
                                   statuses=builder.statuses, rows=writer.counts)


def _protocols(session: Session) -> dict[str, ProtocolCopy]:
    rows = {p.key: p for p in session.scalars(select(Protocol).where(Protocol.key.in_(PROTOCOL_KEYS.values())))}
    if len(rows) < len(PROTOCOL_KEYS):
        sync_builtin_protocols(session)
        rows = {p.key: p for p in session.scalars(select(Protocol).where(Protocol.key.in_(PROTOCOL_KEYS.values())))}
    return {kind: ProtocolCopy.from_row(rows[key]) for kind, key in PROTOCOL_KEYS.items()}


@functools.lru_cache(maxsize=4)
def demo_password_hash(seed: int) -> str:
    """The argon2id hash of the demo password, with PasswordHasher's parameters and a salt from the seed.

    A fixed salt keeps the database identical run to run; the password is public anyway.
    """
    hasher = PasswordHasher()
    salt = hashlib.sha256(f"facilitator-demo-clinic:{seed}".encode()).digest()[: hasher.salt_len]
    return hash_secret(DEMO_PASSWORD.encode(), salt, time_cost=hasher.time_cost, memory_cost=hasher.memory_cost,
                       parallelism=hasher.parallelism, hash_len=hasher.hash_len, type=hasher.type).decode()


def _accounts(session: Session, writer: BulkWriter, seed: int, created: datetime, now: datetime) -> dict[str, int]:
    """The staff accounts (an existing account with the same username is used as it is)."""
    existing = {name: key for name, key in session.execute(select(Account.username, Account.id))}
    password = demo_password_hash(seed)  # hashed once, shared by every demo account
    ids: dict[str, int] = {}
    for n, member in enumerate(STAFF):
        if member.key in existing:
            ids[member.key] = existing[member.key]
            continue
        ids[member.key] = writer.next_id(Account)
        writer.add(Account, {
            "id": ids[member.key], "username": member.key, "display_name": member.name,
            "credentials": member.credentials, "role": member.role, "password_hash": password, "active": True,
            "failed_logins": 0, "locked_until": None,
            "last_login_at": None if member.key == "demo" else now - timedelta(hours=3 + 17 * n),
            "password_changed_at": created, "created_at": created, "version": 1, "updated_at": None,
        })
    return ids


def _settings(session: Session, writer: BulkWriter, now: datetime) -> None:
    present = set(session.scalars(select(ClinicSetting.key)))
    for key, value in CLINIC.items():
        if key not in present:
            writer.add(ClinicSetting, {"key": key, "value": value, "created_at": now})


def _groups(writer: BulkWriter, groups: list[GroupPlan], ids: list[int], protocols: dict[str, ProtocolCopy],
            staff_ids: dict[str, int], created: datetime) -> None:
    for group, gid in zip(groups, ids, strict=True):
        writer.add(Group, {
            "id": gid, "name": group.name, "kind": group.kind, "status": "active", "capacity": 8,
            "description": group.description,
            "default_protocol_id": protocols["dosing" if group.series else "integration"].id,
            "meeting_weekday": group.weekday, "meeting_time": f"{group.time[0]:02d}:{group.time[1]:02d}",
            "location": group.location, "created_at": created - timedelta(days=30 - 3 * group.index),
            "created_by_id": staff_ids["mokafor"], "version": 1, "updated_at": None,
        })
        for key in dict.fromkeys((group.therapist, group.medic)):
            writer.add(group_facilitator, {"group_id": gid, "account_id": staff_ids[key]})


def _next_slots(slots: list[Slot]) -> dict[Slot, Slot]:
    """The following session of the same group, for each session."""
    following: dict[Slot, Slot] = {}
    last: dict[int, Slot] = {}
    for slot in slots:
        if slot.group in last:
            following[last[slot.group]] = slot
        last[slot.group] = slot
    return following
