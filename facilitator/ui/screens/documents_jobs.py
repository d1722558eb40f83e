"""What the Documents screen can make: each kind's loader and renderer, run on a pool thread."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from facilitator.errors import UserError
from facilitator.reports import render_handouts, render_progress, render_session_plan, render_summary, write_atomic
from facilitator.services.documents import (
    get_progress_data,
    get_session_handouts,
    get_session_plan_data,
    get_summary_data,
)
from facilitator.services.store import Store

SUMMARY, HANDOUTS, PLAN, PROGRESS = "summary", "handouts", "plan", "progress"


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    about: str  # "session" or "participant"
    file_stem: str


KINDS: tuple[Kind, ...] = (
    Kind(SUMMARY, "Session summary", "session", "session-summary"),
    Kind(HANDOUTS, "Participant handouts", "session", "handouts"),
    Kind(PLAN, "Session plan for the room", "session", "session-plan"),
    Kind(PROGRESS, "Progress report", "participant", "progress-report"),
)


def kind(kind_id: str) -> Kind:
    return next(k for k in KINDS if k.id == kind_id)


def _load_and_render(store: Store, kind_id: str, target_id: int, now: datetime) -> bytes:
    if kind_id == SUMMARY:
        return render_summary(store.run(get_summary_data, target_id, now=now))
    if kind_id == HANDOUTS:
        handouts = store.run(get_session_handouts, target_id)
        if not handouts:
            raise UserError("No one was present at this session, so there are no handouts to print.")
        return render_handouts(handouts)
    if kind_id == PLAN:
        return render_session_plan(store.run(get_session_plan_data, target_id))
    if kind_id == PROGRESS:
        return render_progress(store.run(get_progress_data, target_id, now=now))
    raise UserError(f"Unknown document {kind_id!r}.")


def make_document(store: Store, kind_id: str, target_id: int, folder: Path, now: datetime,
                  progress: Callable[..., Any] | None = None) -> Path:
    """Load, render and write one document into ``folder`` (pool thread).

    Returns:
        The PDF's path, named for the kind and the session's or participant's id (never a name).
    """
    report = progress or (lambda *_a, **_k: None)
    report(0.1, "Reading the record…")
    pdf = _load_and_render(store, kind_id, target_id, now)
    report(0.9, "Writing the PDF…")
    return write_atomic(folder / f"{kind(kind_id).file_stem}-{target_id}.pdf", pdf)


class PrivateFolder:
    """A temporary folder only this user can read (the documents name participants), made on first use."""

    def __init__(self, prefix: str = "facilitator-documents-") -> None:
        self.prefix = prefix
        self.path: Path | None = None

    def get(self) -> Path:
        if self.path is None or not self.path.is_dir():
            self.path = Path(tempfile.mkdtemp(prefix=self.prefix))  # mode 0700
        return self.path

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
