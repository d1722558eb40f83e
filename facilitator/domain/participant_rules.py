"""What a participant's record may hold: field checks, age, screening-flag labels and search keys.

The profile editor and the CSV importer use the same checks, so a value refused at the field is
refused in a file too, with the same sentence. An age under 18 is a warning, not a refusal: the
service is for adults, and a clinician decides.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date

from facilitator.domain.enums import Language, ParticipantStatus
from facilitator.errors import FieldError

ADULT_AGE = 18
OLDEST_AGE = 120

# The screening flags in the order cards show them, with their short labels.
FLAGS: tuple[tuple[str, str], ...] = (
    ("flag_hypertension", "Hypertension"),
    ("flag_cardiac", "Cardiac"),
    ("flag_psychosis_history", "Psychosis history"),
    ("flag_pregnancy", "Pregnancy"),
    ("flag_substance_use", "Substance use"),
)

# How each field is named in a sentence (the CSV report names columns by their field names).
LABELS: dict[str, str] = {
    "legal_first_name": "legal first name", "legal_last_name": "legal last name",
    "preferred_name": "preferred name", "pronouns": "pronouns", "preferred_language": "preferred language",
    "date_of_birth": "date of birth", "email": "email address", "phone": "phone number", "address": "address",
    "emergency_contact_name": "emergency contact's name", "emergency_contact_phone": "emergency contact's phone",
    "emergency_contact_relation": "emergency contact's relation", "medications": "medications",
    "consent_date": "consent date", "status": "status",
    **{name: f"{label.lower()} flag" for name, label in FLAGS},
}

# Longest values (the database columns' sizes; the free-text fields get a generous sane limit).
MAX_LENGTHS: dict[str, int] = {
    "legal_first_name": 80, "legal_last_name": 80, "preferred_name": 80, "pronouns": 30, "email": 200,
    "phone": 40, "address": 500, "emergency_contact_name": 120, "emergency_contact_phone": 40,
    "emergency_contact_relation": 60, "medications": 2000,
}
MULTILINE = frozenset({"address", "medications"})

_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:x|ext\.?)\s*\d{1,6}$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ParticipantFields:
    """Every field of a participant that a person edits (the profile form, a CSV row)."""

    legal_first_name: str
    legal_last_name: str
    preferred_name: str = ""
    pronouns: str = ""
    preferred_language: str = Language.EN.value
    date_of_birth: date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""
    emergency_contact_relation: str = ""
    flag_hypertension: bool = False
    flag_cardiac: bool = False
    flag_psychosis_history: bool = False
    flag_pregnancy: bool = False
    flag_substance_use: bool = False
    medications: str = ""
    consent_date: date | None = None
    status: str = ParticipantStatus.ACTIVE.value

    def cleaned(self) -> ParticipantFields:
        """The same fields with surrounding spaces trimmed (and the email address lower-cased)."""
        changes: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                changes[f.name] = value.strip()
        changes["email"] = str(changes["email"]).lower()
        return replace(self, **changes)  # type: ignore[arg-type]


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ParticipantFields))


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a second look) with one field."""

    field: str
    message: str
    warning: bool = False


