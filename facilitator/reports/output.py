"""Writing documents to disk atomically: a temporary file in the target folder, then a rename.

A reader (a print spooler, a PDF viewer already showing the old file) never sees half a document,
and a failure leaves the previous file as it was. Every problem a user can fix is one sentence.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path

from facilitator.errors import UserError
from facilitator.reports.handout import render_handout, render_handouts
from facilitator.services.documents import HandoutData

COMBINED_HANDOUTS = "all-handouts.pdf"


def _folder_problem(folder: Path) -> str | None:
    if not folder.exists():
        return f"The folder {folder} does not exist; create it first or choose another."
    if not folder.is_dir():
        return f"{folder} is a file, not a folder."
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"The folder {folder} is not writable; choose another."
    return None


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder. Returns the path written.

    Raises:
        UserError: if the folder is missing or not writable, or ``path`` is a folder.
    """
    target = Path(path).expanduser().absolute()
    problem = _folder_problem(target.parent)
    if problem:
        raise UserError(problem)
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name such as {target / 'summary.pdf'}.")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise UserError(f"The folder {target.parent} is not writable ({exc.strerror or exc}).") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"{target} could not be written ({exc.strerror or exc}).") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def check_folder(path: str | os.PathLike[str]) -> Path:
    """An output folder that exists and is writable, or whose parent is (it is created on writing).

    Raises:
        UserError: naming what is wrong, before any work is done.
    """
    folder = Path(path).expanduser().absolute()
    problem = _folder_problem(folder if folder.exists() else folder.parent)
    if problem:
        raise UserError(problem)
    return folder


def ensure_folder(path: str | os.PathLike[str]) -> Path:
    """An output folder: created when its parent exists, else one clear sentence.

    Raises:
        UserError: if it cannot be created or written.
    """
    folder = Path(path).expanduser().absolute()
    if not folder.exists():
        problem = _folder_problem(folder.parent)
        if problem:
            raise UserError(problem)
        try:
            folder.mkdir()
        except OSError as exc:
            raise UserError(f"The folder {folder} cannot be created ({exc.strerror or exc}).") from None
    problem = _folder_problem(folder)
    if problem:
        raise UserError(problem)
    return folder


def slug(value: str) -> str:
    """A file-name-safe ASCII form of a name ("Łukasz Wiśniewski" -> "lukasz-wisniewski"); may be empty."""
    folded = unicodedata.normalize("NFKD", value.replace("ł", "l").replace("Ł", "L"))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


def handout_filename(session_id: int, participant_id: int, name: str) -> str:
    """"handout-232-p22-quinn-harrington.pdf": unique by ids, readable by name when it has Latin letters."""
    readable = slug(name)
    return f"handout-{session_id}-p{participant_id}" + (f"-{readable}" if readable else "") + ".pdf"


def write_handouts(folder: str | os.PathLike[str], handouts: Sequence[HandoutData], *,
                   zone: tzinfo | None = None) -> list[Path]:
    """One PDF per handout plus ``all-handouts.pdf`` (every handout, for batch printing) in ``folder``.

    Returns:
        The files written, the combined file last.

    Raises:
        UserError: if there is no handout, or the folder cannot be created or written.
    """
    if not handouts:
        raise UserError("No one was present at this session, so there are no handouts to print.")
    target = ensure_folder(folder)
    written = [write_atomic(target / handout_filename(h.session_id, h.participant_id, h.name),
                            render_handout(h, zone=zone)) for h in handouts]
    written.append(write_atomic(target / COMBINED_HANDOUTS, render_handouts(handouts, zone=zone)))
    return written
