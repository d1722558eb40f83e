"""This machine's preferences (appearance, sound, lock), kept as JSON in the data directory.

Clinic-wide facts (the clinic's name and contact) live in the database instead, so every laptop
of a clinic prints the same handouts.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

ThemeChoice = Literal["system", "light", "dark"]
SETTINGS_FILENAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    """Per-machine preferences.

    Attributes:
        theme: follow the operating system, or force light or dark.
        large_text: scale every font up for reading at arm's length.
        chime_volume: 0.0 to 1.0.
        chime_muted: no sound at all (the visual cue still shows).
        circle_chime: in circle mode, a soft chime when a share reaches its soft limit (the visual
            cue shows either way).
        idle_lock_minutes: lock the screen after this many idle minutes.
        language: interface language ("en" or "es").
        unsigned_note_days: unsigned notes older than this appear on Today.
        backup_interval_minutes: automatic backup cadence while there are changes.
    """

    theme: ThemeChoice = "system"
    large_text: bool = False
    chime_volume: float = 0.6
    chime_muted: bool = False
    circle_chime: bool = False
    idle_lock_minutes: int = 5
    language: str = "en"
    unsigned_note_days: int = 2
    backup_interval_minutes: int = 15

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def _coerce(raw: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value, default = raw[f.name], getattr(defaults, f.name)
        # Keep the default when a hand-edited file holds the wrong type; never crash on it.
        if type(value) is type(default) or (isinstance(default, float) and isinstance(value, int)):
            values[f.name] = value
    if values.get("theme") not in (None, "system", "light", "dark"):
        values.pop("theme")
    return replace(defaults, **values)


def load_settings(data_dir: Path) -> Settings:
    """Read the settings file; a missing or damaged file gives the defaults."""
    path = data_dir / SETTINGS_FILENAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        log.warning("settings file unreadable; using defaults")
        return Settings()
    return _coerce(raw) if isinstance(raw, dict) else Settings()


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write the settings atomically (a crash leaves the old file or the new one, never half)."""
    path = data_dir / SETTINGS_FILENAME
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=data_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
