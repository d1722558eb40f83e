"""How the app gets to an open, migrated, signed-in clinic database.

A SQLite clinic is encrypted: its key file holds a slot per account, so signing in *is* opening
the file. A plaintext file (older, or chosen explicitly) and a PostgreSQL server check the password
against the account table instead.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from facilitator import paths
from facilitator.db import keyslots, migrate, snapshot, soundness
from facilitator.db.engine import create_db_engine
from facilitator.db.keyslots import KdfParams
from facilitator.db.models import Account
from facilitator.db.target import DatabaseTarget
from facilitator.domain.clock import Clock, SystemClock
from facilitator.domain.enums import Role
from facilitator.errors import UserError
from facilitator.services import accounts, clinic_keys
from facilitator.services import actor as actors
from facilitator.services.actor import Actor
from facilitator.services.clinic_keys import Credentials, RecoveryAccess, SignInRequired
from facilitator.services.clinic_probe import (
    ClinicProbe,
    DamagedDatabase,
    NewClinic,
    NoClinicYet,
    no_clinic_yet,
    probe_clinic,
)
from facilitator.services.clinic_probe import target_for as _target
from facilitator.services.store import Store

EMERGENCY = Actor(id=None, username="emergency-access", display_name="Emergency access", role="admin")


def open_store(
    database_url: str | None = None,
    data_dir: str | Path | None = None,
    *,
    credentials: Credentials | RecoveryAccess | None = None,
    new_clinic: NewClinic | None = None,
    plaintext: bool = False,
    upgrade: bool = True,
    sync_protocols: bool = True,
    clock: Clock | None = None,
    kdf: KdfParams | None = None,
) -> Store:
    """Open (or create) the clinic database, migrated to the newest schema and signed in.

    Args:
        credentials: who signs in (a password, or the recovery key for emergency access).
        new_clinic: create the clinic here, with this first administrator (encrypted unless ``plaintext``).
        plaintext: allow an unencrypted new SQLite file (an explicit setting; the UI warns about it).
        kdf: Argon2id costs for new key slots (tests use cheap ones; the defaults suit a clinic).

    Raises:
        UserError: every problem a user can fix (bad URL, not a database, wrong password, …).
    """
    clock = clock or SystemClock()
    directory, target = _target(database_url, data_dir)
    keyfile: Path | None = None
    data_key: bytes | None = None
    demo = False
    recovery: str | None = None
    if target.sqlite_path is not None:
        keyfile_path = keyslots.keyfile_path(target.sqlite_path)
        exists = target.sqlite_path.exists() and target.sqlite_path.stat().st_size > 0
        if keyfile_path.exists():
            if new_clinic is not None:
                raise UserError(f"A clinic database already exists in {target.sqlite_path.parent}.")
            if credentials is None:
                raise SignInRequired("This clinic database is encrypted: sign in with --user NAME and the "
                                     "FACILITATOR_PASSWORD environment variable.")
            data_key = _unlock(keyfile_path, credentials, clock)
            keyfile, demo = keyfile_path, keyslots.load_keyfile(keyfile_path).demo
        elif exists:
            if new_clinic is not None:
                raise UserError(f"A clinic database already exists in {target.sqlite_path.parent}.")
        elif new_clinic is not None and not plaintext:
            data_key, recovery = clinic_keys.create_keyfile(
                keyfile_path, accounts.check_username(new_clinic.username), new_clinic.password,
                demo=new_clinic.demo, kdf=kdf)
            keyfile, demo = keyfile_path, new_clinic.demo
        elif new_clinic is None and not plaintext:
            raise no_clinic_yet(target)
    engine, checked_at = _open_checked(target, directory, data_key, unlocked=keyfile is not None and new_clinic is None,
                                       now=clock.now())
    try:
        result = _prepare(engine, target, directory, upgrade=upgrade, sync_protocols=sync_protocols)
        store = Store(target=target, engine=engine, data_dir=directory, migration=result, keyfile=keyfile,
                      demo=demo, data_key=data_key, new_recovery_key=recovery, clock=clock,
                      checked_at=checked_at)
        if new_clinic is not None:
            store.actor = _create_first_admin(store, new_clinic)
        elif credentials is not None:
            store.actor = _sign_in(store, credentials, clock)
    except OperationalError as exc:  # the first connection (a server's TLS or network) failed at sign-in
        engine.dispose()
        raise UserError(_describe_operational_error(target, exc)) from None
    except BaseException:
        engine.dispose()
        raise
    return store


def _open_checked(target: DatabaseTarget, directory: Path, key: bytes | None, *, unlocked: bool,
                  now: datetime) -> tuple[Engine, datetime | None]:
    """The engine, after a look at an existing SQLite file (damage is found before any write).

    The full ``quick_check`` runs when :mod:`facilitator.db.soundness` says the file may have changed
    outside a clean session; otherwise reading the schema is enough. Returns the engine and when the
    file was last fully checked (None for a server).
    """
    path = target.sqlite_path
    if path is None:
        return create_db_engine(target, key=key), None
    if not path.exists() or path.stat().st_size == 0:
        return create_db_engine(target, key=key), now
    try:
        engine = create_db_engine(target, key=key)
    except UserError:
        if not unlocked:  # a plaintext file that is not a database: the probe's own sentence
            raise
        engine = None  # the key came from the key file, so a file it cannot read is damaged
    marker = soundness.read_marker(path)
    full = soundness.needs_full_check(path, now)
    if engine is None or (snapshot.check(path, key, quick=True) if full else not _schema_readable(engine)):
        if engine is not None:
            engine.dispose()
        from facilitator.services.restore import newest_good_backup

        raise DamagedDatabase(path, newest_good_backup(directory, key))
    soundness.forget(path)
    return engine, (now if full or marker is None else marker.checked_at)


def _schema_readable(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        return True
    except DBAPIError:
        return False


def _unlock(keyfile: Path, credentials: Credentials | RecoveryAccess, clock: Clock) -> bytes:
    if isinstance(credentials, RecoveryAccess):
        return clinic_keys.unlock_with_recovery(keyfile, credentials.recovery_key)
    return clinic_keys.unlock_with_password(keyfile, credentials.username, credentials.password, clock.now())


def _prepare(engine: Engine, target: DatabaseTarget, directory: Path, *, upgrade: bool,
             sync_protocols: bool) -> migrate.MigrationResult | None:
    try:
        result = None
        if upgrade:
            result = migrate.upgrade(engine, sqlite_path=target.sqlite_path, backup_dir=paths.backups_dir(directory))
        if sync_protocols:
            from facilitator.services.protocols import sync_builtin_protocols

            with engine.begin() as connection:
                from sqlalchemy.orm import Session

                with Session(connection) as session:
                    sync_builtin_protocols(session)
                    session.flush()
        return result
    except OperationalError as exc:
        raise UserError(_describe_operational_error(target, exc)) from None
    except DBAPIError as exc:
        raise UserError(f"The database at {target.describe()} cannot be used ({exc.orig}).") from None


def _create_first_admin(store: Store, new: NewClinic) -> Actor:
    with store.session() as session:
        if session.scalar(select(func.count()).select_from(Account)):
            raise UserError("This database already has accounts; sign in instead of setting it up again.")
        session.info[actors.ACTOR_KEY] = actors.SYSTEM
        account = accounts.create_account(session, username=new.username, display_name=new.display_name,
                                          password=new.password, role=Role.ADMIN.value, credentials=new.credentials)
        admin = accounts.to_actor(account)
        actors.record(session, "clinic_created", detail="encrypted" if store.encrypted else "not encrypted",
                      actor=admin)
    return admin


def _sign_in(store: Store, credentials: Credentials | RecoveryAccess, clock: Clock) -> Actor:
    now = clock.now()
    if isinstance(credentials, RecoveryAccess) and store.keyfile is None:
        raise UserError("Emergency access with the recovery key is for an encrypted clinic database; "
                        "sign in with an account instead.")
    pending = clinic_keys.take_pending_audit(store.keyfile) if store.keyfile else []
    with store.session() as session:
        for item in pending:  # failures seen before the file could be opened
            actors.record(session, item.get("action", "login_failed"), detail=item.get("detail", ""),
                          actor=Actor(id=None, username=item.get("username", ""), display_name=""))
        if isinstance(credentials, RecoveryAccess):
            if not credentials.reason.strip():
                raise UserError("Emergency access needs a reason; it is recorded in the audit trail.")
            actors.record(session, "emergency_access", detail=f"reason: {credentials.reason.strip()}",
                          actor=EMERGENCY)
            return EMERGENCY
    assert isinstance(credentials, Credentials)
    if store.keyfile is None:
        return _sign_in_with_table(store, credentials, now)
    with store.session() as session:
        account = accounts.find_account(session, credentials.username)
        if account is None or not account.active:
            actors.record(session, "login_failed", detail="no active account",
                          actor=Actor(id=None, username=credentials.username.strip().lower(), display_name=""))
            raise accounts.SignInError("This account is deactivated; ask an administrator.")
        account.last_login_at = now
        who = accounts.to_actor(account)
        actors.record(session, "login", entity_type="account", entity_id=account.id, actor=who)
    return who


def _sign_in_with_table(store: Store, credentials: Credentials, now: datetime) -> Actor:
    failure: accounts.SignInError | None = None
    with store.session() as session:
        try:
            who = accounts.sign_in(session, credentials.username, credentials.password, now)
            actors.record(session, "login", entity_type="account", entity_id=who.id or "", actor=who)
        except accounts.SignInError as exc:
            failure = exc  # commit the counters and the audit row, then report
    if failure is not None:
        raise failure
    return who


def _describe_operational_error(target: DatabaseTarget, exc: OperationalError) -> str:
    text = str(exc.orig)
    if "locked" in text:
        return f"The database {target.describe()} is locked by another program; close it and try again."
    if "readonly" in text or "read-only" in text:
        return f"The database {target.describe()} is read-only; check the file's permissions."
    if "not a database" in text or "malformed" in text:
        return f"The database {target.describe()} is damaged ({text}); it was left untouched."
    if "SSL" in text or "certificate" in text or "root.crt" in text:
        return (f"The secure (TLS) connection to {target.describe()} failed ({_first_line(text)}); check the "
                "server's certificate and the sslmode and sslrootcert settings in the database URL.")
    if "connect" in text or "could not translate host" in text or "Connection refused" in text:
        return f"Cannot reach the database server for {target.describe()} ({_first_line(text)})."
    return f"The database {target.describe()} cannot be opened ({_first_line(text)})."


def _first_line(text: str) -> str:
    # psycopg's message names each address tried on its own line; the first says enough.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"


__all__ = ["EMERGENCY", "ClinicProbe", "Credentials", "DamagedDatabase", "NewClinic", "NoClinicYet", "RecoveryAccess",
           "SignInRequired", "no_clinic_yet", "open_store", "probe_clinic"]
