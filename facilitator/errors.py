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


class FieldError(UserError):
    """A value the user typed that cannot be saved, with the field it belongs to.

    Attributes:
        field: the name of the field at fault (``"email"``, ``"date_of_birth"``), so a form can
            show the sentence beside that field and move the focus there.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(UserError):
    """A save refused because someone else changed the record after it was opened.

    The form keeps what the user typed; reloading shows the other change first.
    """
