"""Protocol templates: the built-in TOML files, the database rows, and conversions between them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from facilitator import paths
from facilitator.db.models import Protocol, ProtocolPhase
from facilitator.domain.protocol import PhaseSpec, ProtocolError, ProtocolSpec, parse_protocol
from facilitator.errors import UserError


def builtin_protocol_dir() -> Path:
    return paths.resource("protocols")


def load_protocol_file(path: Path) -> ProtocolSpec:
    """Read and validate one protocol TOML file.

    Raises:
        UserError: naming the file and the field at fault.
    """
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise UserError(f"The protocol file {path.name} is missing.") from None
    except OSError as exc:
        raise UserError(f"The protocol file {path.name} cannot be read ({exc.strerror or exc}).") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"The protocol file {path.name} is not valid TOML: {exc}.") from None
    try:
        return parse_protocol(data, source=path.name)
    except ProtocolError as exc:
        raise UserError(f"The protocol file {exc}.") from None


def load_builtin_protocols(directory: Path | None = None) -> list[ProtocolSpec]:
    """Every built-in protocol, in file-name order.

    Raises:
        UserError: if the folder is missing or any file is malformed (naming it).
    """
    folder = directory or builtin_protocol_dir()
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        raise UserError(f"No built-in protocols were found in {folder}; the installation is incomplete.")
    specs = [load_protocol_file(f) for f in files]
    keys = [s.key for s in specs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise UserError(f"Two built-in protocol files share the key {sorted(duplicates)[0]!r}.")
    return specs


def spec_from_row(row: Protocol) -> ProtocolSpec:
    """The spec of a stored template (validated again, so a hand-edited row cannot slip through)."""
    data = dict(row.settings or {})
    data.update(key=row.key, name=row.name, kind=row.kind, description=row.description)
    data["phases"] = [
        {
            "name": p.name,
            "minutes": p.planned_minutes,
            "purpose": p.purpose,
            "prompts": [line for line in p.prompts.splitlines() if line.strip()],
            "colour": p.colour,
            "chime": p.chime,
            "vitals_check": p.vitals_check,
            "sharing": p.sharing,
        }
        for p in row.phases
    ]
    return parse_protocol(data, source=f"protocol {row.name!r}")


def phase_columns(spec: ProtocolSpec) -> list[dict[str, Any]]:
    """The columns a template's phase rows and a session's own copy of them share, in order."""
    return [
        {"position": i, "name": p.name, "planned_minutes": p.minutes, "purpose": p.purpose,
         "prompts": "\n".join(p.prompts), "colour": p.colour, "chime": p.chime, "vitals_check": p.vitals_check,
         "sharing": p.sharing}
        for i, p in enumerate(spec.phases)
    ]


def phase_rows(spec: ProtocolSpec) -> list[ProtocolPhase]:
    return [ProtocolPhase(**columns) for columns in phase_columns(spec)]


def sync_builtin_protocols(session: Session, specs: list[ProtocolSpec] | None = None) -> list[Protocol]:
    """Make the database's built-in templates match the shipped files (user templates untouched)."""
    specs = specs if specs is not None else load_builtin_protocols()
    existing = {
        p.key: p
        for p in session.scalars(select(Protocol).options(selectinload(Protocol.phases)).where(Protocol.builtin))
    }
    rows: list[Protocol] = []
    for spec in specs:
        row = existing.get(spec.key)
        if row is not None and spec_from_row(row) == spec:
            rows.append(row)
            continue
        if row is None:
            row = Protocol(key=spec.key, builtin=True)
            session.add(row)
        row.name, row.kind, row.description = spec.name, spec.kind.value, spec.description
        row.settings = spec.settings_dict()
        row.phases.clear()
        session.flush()
        row.phases.extend(phase_rows(spec))
        rows.append(row)
    session.flush()
    return rows


@dataclass(frozen=True)
class ProtocolSummary:
    id: int
    key: str
    name: str
    kind: str
    builtin: bool
    total_minutes: int
    phase_count: int


def list_protocols(session: Session, *, include_archived: bool = False) -> list[ProtocolSummary]:
    query = select(Protocol).options(selectinload(Protocol.phases)).order_by(Protocol.builtin.desc(), Protocol.name)
    if not include_archived:
        query = query.where(Protocol.archived.is_(False))
    return [
        ProtocolSummary(
            id=p.id,
            key=p.key,
            name=p.name,
            kind=p.kind,
            builtin=p.builtin,
            total_minutes=sum(ph.planned_minutes for ph in p.phases),
            phase_count=len(p.phases),
        )
        for p in session.scalars(query)
    ]


def get_protocol_spec(session: Session, protocol_id: int) -> ProtocolSpec:
    row = session.get(Protocol, protocol_id)
    if row is None:
        raise UserError(f"There is no protocol with id {protocol_id}.")
    return spec_from_row(row)


__all__ = [
    "PhaseSpec", "ProtocolSpec", "ProtocolSummary", "get_protocol_spec", "list_protocols",
    "load_builtin_protocols", "load_protocol_file", "phase_rows", "spec_from_row", "sync_builtin_protocols",
]
