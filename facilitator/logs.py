"""The app's rotating log in the data folder, kept free of protected health information.

Log lines name record ids and actions, never names or note text. Tracebacks are written with
their frames and exception type only: exception messages can quote data (a SQL parameter, a note).
"""

from __future__ import annotations

import logging
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from facilitator import paths

LOG_FILENAME = "facilitator.log"
_configured: Path | None = None


def configure_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the app's log to ``<data dir>/logs/facilitator.log`` (1 MB x 5). Returns the file."""
    global _configured
    folder = paths.logs_dir(data_dir)
    target = folder / LOG_FILENAME
    if _configured == target:
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None  # an unwritable folder is reported elsewhere; logging must never stop the app
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("facilitator")
    for old in list(root.handlers):
        if isinstance(old, RotatingFileHandler):
            root.removeHandler(old)
            old.close()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = target
    return target


class ScrubbingFormatter(logging.Formatter):
    """Writes ``log.exception`` tracebacks without the exception's message, wherever they are logged from."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        _kind, exc, _tb = ei
        return scrubbed_traceback(exc) if exc is not None else ""


def scrubbed_traceback(exc: BaseException) -> str:
    """The traceback's frames and the exception's type, without its message."""
    frames = "".join(traceback.format_tb(exc.__traceback__))
    return f"Traceback (most recent call last):\n{frames}{type(exc).__module__}.{type(exc).__qualname__}"
