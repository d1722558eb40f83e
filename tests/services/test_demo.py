"""The demo clinic: deterministic, plausible, internally consistent, and only for an empty database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.db.base import Base
from facilitator.db.models import (
    Account,
    Attendance,
    ClinicSetting,
    Discharge,
    Dose,
    GroupSession,
    LedgerEntry,
    MeasureResponse,
    Membership,
    Note,
    Observation,
    Participant,
    PhaseRun,
    QuickNote,
    Share,
    VitalSign,
)
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services.demo import DemoSummary, generate_demo_clinic
from facilitator.services.participants import list_participants
from facilitator.services.sessions import list_sessions
from facilitator.services.store import Store
from tests.conftest import new_test_clinic

NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)  # a Thursday afternoon
# Written when the clinic is set up (with the wall clock and a random salt), not by the generator:
# the templates, the first administrator and the audit of that set-up.
NOT_DEMO = {"protocol", "protocol_phase", "alembic_version", "audit_event"}


def make_clinic(directory: Path, seed: int = 7, progress: list[float] | None = None) -> tuple[Store, DemoSummary]:
    store = new_test_clinic(directory)
    summary = generate_demo_clinic(store, years=1, seed=seed, clock=FakeClock(NOW), zone=UTC,
                                   progress=progress.append if progress is not None else None)
    return store, summary


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary, list[float]]]:
    progress: list[float] = []
    store, summary = make_clinic(tmp_path_factory.mktemp("clinic"), progress=progress)
    yield store, summary, progress
    store.dispose()


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.session() as s:
        tables = {t.name: [tuple(r) for r in s.execute(select(t).order_by(*t.primary_key.columns))]
                  for t in Base.metadata.sorted_tables if t.name not in NOT_DEMO}
    tables["account"] = [row for row in tables["account"] if row[0] != "admin"]  # the set-up's administrator
    return tables


def test_counts_and_summary(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    store, summary, _ = clinic
    assert summary.participants >= 40 and summary.groups == 5 and summary.running == 1
    assert 220 <= summary.sessions <= 280
    assert summary.describe().startswith(
        f"Demo clinic created: 4 facilitators, {summary.participants} participants, 5 groups, "
        f"{summary.sessions} sessions (1 running now).")
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == summary.participants
        assert s.scalar(select(func.count()).select_from(GroupSession)) == summary.sessions
        assert s.scalar(select(func.count()).select_from(VitalSign)) == summary.vitals > 0
        assert s.scalar(select(func.count()).select_from(Note)) == summary.notes > 0
        demo = s.scalars(select(Account).where(Account.username == "demo")).one()
        assert demo.display_name == "Demo Facilitator" and demo.role == "admin"
        assert PasswordHasher().verify(demo.password_hash, "demo-clinic-pass")
        assert demo.password_hash.startswith("$argon2id$")
        settings = {key: value for key, value in s.execute(select(ClinicSetting.key, ClinicSetting.value))}
        assert {"clinic_name", "clinic_phone", "clinic_address", "clinic_email"} <= set(settings)
        sizes = s.execute(select(func.count()).select_from(Membership).where(Membership.left_on.is_(None))
                          .group_by(Membership.group_id)).scalars().all()
        assert len(sizes) == 5 and all(6 <= n <= 8 for n in sizes)
        statuses = s.scalars(select(GroupSession.status).distinct()).all()
        assert {"finished", "planned", "running"} <= set(statuses)


def test_progress_runs_from_zero_to_one(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    progress = clinic[2]
    assert progress[0] == 0.0 and progress[-1] == 1.0 and progress == sorted(progress) and len(progress) > 10


def test_same_seed_and_clock_give_the_same_clinic(clinic: tuple[Store, DemoSummary, list[float]],
                                                  tmp_path: Path) -> None:
    first = clinic[0]
    again, _ = make_clinic(tmp_path / "again")
    other, _ = make_clinic(tmp_path / "other", seed=8)
    try:
        assert dump(again) == dump(first)
        assert again.run(list_sessions) == first.run(list_sessions)
        assert other.run(list_participants) != first.run(list_participants)
        assert other.run(list_sessions) != first.run(list_sessions)
    finally:
        again.dispose()
        other.dispose()


def test_refuses_a_database_that_is_not_empty(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    store = clinic[0]
    before = store.run(list_sessions)
    with pytest.raises(UserError, match="already holds participants or sessions"):
        generate_demo_clinic(store, clock=FakeClock(NOW))
    assert store.run(list_sessions) == before


def test_names_are_diverse(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    with clinic[0].session() as s:
        people = s.scalars(select(Participant)).all()
    names = [p.full_name for p in people]
    assert len(set(names)) == len(names)
    assert sum(not n.isascii() for n in names) >= 8
    assert any(re.search("[\u0370-\u03ff\u0400-\u04ff]", n) for n in names)  # Greek or Cyrillic script
    spanish = sum(p.preferred_language == "es" for p in people) / len(people)
    assert 0.1 <= spanish <= 0.3
    assert any(p.preferred_name for p in people) and all(p.date_of_birth for p in people)
    assert all("555-01" in p.phone and p.email.endswith("@example.org") for p in people)
    assert {p.status for p in people} >= {"active", "inactive"}


def test_severity_matches_total_and_items(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    bands = {"GAD-7": ((4, "minimal"), (9, "mild"), (14, "moderate"), (21, "severe")),
             "PHQ-9": ((4, "minimal"), (9, "mild"), (14, "moderate"), (19, "moderately severe"), (27, "severe"))}
    with clinic[0].session() as s:
        rows = s.scalars(select(MeasureResponse)).all()
    assert {r.instrument for r in rows} == {"GAD-7", "PHQ-9"}
    for r in rows:
        assert len(r.items) == (7 if r.instrument == "GAD-7" else 9)
        assert all(isinstance(i, int) and 0 <= i <= 3 for i in r.items)
        assert r.total == sum(r.items)
        assert r.severity == next(name for top, name in bands[r.instrument] if r.total <= top)
        assert r.taken_on <= NOW.date()
    assert any(r.instrument == "PHQ-9" and r.items[8] > 0 for r in rows)


def test_notes_never_name_another_participant(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    with clinic[0].session() as s:
        people = s.scalars(select(Participant)).all()
        notes = s.execute(select(Note.participant_id, Note.body).where(Note.participant_id.is_not(None))).all()
        shares = s.execute(select(Share.participant_id, Share.note_text)).all()
        signed = s.scalar(select(func.count()).select_from(Note).where(Note.signed_at.is_not(None)))
        unsigned = s.scalar(select(func.count()).select_from(Note).where(Note.signed_at.is_(None)))
    owners: dict[str, set[int]] = {}
    for p in people:
        for name in {p.legal_first_name, p.legal_last_name, p.preferred_name, p.full_name} - {""}:
            owners.setdefault(name, set()).add(p.id)
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, owners), key=len, reverse=True)) + r")\b")
    assert len(notes) > 500
    for pid, text in [*notes, *shares]:
        for found in pattern.findall(text):
            assert owners[found] == {pid}, f"{found!r} named in the record of participant {pid}"
    assert signed and unsigned and signed > 10 * unsigned


def test_every_time_is_sane(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    with clinic[0].session() as s:
        for column in (VitalSign.taken_at, Dose.given_at, Observation.observed_at, Discharge.discharged_at,
                       Note.created_at, Note.signed_at, QuickNote.at, Share.ended_at, Attendance.arrived_at,
                       LedgerEntry.at, PhaseRun.started_at, PhaseRun.ended_at, GroupSession.ended_at,
                       MeasureResponse.created_at, Participant.created_at):
            latest = s.scalar(select(func.max(column)))
            assert latest is not None and latest <= NOW, column
        for session in s.scalars(select(GroupSession)):
            check_session(s, session)


def check_session(s: Session, session: GroupSession) -> None:
    phases = session.phases
    if session.status in ("planned", "cancelled"):
        assert all(p.started_at is None and p.ended_at is None for p in phases)
        assert (session.scheduled_start > NOW) == (session.status == "planned")
        return
    assert session.started_at is not None
    times = [t for p in phases for t in (p.started_at, p.ended_at) if t is not None]
    assert times == sorted(times) and times[0] == session.started_at
    if session.status == "finished":
        assert session.ended_at == times[-1] and len(times) == 2 * len(phases)
        return
    assert session.status == "running" and session.ended_at is None
    assert timedelta(minutes=65) <= NOW - session.started_at <= timedelta(minutes=85)
    current = next(p for p in phases if p.started_at is not None and p.ended_at is None)
    assert current.name.startswith("Medicine journey")
    assert all(p.started_at is None for p in phases if p.position > current.position)
    doses = s.scalars(select(Dose).where(Dose.session_id == session.id)).all()
    assert doses and all(timedelta(minutes=35) <= NOW - d.given_at <= timedelta(minutes=55) for d in doses)
    pre = s.scalars(select(VitalSign.participant_id).where(VitalSign.session_id == session.id,
                                                           VitalSign.context == "pre_dose")).all()
    assert {d.participant_id for d in doses} <= set(pre)
    assert s.scalar(select(func.count()).select_from(Discharge).where(Discharge.session_id == session.id)) == 0
    assert s.scalar(select(func.count()).select_from(Note).where(Note.session_id == session.id)) == 0


def test_dosing_records_follow_the_protocol(clinic: tuple[Store, DemoSummary, list[float]]) -> None:
    with clinic[0].session() as s:
        doses = s.scalars(select(Dose)).all()
        assert doses and all(100 <= d.amount_mg <= 400 and d.route == "sublingual" and d.lot_number for d in doses)
        assert all(d.given_by_id is not None and d.created_by_id is not None for d in doses)
        vitals: dict[tuple[int, int], list[VitalSign]] = {}
        for v in s.scalars(select(VitalSign).order_by(VitalSign.taken_at)):
            vitals.setdefault((v.session_id, v.participant_id), []).append(v)
            assert 60 <= (v.systolic or 0) <= 260 and 30 <= (v.diastolic or 0) <= 160 and 95 <= (v.spo2 or 0) <= 99
        exits = {(d.session_id, d.participant_id): d for d in s.scalars(select(Discharge))}
        for dose in doses:
            readings = vitals[(dose.session_id, dose.participant_id)]
            assert readings[0].context == "pre_dose" and readings[0].taken_at < dose.given_at
            out = exits.get((dose.session_id, dose.participant_id))
            if out is not None:  # every finished dosing session discharges everyone dosed
                assert out.discharged_at is not None and out.ready_at is not None
                assert out.discharged_at >= dose.given_at + timedelta(minutes=120) and out.escort_name
                assert all(item["ok"] for item in out.checklist.values())
                after = [v.taken_at - dose.given_at for v in readings if v.context == "scheduled"]
                assert any(timedelta(minutes=38) <= t <= timedelta(minutes=45) for t in after)
        assert len(exits) == len(doses) - sum(1 for d in doses if d.session_id == running_id(s))
        balance: dict[int, float] = {}
        for entry in s.scalars(select(LedgerEntry).order_by(LedgerEntry.at)):
            sign = {"receive": 1, "count": 0}.get(entry.kind, -1)  # a shelf count moves nothing
            balance[entry.lot_id] = balance.get(entry.lot_id, 0) + sign * entry.quantity
            assert balance[entry.lot_id] >= 0
        dispensed = s.scalar(select(func.sum(LedgerEntry.quantity)).where(LedgerEntry.kind == "dispense"))
        assert dispensed == sum(d.amount_mg for d in doses) / 50


def running_id(s: Session) -> int:
    return s.scalars(select(GroupSession.id).where(GroupSession.status == "running")).one()


def test_a_demo_clinic_on_the_server_takes_new_records(pg_url: str, tmp_path: Path) -> None:
    """The demo writes its own ids; on PostgreSQL the id sequences must move past them, or the first
    participant added (or vitals recorded) afterwards would collide with a demo row."""
    from facilitator.domain.clock import FakeClock
    from facilitator.domain.participant_rules import ParticipantFields
    from facilitator.services.demo_clinic import create_demo_clinic
    from facilitator.services.participant_records import create_participant
    from tests.conftest import fast_kdf, reset_pg_schema

    reset_pg_schema(pg_url)
    now = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)
    store, _ = create_demo_clinic(pg_url, tmp_path, years=1, seed=3, clock=FakeClock(now), kdf=fast_kdf())
    try:
        before = store.run(lambda s: s.scalar(select(func.max(Participant.id))))
        saved = store.run(create_participant, ParticipantFields(legal_first_name="New", legal_last_name="Person"),
                          today=now.date())
        assert saved.profile.id > before
    finally:
        store.dispose()
        reset_pg_schema(pg_url)
