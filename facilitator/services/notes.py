"""Integration notes: a group note and a note per present participant, autosaved, signed, then only added to.

Every function is one unit of work for ``Store.run``. The rules live here, not in the UI: a signed
note refuses every change but an addendum, and a save carries the version its editor loaded, so two
editors can never silently overwrite each other (:class:`ConflictError`).

Which thread: any. ``save_note`` is cheap enough to run about a second after typing stops.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import Addendum, Attendance, GroupSession, Note, Participant
from facilitator.domain import markup
from facilitator.domain.clock import Clock
from facilitator.domain.enums import AttendanceStatus, NoteKind
from facilitator.domain.note_templates import TEMPLATES
from facilitator.domain.themes import format_themes, parse_themes
from facilitator.errors import UserError
from facilitator.services import actor as actors
from facilitator.services.note_views import (
    AddendumView,
    ConflictError,
    NoteView,
    SavedNote,
    addendum_view,
    note_view,
)

MAX_BODY_CHARS = 100_000  # about 15,000 words
MAX_ADDENDUM_CHARS = 20_000
MAX_THEMES_CHARS = 400  # the column's size
PRESENT = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value, AttendanceStatus.LEFT_EARLY.value)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

__all__ = ["AddendumView", "ConflictError", "NoteView", "SavedNote", "SessionNotes", "add_addendum",
           "apply_template", "get_note", "get_notes", "get_session_notes", "participant_note", "save_note",
           "sign_note"]


@dataclass(frozen=True)
class SessionNotes:
    """A session's notes: the group note, and one per participant sorted by name."""

    session_id: int
    group: NoteView
    participants: tuple[NoteView, ...]

    @property
    def all(self) -> tuple[NoteView, ...]:
        return (self.group, *self.participants)


def get_session_notes(session: Session, session_id: int) -> SessionNotes:
    """The session's notes, creating the group note and each present participant's note if missing.

    A note already written for someone no longer marked present is kept and shown.

    Raises:
        UserError: if there is no such session.
    """
    if session.get(GroupSession, session_id) is None:
        raise UserError(f"There is no session with id {session_id}.")
    present = list(session.scalars(
        select(Attendance.participant_id).where(Attendance.session_id == session_id, Attendance.status.in_(PRESENT))
    ))
    notes = _load(session, session_id)
    missing = [pid for pid in [None, *present] if pid not in notes]
    if missing:
        _create(session, session_id, missing)
        notes = _load(session, session_id)
    names = _names(session, [pid for pid in notes if pid is not None])
    group = note_view(notes[None])
    people = sorted((note_view(n, names.get(pid, "")) for pid, n in notes.items() if pid is not None),
                    key=lambda v: (v.participant_name.casefold(), v.participant_id))
    actors.record(session, "view", entity_type="group_session", entity_id=session_id, detail="notes")
    return SessionNotes(session_id, group, tuple(people))


def participant_note(session: Session, session_id: int, participant_id: int) -> Note:
    """The participant's note for the session, created empty if it is not there yet."""
    note = _load(session, session_id).get(participant_id)
    if note is None:
        _create(session, session_id, [participant_id])
        note = _load(session, session_id)[participant_id]
    return note


def get_note(session: Session, note_id: int) -> NoteView:
    """One note with its addenda (for example after a conflict or to refresh a signed note)."""
    row = _note(session, note_id)
    name = _names(session, [row.participant_id]).get(row.participant_id, "") if row.participant_id else ""
    return note_view(row, name)


def get_notes(session: Session, note_ids: Sequence[int]) -> list[NoteView]:
    """Several notes as stored now (a screen refreshing the notes it shows); unknown ids are left out."""
    rows = session.scalars(select(Note).where(Note.id.in_(list(note_ids))).options(selectinload(Note.addenda)))
    notes = list(rows)
    names = _names(session, [n.participant_id for n in notes])
    return [note_view(n, names.get(n.participant_id, "") if n.participant_id else "") for n in notes]


def save_note(session: Session, note_id: int, body: str, *, expected_version: int,
              themes: str | Sequence[str] | None = None) -> SavedNote:
    """Save an edit (the autosave): the body as safe markup and, if given, the theme tags.

    Saving what is already stored writes nothing and returns the stored version (whatever
    ``expected_version`` was: both editors hold the same text).

    Args:
        body: the editor's HTML (sanitised here) or plain text.
        expected_version: the version the editor loaded or last saved.
        themes: a comma-separated string or a list of tags; None leaves them as they are.

    Raises:
        ConflictError: the note changed since ``expected_version``.
        UserError: the note is signed, or the text is too long.
    """
    clean = markup.sanitize(body)
    if len(clean) > MAX_BODY_CHARS:
        raise UserError(f"A note holds at most {MAX_BODY_CHARS:,} characters; split it or add an addendum.")
    row = _editable(session, note_id)
    tags = row.themes if themes is None else _themes(themes)
    unchanged = clean == row.body and tags == row.themes
    if row.version != expected_version and not unchanged:  # the same text saved twice is no conflict
        raise ConflictError(clean, get_note(session, note_id))
    if not unchanged:
        row.body, row.themes = clean, tags
        _flush_or_conflict(session, row, clean)
    return SavedNote(row.id, row.version, row.updated_at, row.body, parse_themes(row.themes))


