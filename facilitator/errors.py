"""Errors a user can cause and fix; shown as one clear sentence, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can act on. ``str(error)`` is the sentence shown to them."""

    exit_code = 1


class NotAvailableYet(UserError):
    """A command whose capability is planned but not built yet."""

    exit_code = 2

    def __init__(self, what: str) -> None:
        super().__init__(f"not available yet: {what}")
