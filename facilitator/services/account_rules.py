"""Rules for accounts that hold before any database is open: usernames, passwords, lockout.

Free of SQLAlchemy, so the sign-in and set-up pages and the key file's own counters can use them
while the database layer is still loading.
"""

from __future__ import annotations

import re

from facilitator.errors import UserError

MIN_PASSWORD_LENGTH = 12
LOCKOUT_AFTER = 5
LOCKOUT_MINUTES = 15
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class SignInError(UserError):
    """A sign-in that did not succeed; the message never says whether the username exists."""


def backoff_seconds(failed: int) -> int:
    """Seconds to wait before the next attempt after ``failed`` failures in a row: 0, 1, 2, 4, 8 …"""
    return 0 if failed <= 0 else min(2 ** (failed - 1), 60)


def check_password_rules(password: str, username: str = "") -> None:
    """Raises UserError with one sentence when a new password is not acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if username and password.lower() == username.lower():
        raise UserError("A password must not be the username.")
    if len(set(password)) < 4:
        raise UserError("A password needs more than a few different characters.")


def check_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise UserError("A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores.")
    return name
