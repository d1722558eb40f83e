"""Notes and addenda as the Notes screen, the session record and the PDFs read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator.db.models import Addendum, Note
from facilitator.domain import markup
from facilitator.domain.note_templates import template
from facilitator.domain.themes import parse_themes
from facilitator.errors import UserError


@dataclass(frozen=True)
class AddendumView:
    """A later addition to a signed note: who wrote it, when, and what (plain text)."""

    id: int
    note_id: int
    body: str
    signature: str
    created_at: datetime
    author_id: int | None


@dataclass(frozen=True)
class NoteView:
    """One note as stored.

    Attributes:
        participant_id: None for the group note.
        participant_name: the participant's display name ("" for the group note).
        body: safe markup (see :mod:`facilitator.domain.markup`).
        version: pass it back to ``save_note`` and ``sign_note``; a stale one is a conflict.
        signature: "Name, credentials" as signed; "" while unsigned.
    """

    id: int
    session_id: int
    participant_id: int | None
    participant_name: str
    kind: str
    template: str
    body: str
    themes: tuple[str, ...]
    version: int
    created_at: datetime
    updated_at: datetime | None
    author_id: int | None
    signed_at: datetime | None
    signed_by_id: int | None
    signature: str
    addenda: tuple[AddendumView, ...]

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def editable(self) -> bool:
        """Unsigned notes are edited in place; a signed note only takes addenda."""
        return self.signed_at is None

    @property
    def plain_text(self) -> str:
        return markup.to_plain_text(self.body)

    @property
    def is_blank(self) -> bool:
        """Nothing written yet (an untouched template counts as nothing)."""
        return markup.is_blank(self.body) or template(self.template).is_untouched(self.body)


@dataclass(frozen=True)
class SavedNote:
    """What an autosave returns: the version to pass with the next save."""

    note_id: int
    version: int
    updated_at: datetime | None
    body: str
    themes: tuple[str, ...]


class ConflictError(UserError):
    """The note changed elsewhere since this editor loaded it; both texts are kept for the user to choose.

    Attributes:
        note_id: the note.
        mine: the body this editor tried to save (safe markup).
        theirs: the body now stored.
        their_version: the stored version; save again with it to keep ``mine``.
        current: the stored note as it is now.
    """

    def __init__(self, mine: str, current: NoteView) -> None:
        super().__init__("This note was changed on another computer since you opened it; "
                         "compare the two versions and keep one.")
        self.note_id = current.id
        self.mine = mine
        self.theirs = current.body
        self.their_version = current.version
        self.current = current


def addendum_view(row: Addendum) -> AddendumView:
    return AddendumView(row.id, row.note_id, row.body, row.signature, row.created_at, row.created_by_id)


def note_view(row: Note, participant_name: str = "", addenda: list[Addendum] | None = None) -> NoteView:
    """A stored note as a view; ``addenda`` defaults to the note's loaded relationship."""
    rows = row.addenda if addenda is None else addenda
    return NoteView(
        id=row.id, session_id=row.session_id, participant_id=row.participant_id, participant_name=participant_name,
        kind=row.kind, template=row.template, body=row.body, themes=parse_themes(row.themes), version=row.version,
        created_at=row.created_at, updated_at=row.updated_at, author_id=row.created_by_id, signed_at=row.signed_at,
        signed_by_id=row.signed_by_id, signature=row.signature,
        addenda=tuple(addendum_view(a) for a in sorted(rows, key=lambda a: (a.created_at, a.id))),
    )
