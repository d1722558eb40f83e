"""The protocols editor: create, duplicate, edit, archive and delete the clinic's templates.

Every template passes :func:`facilitator.domain.protocol.parse_protocol`, the same rules as the
built-in files. Built-ins are read-only (they follow the shipped files) but can be duplicated.
Sessions keep their own copy of a protocol, so editing a template never rewrites a session.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from facilitator.db.models import Group, GroupSession, Protocol
from facilitator.domain.protocol import ProtocolError, ProtocolSpec, parse_protocol
from facilitator.errors import UserError
from facilitator.services.protocols import phase_rows, spec_from_row

_KEY_LENGTH = 80


@dataclass(frozen=True)
class TemplateDetail:
    """A template as the editor shows it.

    Attributes:
        version: pass back to :func:`update_template` to detect an edit made elsewhere meanwhile.
        sessions_using: how many sessions were planned from it (their copies never change).
    """

    id: int
    version: int
    builtin: bool
    archived: bool
    spec: ProtocolSpec
    sessions_using: int

    @property
    def total_minutes(self) -> int:
        return self.spec.total_minutes


class Removal(StrEnum):
    DELETED = "deleted"
    ARCHIVED = "archived"  # kept because sessions or groups refer to it


def _detail(session: Session, row: Protocol) -> TemplateDetail:
    using = session.scalar(select(func.count()).select_from(GroupSession).where(GroupSession.protocol_id == row.id))
    return TemplateDetail(row.id, row.version, row.builtin, row.archived, spec_from_row(row), int(using or 0))


def _row(session: Session, protocol_id: int, *, editing: str | None = None) -> Protocol:
    row = session.get(Protocol, protocol_id)
    if row is None:
        raise UserError(f"There is no protocol with id {protocol_id}.")
    if editing and row.builtin:
        raise UserError(f"Built-in protocols are read-only and cannot be {editing}; duplicate it to make your own.")
    return row


def check_name_lengths(spec: ProtocolSpec) -> ProtocolSpec:
    """``spec`` if its names fit the database's columns (the parser has no length limits)."""
    if len(spec.name) > 160:
        raise UserError("A protocol's name holds at most 160 characters.")
    for number, phase in enumerate(spec.phases, start=1):
        if len(phase.name) > 120:
            raise UserError(f"The name of phase {number} holds at most 120 characters.")
    return spec


def _validated(data: ProtocolSpec | Mapping[str, Any]) -> ProtocolSpec:
    raw = data.to_dict() if isinstance(data, ProtocolSpec) else data
    try:
        return check_name_lengths(parse_protocol(raw))
    except ProtocolError as exc:
        raise UserError(f"The protocol cannot be saved: {exc}.") from None


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "protocol"


def _free(session: Session, column: Any, value: str, *, but: int | None = None) -> bool:
    query = select(Protocol.id).where(column == value)
    if but is not None:
        query = query.where(Protocol.id != but)
    return session.scalar(query.limit(1)) is None


def _unique(session: Session, column: Any, first: str, numbered: Callable[[int], str]) -> str:
    """``first`` if no template uses it, else ``numbered(2)``, ``numbered(3)``, …"""
    candidate, n = first, 1
    while not _free(session, column, candidate):
        n += 1
        candidate = numbered(n)
    return candidate


def _check_unique(session: Session, spec: ProtocolSpec, but: int | None = None) -> None:
    if not _free(session, Protocol.key, spec.key, but=but):
        raise UserError(f"A protocol with the key {spec.key!r} already exists.")
    if not _free(session, Protocol.name, spec.name, but=but):
        raise UserError(f"A protocol named {spec.name!r} already exists; choose another name.")


def _store(row: Protocol, spec: ProtocolSpec) -> None:
    row.key, row.name, row.kind, row.description = spec.key, spec.name, spec.kind.value, spec.description
    row.settings = spec.settings_dict()


def get_template(session: Session, protocol_id: int) -> TemplateDetail:
    return _detail(session, _row(session, protocol_id))


def create_template(
    session: Session, data: ProtocolSpec | Mapping[str, Any], user_id: int | None = None
) -> TemplateDetail:
    """Save a new template; a mapping without a key gets one made from the name."""
    if not isinstance(data, ProtocolSpec) and not str(data.get("key", "")).strip():
        slug = _slug(str(data.get("name", "")))
        data = {**data, "key": _unique(session, Protocol.key, slug, lambda n: f"{slug}-{n}")}
    spec = _validated(data)
    _check_unique(session, spec)
    row = Protocol(builtin=False, archived=False, created_by_id=user_id)
    _store(row, spec)
    row.phases = phase_rows(spec)
    session.add(row)
    session.flush()
    return _detail(session, row)


def duplicate_template(session: Session, protocol_id: int, user_id: int | None = None) -> TemplateDetail:
    """A user-owned copy of any template, built-ins included, named "… (copy)"."""
    spec = spec_from_row(_row(session, protocol_id))
    base = spec.key[: _KEY_LENGTH - 10]
    data = spec.to_dict()
    data["key"] = _unique(session, Protocol.key, f"{base}-copy", lambda n: f"{base}-copy-{n}")
    data["name"] = _unique(session, Protocol.name, f"{spec.name} (copy)", lambda n: f"{spec.name} (copy {n})")
    return create_template(session, data, user_id)


def update_template(
    session: Session, protocol_id: int, data: ProtocolSpec | Mapping[str, Any], *, version: int | None = None
) -> TemplateDetail:
    """Replace a template's name, description, phases, schedule and thresholds.

    Raises:
        UserError: for a built-in, an invalid protocol, a taken name, or an edit made elsewhere since
            ``version`` was read.
    """
    row = _row(session, protocol_id, editing="edited")
    if version is not None and version != row.version:
        raise UserError("This protocol was changed elsewhere since it was opened; reopen it to see the changes.")
    if not isinstance(data, ProtocolSpec) and not str(data.get("key", "")).strip():
        data = {**data, "key": row.key}
    spec = _validated(data)
    _check_unique(session, spec, but=row.id)
    _store(row, spec)
    flag_modified(row, "name")  # a change of phases alone must still bump the version
    row.phases.clear()
    session.flush()  # the old positions must be gone before the new rows reuse them
    row.phases.extend(phase_rows(spec))
    session.flush()
    return _detail(session, row)


def remove_template(session: Session, protocol_id: int) -> Removal:
    """Delete a template nothing refers to; archive it (hidden, restorable) when sessions or groups do."""
    row = _row(session, protocol_id, editing="deleted or archived")
    sessions = session.scalar(select(func.count()).select_from(GroupSession).where(GroupSession.protocol_id == row.id))
    groups = session.scalar(select(func.count()).select_from(Group).where(Group.default_protocol_id == row.id))
    if sessions or groups:
        row.archived = True
        session.flush()
        return Removal.ARCHIVED
    session.delete(row)
    session.flush()
    return Removal.DELETED


def restore_template(session: Session, protocol_id: int) -> TemplateDetail:
    """Bring an archived template back into the lists."""
    row = _row(session, protocol_id)
    row.archived = False
    session.flush()
    return _detail(session, row)
