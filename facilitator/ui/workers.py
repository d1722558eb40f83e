"""Slow work off the UI thread: progress and outcome come back as signals, handled on the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from facilitator.errors import UserError

log = logging.getLogger(__name__)


def read_progress(*args: Any, **kwargs: Any) -> tuple[float, str]:
    """Understand the usual shapes of a progress callback.

    Accepts ``(fraction)``, ``(percent)``, ``(done, total)``, any of those with a message, keyword
    forms, or one object with ``fraction``/``done``/``total``/``message`` attributes.

    Returns:
        The fraction in 0..1 (-1 if unknown) and a message ("" if none).
    """
    if len(args) == 1 and not isinstance(args[0], int | float | str):
        obj = args[0]
        kwargs = {k: getattr(obj, k) for k in ("fraction", "done", "total", "message", "step") if hasattr(obj, k)}
        args = ()
    numbers = [a for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
    texts = [a for a in args if isinstance(a, str)]
    message = str(kwargs.get("message") or kwargs.get("step") or (texts[0] if texts else ""))
    done, total = kwargs.get("done"), kwargs.get("total")
    fraction = kwargs.get("fraction")
    if fraction is None and done is not None and total:
        fraction = done / total
    if fraction is None and len(numbers) >= 2 and numbers[1]:
        fraction = numbers[0] / numbers[1]
    elif fraction is None and numbers:
        fraction = numbers[0] if numbers[0] <= 1 else numbers[0] / 100
    if fraction is None:
        return -1.0, message
    return max(0.0, min(1.0, float(fraction))), message


class Task(QObject):
    """Run ``fn(*args, progress=callback, **kwargs)`` on the global thread pool.

    ``fn`` runs on a pool thread and must not touch widgets; it reports through ``progress``. The
    task is a child of ``parent`` (a widget on the UI thread), so it lives as long as the widget
    and its signals reach the widget's slots on the UI thread.

    Signals:
        progress(float, str): fraction done (-1 when unknown) and what is happening.
        succeeded(object): the function's return value.
        failed(str): one sentence for the user.
    """

    progress = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[..., Any], *args: Any, parent: QObject, **kwargs: Any) -> None:
        super().__init__(parent)
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._last: tuple[float, str] = (-2.0, "")

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._run)

    def _report(self, *args: Any, **kwargs: Any) -> None:  # pool thread
        fraction, message = read_progress(*args, **kwargs)
        last_fraction, last_message = self._last
        # A generator may report thousands of steps; only changes a person could see are sent.
        if message == last_message and abs(fraction - last_fraction) < 0.005:
            return
        self._last = (fraction, message)
        self._emit(self.progress, fraction, message)

    def _run(self) -> None:  # pool thread
        try:
            result = self._fn(*self._args, progress=self._report, **self._kwargs)
        except UserError as exc:
            self._emit(self.failed, str(exc))
        except Exception as exc:
            from facilitator.logs import scrubbed_traceback

            # Frames only: an exception's message can quote record data, and the log must hold no PHI.
            log.error("background task failed\n%s", scrubbed_traceback(exc))
            self._emit(self.failed, f"Something went wrong ({type(exc).__name__}); details are in the log.")
        else:
            self._emit(self.succeeded, result)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # The window closed while the work ran: nobody is left to tell, and the work is done.
            log.info("background task finished after its window closed")