def apply_template(session: Session, note_id: int, key: str, *, expected_version: int) -> NoteView:
    """Use a template: an empty note gets its sections; a note with text keeps it as it is.

    Raises:
        UserError: for an unknown template or a signed note; ConflictError for a stale version.
    """
    chosen = TEMPLATES.get(key)
    if chosen is None:
        raise UserError(f"There is no note template called {key!r}.")
    row = _editable(session, note_id)
    if row.version != expected_version:
        raise ConflictError(row.body, get_note(session, note_id))
    row.template = chosen.key
    if markup.is_blank(row.body) or any(t.is_untouched(row.body) for t in TEMPLATES.values()):
        row.body = chosen.body
    _flush_or_conflict(session, row, row.body)
    return get_note(session, note_id)


def sign_note(session: Session, note_id: int, *, expected_version: int, clock: Clock) -> NoteView:
    """Sign the note as the signed-in person (name, credentials, time); it is locked from then on.

    Raises:
        UserError: nobody is signed in with an account, the note is already signed, empty, or changed
            since ``expected_version`` (the signer must have seen what they sign).
    """
    who = _author(session, "sign a note")
    row = _note(session, note_id)
    if row.signed_at is not None:
        raise UserError(f"This note was already signed by {row.signature}.")
    if row.version != expected_version:
        raise UserError("This note changed since you opened it; read the latest version before signing.")
    if note_view(row).is_blank:
        raise UserError("This note is empty; write it before signing.")
    row.signed_at, row.signed_by_id, row.signature = clock.now(), who.id, who.signature
    _flush_or_conflict(session, row, row.body)
    actors.record(session, "sign", entity_type="note", entity_id=row.id)
    return get_note(session, note_id)


def add_addendum(session: Session, note_id: int, text: str, *, clock: Clock) -> AddendumView:
    """Add a signed addendum (plain text) under a signed note.

    Raises:
        UserError: the note is not signed yet, the text is empty or too long, or nobody is signed in.
    """
    who = _author(session, "add an addendum")
    row = _note(session, note_id)
    if row.signed_at is None:
        raise UserError("This note is not signed yet; edit it directly instead of adding an addendum.")
    body = _CONTROL.sub("", text).strip()
    if not body:
        raise UserError("The addendum is empty.")
    if len(body) > MAX_ADDENDUM_CHARS:
        raise UserError(f"An addendum holds at most {MAX_ADDENDUM_CHARS:,} characters.")
    addendum = Addendum(note_id=row.id, body=body, signature=who.signature, created_at=clock.now())
    session.add(addendum)
    session.flush()
    return addendum_view(addendum)


def _load(session: Session, session_id: int) -> dict[int | None, Note]:
    query = select(Note).where(Note.session_id == session_id).options(selectinload(Note.addenda)).order_by(Note.id)
    notes: dict[int | None, Note] = {}
    for note in session.scalars(query):
        notes.setdefault(note.participant_id, note)
    return notes


def _create(session: Session, session_id: int, participant_ids: list[int | None]) -> None:
    for pid in participant_ids:
        kind = NoteKind.GROUP if pid is None else NoteKind.PARTICIPANT
        try:
            # A savepoint per note: another laptop may create the same note at the same moment.
            with session.begin_nested():
                session.add(Note(session_id=session_id, participant_id=pid, kind=kind.value, template="free",
                                 body="", themes=""))
        except IntegrityError:
            continue


def _names(session: Session, ids: Sequence[int | None]) -> dict[int | None, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {p.id: p.display_name for p in session.scalars(select(Participant).where(Participant.id.in_(wanted)))}


def _note(session: Session, note_id: int) -> Note:
    row = session.get(Note, note_id)
    if row is None:
        raise UserError(f"There is no note with id {note_id}.")
    return row


def _editable(session: Session, note_id: int) -> Note:
    row = _note(session, note_id)
    if row.signed_at is not None:
        raise UserError(f"This note was signed by {row.signature} and is locked; add an addendum to change it.")
    return row


def _themes(themes: str | Sequence[str]) -> str:
    stored = format_themes(parse_themes(themes) if isinstance(themes, str) else list(themes))
    if len(stored) > MAX_THEMES_CHARS:
        raise UserError(f"The themes hold at most {MAX_THEMES_CHARS} characters together.")
    return stored


def _author(session: Session, what: str) -> actors.Actor:
    who = actors.actor_of(session)
    if who is None or who.id is None:
        raise UserError(f"Sign in with your own account to {what}.")
    return who


def _flush_or_conflict(session: Session, row: Note, mine: str) -> None:
    """Write the note; if another computer wrote it in between, report a conflict with its text."""
    try:
        with session.begin_nested():
            session.flush()
    except StaleDataError:
        session.expire(row)
        raise ConflictError(mine, get_note(session, row.id)) from None
