"""Participants as CSV: the documented columns, how values are written and read, and the export.

The file is UTF-8 (written with a byte-order mark so spreadsheet programs read accents right; read
with or without one), comma-separated, with a header row naming the columns below in any order.

Columns (``docs/participants-csv.md`` says the same for people):

=============================  ========  ====================================================
column                         required  value
=============================  ========  ====================================================
legal_first_name               yes       text, up to 80 characters, not empty
legal_last_name                yes       text, up to 80 characters, not empty
date_of_birth                  yes       YYYY-MM-DD, or empty when unknown
preferred_name                           text, up to 80 characters
pronouns                                 text, up to 30 characters ("she/her")
preferred_language                       en or es (empty: en)
email                                    name@example.org
phone                                    7 to 15 digits; spaces, dashes, dots, brackets, leading +
address                                  text, up to 500 characters (may span lines)
emergency_contact_name                   text, up to 120 characters
emergency_contact_phone                  as phone
emergency_contact_relation               text, up to 60 characters
flag_hypertension                        yes/no (also true/false, 1/0, y/n, x; empty: no)
flag_cardiac                             yes/no
flag_psychosis_history                   yes/no
flag_pregnancy                           yes/no
flag_substance_use                       yes/no
medications                              text, up to 2000 characters
consent_date                             YYYY-MM-DD, or empty
status                                   active, inactive, discharged or archived (empty: active)
=============================  ========  ====================================================

A value a spreadsheet would run as a formula (starting with ``=``, ``@``, or ``+``/``-`` not
followed by a digit) is written with a leading apostrophe, which the importer removes again.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.db.models import Participant
from facilitator.domain.participant_rules import FIELD_NAMES, FLAGS
from facilitator.errors import UserError
from facilitator.services import actor

COLUMNS: tuple[str, ...] = FIELD_NAMES
REQUIRED: tuple[str, ...] = ("legal_first_name", "legal_last_name", "date_of_birth")
DATE_COLUMNS = frozenset({"date_of_birth", "consent_date"})
FLAG_COLUMNS = frozenset(name for name, _label in FLAGS)
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "x", "si", "sí"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", ""})
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "@", "\t", "\r")


def protect(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (no formula runs), reversibly."""
    if not value:
        return value
    formula = value.startswith(_FORMULA_STARTS) or (
        value[0] in "+-" and not (len(value) > 1 and (value[1].isdigit() or value[1] in " ("))
    )
    # A value that already looks protected gets a second apostrophe, so reading it back is exact.
    looks_protected = unprotect(value) != value
    return "'" + value if formula or looks_protected else value


def unprotect(value: str) -> str:
    """Undo :func:`protect`: drop the apostrophe it put before a formula-like value."""
    if len(value) > 1 and value[0] == "'" and (value[1] in "=@+-'\t\r"):
        return value[1:]
    return value


def cell(row: Participant, column: str) -> str:
    """One exported value, as text."""
    value = getattr(row, column)
    if column in FLAG_COLUMNS:
        return "yes" if value else "no"
    if column in DATE_COLUMNS:
        return value.isoformat() if value is not None else ""
    return protect(str(value or ""))


def participants_csv(session: Session) -> tuple[str, int]:
    """Every participant (archived ones too) as CSV text with a byte-order mark, by last name.

    Returns:
        The text and the number of participants in it.
    """
    out = io.StringIO(newline="")
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    query = select(Participant).order_by(Participant.legal_last_name, Participant.legal_first_name, Participant.id)
    count = 0
    for row in session.scalars(query):
        writer.writerow([cell(row, column) for column in COLUMNS])
        count += 1
    actor.record(session, "export", entity_type="participant", detail=f"participants csv: {count} rows")
    return out.getvalue(), count


def export_participants_csv(session: Session, path: Path) -> int:
    """Write every participant to ``path``; returns how many were written.

    Raises:
        UserError: when the file cannot be written.
    """
    text, count = participants_csv(session)
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise UserError(f"The file {Path(path).name} could not be written ({exc.strerror or exc}).") from None
    return count
