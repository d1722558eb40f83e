"""A note per share: kept on the share and written into the speaker's own session note, and nowhere else.

The note gets one line per share, stamped with the time, the round and (once it ended) its length,
e.g. ``[14:32 · round 2 · 4:05] Spoke about her father  #grief #family``, or ``[14:40 · round 1 ·
passed]``. Each change of the share (its note typed, its end) rewrites that line rather than adding
another. A signed note cannot change, so a note typed for a share goes under it as a signed addendum
instead (and a correction as another addendum): nothing typed is lost.
"""

from __future__ import annotations

import math
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


def share_line(at: datetime, round_no: int, text: str, tags: tuple[str, ...], zone: tzinfo | None = None, *,
               seconds: float | None = None, passed: bool = False) -> str:
    """"[14:32 · round 2 · 4:05] text  #tag #two-words" (the time in ``zone``; None: this computer's)."""
    local = at.astimezone(zone)
    stamp = f"{local.hour:02d}:{local.minute:02d} · round {round_no}"
    if passed:
        stamp += " · passed"
    elif seconds is not None:
        whole = math.floor(max(0.0, seconds))
        stamp += f" · {whole // 60}:{whole % 60:02d}"
    hashes = " ".join("#" + "-".join(tag.split()) for tag in tags)
    body = "  ".join(part for part in (text, hashes) if part)
    return f"[{stamp}] {body}".rstrip()


def line_of(share: Share, zone: tzinfo | None = None, at: datetime | None = None) -> str:
    """The share's line as its stored values say now."""
    start = share.started_at or at
    assert start is not None, "a share's line needs its start"
    seconds = (share.ended_at - share.started_at).total_seconds() \
        if share.started_at is not None and share.ended_at is not None else None
    return share_line(start, share.round, share.note_text, parse_themes(share.tags), zone, seconds=seconds,
                      passed=share.passed)


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
    now = clock.now()
    had_words = bool(share.note_text or share.tags)
    old = line_of(share, zone, now)
    share.note_text, share.tags = clean, stored_tags
    new = line_of(share, zone, now)
    session.flush()
    if new == old:
        return SavedShareNote(share.id, "unchanged", new)
    note = notes.participant_note(session, share.session_id, share.participant_id)
    if note.signed_at is not None:
        prefix = "Circle share, corrected: " if had_words else "Circle share: "
        notes.add_addendum(session, note.id, prefix + new, clock=clock)
        return SavedShareNote(share.id, "addendum", new)
    _write_line(session, share, old, new)
    return SavedShareNote(share.id, "note", new)


def record_share_end(session: Session, share: Share, old_line: str, zone: tzinfo | None = None) -> None:
    """A share just ended (spoken or passed): its line in the speaker's note gets its length.

    A signed note is left as it is: the share itself keeps its length for the record and the summary.
    """
    note = notes.participant_note(session, share.session_id, share.participant_id)
    if note.signed_at is None:
        _write_line(session, share, old_line, line_of(share, zone))


def _write_line(session: Session, share: Share, old: str, new: str) -> None:
    """Replace the share's old line in the (unsigned) note, or add it at the end; merge its tags in."""
    note = notes.participant_note(session, share.session_id, share.participant_id)
    old_markup, new_markup = _paragraph(old), _paragraph(new)
    body = note.body.replace(old_markup, new_markup, 1) if old_markup in note.body else note.body + new_markup
    themes = format_themes([*parse_themes(note.themes), *parse_themes(share.tags)])
    if len(themes) > MAX_TAGS_CHARS:
        themes = note.themes  # the note's own tags are full: the share keeps its tags, the note its own
    notes.save_note(session, note.id, body, expected_version=note.version, themes=themes)


def _paragraph(line: str) -> str:
    return f"<p>{escape(line, quote=False)}</p>"
