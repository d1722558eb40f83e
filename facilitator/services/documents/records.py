"""Pieces every document shares: the clinic's letterhead, notes with their addenda, staff signatures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Account, ClinicSetting, Note
from facilitator.domain.enums import AttendanceStatus
from facilitator.services import actor as actors

# Attendance statuses of someone who was in the room for at least part of the session.
IN_ROOM = frozenset({AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value, AttendanceStatus.LEFT_EARLY.value})
_CLINIC_KEYS = ("clinic_name", "clinic_phone", "clinic_address", "clinic_email")


@dataclass(frozen=True)
class ClinicInfo:
    """The clinic as printed on every document (ClinicSetting rows; empty when not set)."""

    name: str = ""
    phone: str = ""
    address: str = ""
    email: str = ""

    @property
    def contact_line(self) -> str:
        """Phone and e-mail on one line, whichever exist."""
        return " · ".join(part for part in (self.phone, self.email) if part)


@dataclass(frozen=True)
class AddendumRecord:
    """A change after signing; its body is plain text."""

    created_at: datetime
    body: str
    signature: str


@dataclass(frozen=True)
class NoteRecord:
    """A note as the record prints it.

    Attributes:
        title: "Group note" or the participant's name.
        body: the note's own safe markup (a small HTML subset: p, br, b, i, u, ul, ol, li).
        themes: the note's theme tags.
        author: who wrote it ("Name, credentials"; empty when unknown).
        signature: as signed ("Name, credentials"); empty for an unsigned draft.
    """

    note_id: int
    session_id: int
    participant_id: int | None
    title: str
    template: str
    body: str
    themes: tuple[str, ...]
    author: str
    created_at: datetime
    signed_at: datetime | None
    signature: str
    addenda: tuple[AddendumRecord, ...]
    session_start: datetime | None = None

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def load_clinic(session: Session) -> ClinicInfo:
    query = select(ClinicSetting.key, ClinicSetting.value).where(ClinicSetting.key.in_(_CLINIC_KEYS))
    rows = {key: value for key, value in session.execute(query)}
    return ClinicInfo(name=rows.get("clinic_name", ""), phone=rows.get("clinic_phone", ""),
                      address=rows.get("clinic_address", ""), email=rows.get("clinic_email", ""))


def signatures(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """"Name, credentials" of each account id given (None ids ignored)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {a.id: a.signature for a in session.scalars(select(Account).where(Account.id.in_(wanted)))}


def split_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, trimmed, without empties or repeats, in their order."""
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


def note_records(session: Session, notes: Sequence[Note], titles: dict[int | None, str],
                 starts: dict[int, datetime] | None = None) -> list[NoteRecord]:
    """Notes (with addenda loaded) as records; ``titles`` maps participant id (None: group) to a title."""
    authors = signatures(session, [n.created_by_id for n in notes])
    return [
        NoteRecord(
            note_id=n.id, session_id=n.session_id, participant_id=n.participant_id,
            title=titles.get(n.participant_id, "Group note" if n.participant_id is None else "Participant note"),
            template=n.template, body=n.body, themes=split_tags(n.themes),
            author=authors.get(n.created_by_id, "") if n.created_by_id is not None else "",
            created_at=n.created_at, signed_at=n.signed_at, signature=n.signature,
            addenda=tuple(AddendumRecord(a.created_at, a.body, a.signature) for a in n.addenda),
            session_start=(starts or {}).get(n.session_id),
        )
        for n in notes
    ]


def audit_report(session: Session, document: str, *, entity_type: str, entity_id: int) -> None:
    """Record that a document was produced: which one and about which record (ids only, never PHI)."""
    actors.record(session, "report", entity_type=entity_type, entity_id=entity_id, detail=f"document: {document}")
