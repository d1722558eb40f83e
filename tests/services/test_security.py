"""Encryption at rest, key slots, sign-in backoff and lockout, emergency access, the audit chain."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from facilitator.db import keyslots
from facilitator.db.audit_chain import verify
from facilitator.db.engine import create_db_engine, resolve_target
from facilitator.db.models import AuditEvent, Participant
from facilitator.domain.clock import FakeClock
from facilitator.errors import UserError
from facilitator.services import account_admin
from facilitator.services.accounts import SignInError
from facilitator.services.clinic_keys import Credentials, RecoveryAccess, SignInRequired
from facilitator.services.encrypt_existing import encrypt_clinic
from facilitator.services.store import NewClinic, open_store
from tests.conftest import TEST_ADMIN, TEST_PASSWORD, fast_kdf

# The encrypted SQLite file and its key slots (a server checks passwords against the account table).
pytestmark = pytest.mark.sqlite_only

SECRET_NAME = "Wilhelmina Quixotesco"
NOW = datetime(2026, 4, 2, 15, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_patient(store) -> int:  # type: ignore[no-untyped-def]
    first, last = SECRET_NAME.split()
    with store.session() as s:
        p = Participant(legal_first_name=first, legal_last_name=last, date_of_birth=date(1980, 1, 1),
                        medications="sertraline 50 mg")
        s.add(p)
        s.flush()
        return p.id


def sign_in(data_dir: Path, password: str = TEST_PASSWORD, username: str = TEST_ADMIN,
            clock: FakeClock | None = None):  # type: ignore[no-untyped-def]
    return open_store(data_dir=data_dir, credentials=Credentials(username, password), clock=clock or FakeClock(NOW))


def files_with(data_dir: Path, needle: bytes) -> list[str]:
    return [str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_no_participant_name_in_any_file_of_the_data_folder(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    with store.engine.connect() as reader:  # an open reader keeps the write-ahead log from being checkpointed away
        reader.execute(text("SELECT count(*) FROM participant")).scalar()
        add_patient(store)
        assert (data_dir / "facilitator.db-wal").stat().st_size > 0
        for needle in (b"Wilhelmina", b"Quixotesco", "Quixotesco".encode("utf-16-le"), b"sertraline"):
            assert files_with(data_dir, needle) == []
    store.dispose()
    assert files_with(data_dir, b"Quixotesco") == []


def test_signing_in_opens_the_file_and_a_wrong_password_changes_nothing(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    add_patient(store)
    store.dispose()
    before = digest(data_dir / "facilitator.db")
    with pytest.raises(SignInError, match="not right"):
        sign_in(data_dir, "wrong password here")
    assert digest(data_dir / "facilitator.db") == before
    with pytest.raises(SignInRequired, match="encrypted"):
        open_store(data_dir=data_dir)
    later = FakeClock(NOW)
    later.advance(minutes=1)
    reopened = sign_in(data_dir, clock=later)
    assert reopened.actor is not None and reopened.actor.username == TEST_ADMIN
    with reopened.session() as s:
        assert s.scalars(select(Participant.legal_last_name)).one() == "Quixotesco"
    reopened.dispose()


def test_a_wrong_raw_key_fails_with_one_sentence(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store.dispose()
    target = resolve_target(None, data_dir / "facilitator.db")
    with pytest.raises(UserError, match="key does not open"):
        create_db_engine(target, key=os.urandom(32))


def test_backoff_then_lockout_after_five_failures_and_the_audit_remembers(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store.dispose()
    clock = FakeClock(NOW)
    with pytest.raises(SignInError, match="not right"):
        sign_in(data_dir, "nope nope nope", clock=clock)
    with pytest.raises(SignInError, match="wait"):
        sign_in(data_dir, TEST_PASSWORD, clock=clock)  # even the right password waits out the backoff
    for _ in range(4):
        clock.advance(60)
        with pytest.raises(SignInError, match="not right"):
            sign_in(data_dir, "nope nope nope", clock=clock)
    clock.advance(60)
    with pytest.raises(SignInError, match="locked after 5"):
        sign_in(data_dir, TEST_PASSWORD, clock=clock)
    clock.advance(minutes=16)
    reopened = sign_in(data_dir, clock=clock)
    with reopened.session() as s:
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions.count("login_failed") == 4 and actions.count("account_locked") == 1
        assert actions[-1] == "login"
        assert verify(s).ok
    reopened.dispose()


def test_password_change_rewraps_one_slot(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    account_admin.add_account(store, username="nurse.kim", display_name="Kim Park", password="vitals every forty",
                              role="monitor", credentials="RN")
    add_patient(store)
    keyfile = keyslots.keyfile_path(data_dir / "facilitator.db")
    before = {s.username: s.wrapped for s in keyslots.load_keyfile(keyfile).slots}
    db_before = digest(data_dir / "facilitator.db")
    store.dispose()
    kim = sign_in(data_dir, "vitals every forty", "nurse.kim")
    account_admin.change_own_password(kim, "vitals every forty", "a brand new passphrase", NOW)
    kim.dispose()
    after = {s.username: s.wrapped for s in keyslots.load_keyfile(keyfile).slots}
    assert after[TEST_ADMIN] == before[TEST_ADMIN] and after[""] == before[""]
    assert after["nurse.kim"] != before["nurse.kim"]
    with pytest.raises(SignInError):
        sign_in(data_dir, "vitals every forty", "nurse.kim", clock=FakeClock(NOW.replace(hour=16)))
    again = sign_in(data_dir, "a brand new passphrase", "nurse.kim", clock=FakeClock(NOW.replace(hour=17)))
    with again.session() as s:
        assert s.scalars(select(Participant.legal_first_name)).one() == "Wilhelmina"
    again.dispose()
    assert db_before  # the database itself was never re-encrypted: only the slot changed


def test_deactivated_accounts_lose_their_slot(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    kim = account_admin.add_account(store, username="kim", display_name="Kim Park", password="vitals every forty",
                                    role="monitor")
    account_admin.set_active(store, kim, False)
    store.dispose()
    with pytest.raises(SignInError):
        sign_in(data_dir, "vitals every forty", "kim")


def test_only_admins_manage_accounts(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    account_admin.add_account(store, username="kim", display_name="Kim Park", password="vitals every forty",
                              role="clinician")
    store.dispose()
    kim = sign_in(data_dir, "vitals every forty", "kim")
    with pytest.raises(UserError, match="administrator"):
        account_admin.add_account(kim, username="x2", display_name="X", password="long enough pass", role="admin")
    kim.dispose()


@pytest.mark.parametrize("password", ["short", "aaaaaaaaaaaaaaaa", "abababababab"])
def test_password_rules(store, password: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError):
        account_admin.add_account(store, username="kim", display_name="Kim", password=password, role="monitor")


def test_emergency_access_with_the_recovery_key_is_loudly_audited(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    recovery = store.new_recovery_key
    store.dispose()
    with pytest.raises(SignInError, match="recovery key"):
        open_store(data_dir=data_dir, credentials=RecoveryAccess("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "x"))
    with pytest.raises(UserError, match="needs a reason"):
        open_store(data_dir=data_dir, credentials=RecoveryAccess(recovery, "  "))
    typed = recovery.lower().replace("-", " ")  # as a person types it from paper
    glass = open_store(data_dir=data_dir, credentials=RecoveryAccess(typed, "admin away, night shift"))
    assert glass.actor is not None and glass.actor.username == "emergency-access"
    with glass.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "emergency_access")).one()
        assert "night shift" in event.detail
    glass.dispose()


def test_audit_verify_catches_an_edited_and_a_deleted_row(store) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        add_patient(store)
    with store.session() as s:
        report = verify(s)
        assert report.ok and report.rows >= 5
    with store.engine.begin() as con:
        original = con.execute(text("SELECT action FROM audit_event WHERE id = 3")).scalar()
        con.execute(text("UPDATE audit_event SET action = 'view' WHERE id = 3"))
    with store.session() as s:
        report = verify(s)
        assert report.first_broken_id == 3 and "content was changed" in report.reason
    with store.engine.begin() as con:
        con.execute(text("UPDATE audit_event SET action = :a WHERE id = 3"), {"a": original})
    with store.session() as s:
        assert verify(s).ok
    with store.engine.begin() as con:
        con.execute(text("DELETE FROM audit_event WHERE id = 4"))
    with store.session() as s:
        report = verify(s)
        assert report.first_broken_id == 5 and "link" in report.reason


def test_every_record_is_stamped_with_its_author_and_audited(store) -> None:  # type: ignore[no-untyped-def]
    pid = add_patient(store)
    with store.session() as s:
        patient = s.get(Participant, pid)
        assert patient is not None and patient.created_by_id == store.actor.id
        patient.pronouns = "she/her"
    with store.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_type == "participant")).all()
        assert [(e.action, e.username) for e in events] == [("create", TEST_ADMIN), ("update", TEST_ADMIN)]
        assert events[1].detail == "fields: pronouns"
        assert all("Quixotesco" not in e.detail for e in events)


def test_a_plaintext_clinic_is_encrypted_in_place_with_a_backup(data_dir: Path) -> None:
    plain = open_store(data_dir=data_dir, plaintext=True,
                       new_clinic=NewClinic(username="admin", display_name="Robin", password=TEST_PASSWORD))
    assert not plain.encrypted
    add_patient(plain)
    plain.dispose()
    assert files_with(data_dir, b"Quixotesco")
    signed_in = open_store(data_dir=data_dir, credentials=Credentials("admin", TEST_PASSWORD))
    encrypted, recovery = encrypt_clinic(signed_in, Credentials("admin", TEST_PASSWORD), kdf=fast_kdf())
    try:
        assert encrypted.encrypted and recovery
        with encrypted.session() as s:
            assert s.scalars(select(Participant.legal_last_name)).one() == "Quixotesco"
            assert verify(s).ok
        backups = list((data_dir / "backups").glob("pre-encryption-*.db"))
        assert len(backups) == 1 and keyslots.keyfile_path(backups[0]).exists()
    finally:
        encrypted.dispose()
    assert files_with(data_dir, b"Quixotesco") == []


def test_connections_derive_no_key_only_unlocking_does(tmp_path: Path) -> None:
    """A ratio, not a wall-clock figure: the machine may be busy. The absolute unlock time is a benchmark."""
    admin = NewClinic(username="admin", display_name="Robin", password=TEST_PASSWORD)
    open_store(data_dir=tmp_path, new_clinic=admin, sync_protocols=False).dispose()  # the real Argon2id costs
    started = time.perf_counter()
    store = open_store(data_dir=tmp_path, credentials=Credentials("admin", TEST_PASSWORD), upgrade=False,
                       sync_protocols=False)
    unlock = time.perf_counter() - started
    try:
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            with store.engine.connect() as con:
                con.execute(text("SELECT count(*) FROM participant")).scalar()
            timings.append(time.perf_counter() - started)
        assert min(timings) < unlock / 10, (timings, unlock)  # a passphrase would cost a KDF run each time
    finally:
        store.dispose()

def test_audit_listing_filters_export_and_admin_only(store, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from facilitator.services.audit import AuditFilter, count_events, export_csv, known_actions, list_events

    add_patient(store)
    with store.session() as s:
        rows = list_events(s, AuditFilter(entity_type="participant"))
        assert [r.action for r in rows] == ["create"]
        assert count_events(s, AuditFilter(username=TEST_ADMIN)) >= 2
        assert "login" not in known_actions(s) and "create" in known_actions(s)
        text_csv = export_csv(s, AuditFilter())
    assert text_csv.splitlines()[0].startswith("id,time_utc,user,action")
    assert "Quixotesco" not in text_csv
    account_admin.add_account(store, username="kim", display_name="Kim", password="vitals every forty",
                              role="clinician")
    store.dispose()
    kim = sign_in(data_dir, "vitals every forty", "kim")
    with pytest.raises(UserError, match="administrator"), kim.session() as s:
        list_events(s, AuditFilter())
    kim.dispose()
