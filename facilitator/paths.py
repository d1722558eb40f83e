"""Where things live: the data directory and the bundled resources (checkout or frozen build)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from facilitator.errors import UserError

APP_NAME = "Facilitator"
DATA_DIR_ENV = "FACILITATOR_DATA_DIR"
DATABASE_URL_ENV = "FACILITATOR_DATABASE_URL"
DATABASE_FILENAME = "facilitator.db"


def resources_dir() -> Path:
    """The ``resources/`` folder, in a source checkout or inside a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """A file below ``resources/``."""
    return resources_dir().joinpath(*parts)


def default_data_dir() -> Path:
    from platformdirs import user_data_dir  # not needed when a folder is given (it costs start-up time)

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: ``--data-dir``, else ``FACILITATOR_DATA_DIR``, else the platform's."""
    raw = explicit or os.environ.get(DATA_DIR_ENV) or default_data_dir()
    return Path(raw).expanduser().resolve()


def ensure_data_dir(path: Path) -> Path:
    """Create the data directory if needed and make sure we can write into it.

    Raises:
        UserError: if the folder cannot be created or written.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"The data folder {path} cannot be created ({exc.strerror or exc}).") from None
    if not path.is_dir():
        raise UserError(f"The data folder {path} is a file, not a folder.")
    if not os.access(path, os.W_OK | os.X_OK):
        raise UserError(f"The data folder {path} is not writable; choose another with --data-dir.")
    return path


def default_database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILENAME


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def logs_dir(data_dir: Path) -> Path:
    return data_dir / "logs"
