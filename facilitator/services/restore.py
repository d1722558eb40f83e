"""Restoring the clinic database from a backup, and finding the newest backup that is sound.

A restore never destroys anything: the backup is first copied beside the database under a
temporary name, opened there with the signed-in person's password (which unlocks the backup's own
key file), checked for integrity and a known schema revision; only then is the current database
kept as ``backups/before-restore-<time>.db`` (or, when damaged, moved aside as
``backups/damaged-<time>.db``) and the checked copy renamed into its place.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from facilitator import paths
from facilitator.db import migrate, snapshot, soundness
from facilitator.domain.clock import Clock, SystemClock
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.backup import disk_error, keys_beside, stamp
from facilitator.services.clinic_keys import Credentials, RecoveryAccess
from facilitator.services.instance_lock import refuse_if_running


@dataclass(frozen=True)
class RestoreResult:
    """Where things went: the restored database and the copy of the one it replaced (None if there was none)."""

    database: Path
    kept: Path | None


def known_revision(revision: str | None) -> bool:
    if revision is None:
        return False
    from alembic.script import ScriptDirectory

    return revision in {r.revision for r in ScriptDirectory.from_config(migrate._config()).walk_revisions()}


def validate_backup(path: Path, key: bytes | None) -> list[str]:
    """Problems of a backup file read with ``key`` (integrity, schema); an empty list means good."""
    problems = snapshot.check(path, key)
    if problems:
        return problems
    if not known_revision(snapshot.schema_revision(path, key)):
        return ["its schema revision is not one this app knows"]
    return []


def newest_good_backup(data_dir: Path, key: bytes | None) -> Path | None:
    """The newest backup in the data folder that opens with ``key`` and passes its checks."""
    folder = paths.backups_dir(data_dir)
    if not folder.is_dir():
        return None
    candidates = [p for p in folder.glob("*.db") if not p.name.startswith("damaged-")]
    for path in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        if (key is None) == keys_beside(path).exists():
            continue  # an encrypted backup for a plaintext clinic, or the reverse
        if not validate_backup(path, key):
            return path
    return None


def restore_backup(database: Path, backup: Path, credentials: Credentials | RecoveryAccess, *,
                   data_dir: Path, damaged: bool | None = None, clock: Clock | None = None) -> RestoreResult:
    """Replace ``database`` by a validated copy of ``backup``.

    Args:
        database: the clinic's database file.
        backup: the backup to restore (with ``<backup>.keys`` beside it when encrypted).
        credentials: who restores; they must be able to sign in to the backup.
        damaged: the current database is damaged: move it aside untouched instead of copying it
            (None: find out with a quick check, using the backup's key).

    Raises:
        UserError: a missing or unsound backup, a wrong password, the app open on this database, a failed write.
    """
    from facilitator.services.opening import open_store

    clock = clock or SystemClock()
    backup = backup.expanduser().resolve()
    if not backup.is_file():
        raise UserError(f"There is no backup file at {backup}.")
    if backup == database:
        raise UserError("That file is the database itself; choose a backup file.")
    refuse_if_running(database)
    when = stamp(clock.now())
    staging = database.with_name(f".restoring-{when}.db")
    try:
        _stage(backup, staging)
        store = open_store(f"sqlite:///{staging}", data_dir, credentials=credentials, upgrade=False,
                           sync_protocols=False, clock=clock)
        try:
            problems = validate_backup(staging, store.data_key)
            if problems:
                raise UserError(f"The backup {backup.name} cannot be restored ({problems[0]}); nothing was changed.")
            with store.session() as session:
                actors.record(session, "restore", detail=f"from backup {backup.name}")
            if damaged is None:
                damaged = database.exists() and bool(snapshot.check(database, store.data_key, quick=True))
        finally:
            store.dispose()
        kept = _keep_current(database, paths.backups_dir(data_dir), when, damaged=bool(damaged))
        _swap_in(staging, database)
    except OSError as exc:
        raise disk_error(exc, database.parent) from None
    finally:
        for leftover in (staging, keys_beside(staging), Path(f"{staging}-wal"), Path(f"{staging}-shm"),
                         soundness.marker_path(staging)):
            leftover.unlink(missing_ok=True)
    return RestoreResult(database, kept)


def _stage(backup: Path, staging: Path) -> None:
    shutil.copyfile(backup, staging)
    snapshot.fsync_file(staging)
    if keys_beside(backup).exists():
        shutil.copyfile(keys_beside(backup), keys_beside(staging))


def _keep_current(database: Path, folder: Path, when: str, *, damaged: bool) -> Path | None:
    if not database.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / (f"damaged-{when}.db" if damaged else f"before-restore-{when}.db")
    wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
    if damaged:  # moved, never rewritten: whoever examines it later sees exactly what was there
        shutil.move(database, kept)
        if wal.exists():
            shutil.move(wal, Path(f"{kept}-wal"))
    else:
        shutil.copyfile(database, kept)
        if wal.exists():
            shutil.copyfile(wal, Path(f"{kept}-wal"))
    if keys_beside(database).exists():
        shutil.copyfile(keys_beside(database), keys_beside(kept))
    snapshot.fsync_dir(folder)
    # The old write-ahead log is kept with the copy; beside the restored file it would be replayed into it.
    wal.unlink(missing_ok=True)
    shm.unlink(missing_ok=True)
    return kept


def _swap_in(staging: Path, database: Path) -> None:
    if Path(f"{staging}-wal").exists():
        raise UserError("The restored copy could not be closed cleanly; nothing was changed.")
    snapshot.fsync_file(staging)
    staged_keys = keys_beside(staging)
    if staged_keys.exists():
        staged_keys.replace(keys_beside(database))
    else:
        keys_beside(database).unlink(missing_ok=True)
    soundness.forget(database)  # a new file: the next opening checks it in full
    staging.replace(database)
    snapshot.fsync_dir(database.parent)
