"""What is at the configured place — nothing yet, an encrypted clinic, a plaintext file or a server —
read without opening the database.

Kept free of SQLAlchemy: the sign-in window is built from this before the database layer is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from facilitator import paths
from facilitator.db import keyslots
from facilitator.db.target import DatabaseTarget, probe_sqlite_file, resolve_target
from facilitator.errors import UserError


class NoClinicYet(UserError):
    """Nothing is set up at this place yet."""


class DamagedDatabase(UserError):
    """The database file failed its check at start.

    Attributes:
        path: the damaged file (left untouched).
        backup: the newest backup that passed its checks, or None.
    """

    def __init__(self, path: Path, backup: Path | None) -> None:
        self.path, self.backup = path, backup
        where = (f"the newest good backup is {backup}; restore it with 'facilitator restore {backup}'"
                 if backup else "no good backup was found in its backups folder")
        super().__init__(f"The database {path.name} is damaged and was left untouched; {where}.")


@dataclass(frozen=True)
class NewClinic:
    """The first administrator of a new clinic database."""

    username: str
    display_name: str
    password: str = field(repr=False)
    credentials: str = ""
    demo: bool = False


@dataclass(frozen=True)
class ClinicProbe:
    """What is at the configured place, read without opening the database."""

    target: DatabaseTarget
    state: Literal["new", "encrypted", "plaintext", "server"]
    demo: bool = False


def target_for(database_url: str | None, data_dir: str | Path | None) -> tuple[Path, DatabaseTarget]:
    directory = paths.ensure_data_dir(paths.resolve_data_dir(data_dir))
    return directory, resolve_target(database_url, paths.default_database_path(directory))


def probe_clinic(database_url: str | None = None, data_dir: str | Path | None = None) -> ClinicProbe:
    _, target = target_for(database_url, data_dir)
    if target.sqlite_path is None:
        return ClinicProbe(target, "server" if not target.is_sqlite else "plaintext")
    keyfile = keyslots.keyfile_path(target.sqlite_path)
    if keyfile.exists():
        return ClinicProbe(target, "encrypted", keyslots.load_keyfile(keyfile).demo)
    probe_sqlite_file(target.sqlite_path)  # a file that is not a database is refused here, untouched
    if target.sqlite_path.exists() and target.sqlite_path.stat().st_size > 0:
        return ClinicProbe(target, "plaintext")
    return ClinicProbe(target, "new")


def no_clinic_yet(target: DatabaseTarget) -> NoClinicYet:
    where = target.sqlite_path.parent if target.sqlite_path else target.describe()
    return NoClinicYet(f"There is no clinic database in {where} yet: open the app to set one up, or run "
                       "'facilitator demo-data'.")
