"""A note per share: kept on the share and written into the speaker's own session note, and nowhere else.

The note gets one line per share, stamped with the time and the round, e.g.
``[14:32 · round 2] Spoke about her father  #grief #family``. Saving the same share again rewrites
its line rather than adding another. A signed note cannot change, so the line goes under it as a
signed addendum instead (and a correction of it as another addendum): nothing typed is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape

from sqlalchemy.orm import Session

from facilitator.db.models import Share
from facilitator.domain.clock import Clock
from facilitator.domain.themes import format_themes, parse_themes
from facilitator.errors import UserError
from facilitator.services import notes

MAX_SHARE_NOTE_CHARS = 2000
MAX_TAGS_CHARS = 400  # the column's size
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class SavedShareNote:
    """Where a share's note went.

    Attributes:
        landed: "note" (its line in the participant's note), "addendum" (the note was signed) or
            "unchanged" (nothing new to write).
        line: the line as written.
    """

    share_id: int
    landed: str
    line: str


def share_line(at: datetime, round_no: int, text: str, tags: tuple[str, ...], zone: tzinfo | None = None) -> str:
    """"[14:32 · round 2] text  #tag #two-words" (the time in ``zone``; None: this computer's)."""
    local = at.astimezone(zone)
    hashes = " ".join("#" + "-".join(tag.split()) for tag in tags)
    body = "  ".join(part for part in (text, hashes) if part)
    return f"[{local.hour:02d}:{local.minute:02d} · round {round_no}] {body}".rstrip()


def save_share_note(session: Session, share_id: int, text: str, tags: str | list[str] | tuple[str, ...],
                    clock: Clock, zone: tzinfo | None = None) -> SavedShareNote:
    """Keep ``text`` and ``tags`` on the share and put them in the speaker's note for the session.

    Raises:
        UserError: no such share, or the text or tags are too long.
    """
    share = session.get(Share, share_id)
    if share is None:
        raise UserError(f"There is no share with id {share_id}.")
    clean = " ".join(_CONTROL.sub(" ", text).split())
    if len(clean) > MAX_SHARE_NOTE_CHARS:
        raise UserError(f"A share's note holds at most {MAX_SHARE_NOTE_CHARS:,} characters; "
                        "write the rest in the participant's note.")
    stored_tags = format_themes(parse_themes(tags) if isinstance(tags, str) else list(tags))
    if len(stored_tags) > MAX_TAGS_CHARS:
        raise UserError(f"A share's tags hold at most {MAX_TAGS_CHARS} characters together.")
    at = share.started_at or clock.now()
    had_line = bool(share.note_text or share.tags)
    old = share_line(at, share.round, share.note_text, parse_themes(share.tags), zone)
    share.note_text, share.tags = clean, stored_tags
    new = share_line(at, share.round, clean, parse_themes(stored_tags), zone)
    session.flush()
    if (had_line and new == old) or not (clean or stored_tags):
        return SavedShareNote(share.id, "unchanged", new)
    note = notes.participant_note(session, share.session_id, share.participant_id)
    if note.signed_at is not None:
        prefix = "Circle share, corrected: " if had_line else "Circle share: "
        notes.add_addendum(session, note.id, prefix + new, clock=clock)
        return SavedShareNote(share.id, "addendum", new)
    old_markup, new_markup = _paragraph(old), _paragraph(new)
    if had_line and old_markup in note.body:
        body = note.body.replace(old_markup, new_markup, 1)
    else:
        body = note.body + new_markup
    themes = format_themes([*parse_themes(note.themes), *parse_themes(stored_tags)])
    if len(themes) > MAX_TAGS_CHARS:
        themes = note.themes  # the note's own tags are full: the share keeps its tags, the note its own
    notes.save_note(session, note.id, body, expected_version=note.version, themes=themes)
    return SavedShareNote(share.id, "note", new)


def _paragraph(line: str) -> str:
    return f"<p>{escape(line, quote=False)}</p>"
