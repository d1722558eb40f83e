"""What every part of the generator shares: the random stream, the writer, the clock, staff, protocols."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from facilitator.db.models import Protocol
from facilitator.services.demo.people import STAFF, StaffMember
from facilitator.services.demo.writer import BulkWriter
from facilitator.services.protocols import spec_from_row
from facilitator.services.sessions import phase_runs_from_spec


@dataclass(frozen=True)
class ProtocolCopy:
    """A template as each session copies it: its settings and its phases as row values."""

    id: int
    name: str
    kind: str
    settings: dict[str, Any]
    phases: tuple[dict[str, Any], ...]
    min_observation_minutes: int

    @classmethod
    def from_row(cls, row: Protocol) -> ProtocolCopy:
        spec = spec_from_row(row)
        phases = tuple(
            {
                "position": p.position, "name": p.name, "planned_minutes": p.planned_minutes, "purpose": p.purpose,
                "prompts": p.prompts, "colour": p.colour, "chime": p.chime, "vitals_check": p.vitals_check,
                "sharing": p.sharing, "share_minutes": p.share_minutes,
            }
            for p in phase_runs_from_spec(spec)
        )
        return cls(row.id, spec.name, spec.kind.value, spec.settings_dict(), phases, spec.min_observation_minutes)

    def index(self, prefix: str, default: int) -> int:
        """The position of the first phase whose name starts with ``prefix``."""
        return next((i for i, p in enumerate(self.phases) if p["name"].startswith(prefix)), default)


@dataclass
class Context:
    """Shared by the session builders (all on the generator's thread).

    Attributes:
        staff_ids: account id per staff username.
        protocols: the session copy per protocol kind.
        zone: the clinic's time zone; None means this computer's.
    """

    rng: random.Random
    writer: BulkWriter
    now: datetime
    zone: tzinfo | None
    staff_ids: dict[str, int]
    protocols: dict[str, ProtocolCopy]

    def staff(self, key: str) -> StaffMember:
        return next(s for s in STAFF if s.key == key)

    def signature(self, key: str) -> str:
        return self.staff(key).signature

    def clock(self, when: datetime) -> str:
        """Clinic-local "HH:MM" for notes."""
        return when.astimezone(self.zone).strftime("%H:%M")

    def minutes(self, low: float, high: float) -> timedelta:
        """A random whole-second span between ``low`` and ``high`` minutes."""
        return timedelta(seconds=round(self.rng.uniform(low, high) * 60))