def age_on(born: date, day: date) -> int:
    """Whole years from ``born`` to ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def parse_date(text: str, field: str) -> date | None:
    """An ISO date (``YYYY-MM-DD``) or None for an empty text.

    Raises:
        FieldError: for anything else, naming the field.
    """
    text = text.strip()
    if not text:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(field, f"The {LABELS.get(field, field)} should be a date written YYYY-MM-DD, "
                                f"like 1984-07-21.") from None


def _phone_ok(value: str) -> bool:
    if not _PHONE.match(value):
        return False
    digits = sum(ch.isdigit() for ch in _EXTENSION.sub("", value))
    return 7 <= digits <= 15


def _check_text(data: ParticipantFields) -> list[Problem]:
    problems = []
    for name, limit in MAX_LENGTHS.items():
        value: str = getattr(data, name)
        label = LABELS[name]
        if _CONTROL.search(value) or (name not in MULTILINE and ("\n" in value or "\r" in value)):
            problems.append(Problem(name, f"The {label} must be plain text on one line."
                                    if name not in MULTILINE else f"The {label} contains a control character."))
        elif len(value) > limit:
            problems.append(Problem(name, f"The {label} holds at most {limit} characters ({len(value)} given)."))
    for name in ("legal_first_name", "legal_last_name"):
        if not getattr(data, name):
            problems.append(Problem(name, f"The {LABELS[name]} is required."))
    return problems


def _check_dates(data: ParticipantFields, today: date) -> list[Problem]:
    problems = []
    born = data.date_of_birth
    if born is not None:
        if born > today:
            problems.append(Problem("date_of_birth", f"The date of birth {born.isoformat()} is in the future."))
        elif age_on(born, today) > OLDEST_AGE:
            problems.append(Problem("date_of_birth", f"The date of birth {born.isoformat()} gives an age over "
                                    f"{OLDEST_AGE}; check the year."))
        elif age_on(born, today) < ADULT_AGE:
            problems.append(Problem("date_of_birth", f"Under {ADULT_AGE} (age {age_on(born, today)}): this is an "
                                    "adult service; check eligibility with a clinician.", warning=True))
    consent = data.consent_date
    if consent is not None:
        if consent > today:
            problems.append(Problem("consent_date", f"The consent date {consent.isoformat()} is in the future."))
        elif born is not None and consent < born:
            problems.append(Problem("consent_date", "The consent date is before the date of birth."))
    return problems


def check_participant(data: ParticipantFields, today: date) -> list[Problem]:
    """Every problem with ``data`` (already cleaned), errors and warnings, in field order."""
    problems = _check_text(data) + _check_dates(data, today)
    if data.email and not any(p.field == "email" for p in problems) and not _EMAIL.match(data.email):
        problems.append(Problem("email", "The email address should look like name@example.org."))
    for name in ("phone", "emergency_contact_phone"):
        value: str = getattr(data, name)
        if value and not any(p.field == name for p in problems) and not _phone_ok(value):
            problems.append(Problem(name, f"The {LABELS[name]} should have 7 to 15 digits; spaces, dashes, "
                                    "dots, brackets and a leading + are fine."))
    if data.preferred_language not in {lang.value for lang in Language}:
        problems.append(Problem("preferred_language", "The preferred language must be en (English) or es (Spanish)."))
    if data.status not in {s.value for s in ParticipantStatus}:
        statuses = ", ".join(s.value for s in ParticipantStatus)
        problems.append(Problem("status", f"The status must be one of {statuses}."))
    order = {name: i for i, name in enumerate(FIELD_NAMES)}
    return sorted(problems, key=lambda p: order.get(p.field, len(order)))


def validate_participant(data: ParticipantFields, today: date) -> tuple[ParticipantFields, tuple[Problem, ...]]:
    """The cleaned fields and their warnings.

    Raises:
        FieldError: for the first error, naming its field.
    """
    cleaned = data.cleaned()
    problems = check_participant(cleaned, today)
    for problem in problems:
        if not problem.warning:
            raise FieldError(problem.field, problem.message)
    return cleaned, tuple(problems)


def flag_labels(record: object) -> tuple[str, ...]:
    """The short labels of the screening flags set on ``record`` ("Hypertension", "Pregnancy").

    ``record`` is anything with the ``flag_*`` attributes: a database row, :class:`ParticipantFields`.
    """
    return tuple(label for name, label in FLAGS if getattr(record, name, False))


def search_key(*parts: str) -> str:
    """Text to match a typed search against: case and accents ignored ("Zoë" is found by "zoe")."""
    text = " ".join(p for p in parts if p)
    if text.isascii():  # most names: nothing to strip, and a roster prepares thousands at once
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
