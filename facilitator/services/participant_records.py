"""One participant's record: open, create, edit, change status, archive — never erase clinical history.

Saves are checked against the version the form opened (optimistic concurrency): a save over someone
else's newer change is refused with a :class:`~facilitator.errors.ConflictError` instead of silently
overwriting it. Nobody with records (memberships, attendance, doses, vitals, notes, measures…) is
ever deleted; archiving keeps the record and hides it from the everyday roster.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from facilitator.db.models import (
    Attendance,
    Discharge,
    Dose,
    Group,
    MeasureResponse,
    Membership,
    Note,
    Observation,
    Participant,
    Share,
    VitalSign,
)
from facilitator.domain.enums import ParticipantStatus
from facilitator.domain.participant_rules import (
    FIELD_NAMES,
    ParticipantFields,
    age_on,
    flag_labels,
    validate_participant,
)
from facilitator.errors import ConflictError, FieldError, UserError
from facilitator.services import actor

CONFLICT = ("Someone else saved this participant's record after you opened it; reload to see their change, "
            "then make yours again.")
_RECORD_TABLES = (Membership, Attendance, Dose, VitalSign, Observation, Discharge, Note, MeasureResponse, Share)


@dataclass(frozen=True)
class ParticipantProfile:
    """A participant as the profile screen shows and edits it.

    Attributes:
        version: pass it back when saving; a newer version in the database means a conflict.
        age: whole years on the day asked for (None without a date of birth).
        groups: the names of the groups they belong to today.
        has_records: True once any clinical record or membership exists (then never deleted).
    """

    id: int
    version: int
    fields: ParticipantFields
    full_name: str
    display_name: str
    flags: tuple[str, ...]
    age: int | None
    groups: tuple[str, ...]
    has_records: bool
    created_at: datetime
    updated_at: datetime | None

    @property
    def status(self) -> str:
        return self.fields.status


@dataclass(frozen=True)
class SavedParticipant:
    """The record as saved, and the warnings to show beside their fields (e.g. under 18)."""

    profile: ParticipantProfile
    warnings: tuple[tuple[str, str], ...]  # (field, sentence)


def _row(session: Session, participant_id: int) -> Participant:
    row = session.get(Participant, participant_id)
    if row is None:
        raise UserError(f"There is no participant with id {participant_id}.")
    return row


def has_records(session: Session, participant_id: int) -> bool:
    """True when anything clinical (or a group membership) refers to the participant."""
    checks = [exists().where(table.participant_id == participant_id) for table in _RECORD_TABLES]
    return bool(session.scalar(select(or_(*checks))))


def _profile(session: Session, row: Participant, today: date) -> ParticipantProfile:
    groups = tuple(session.scalars(
        select(Group.name).join(Membership, Membership.group_id == Group.id)
        .where(Membership.participant_id == row.id, Membership.joined_on <= today)
        .where(or_(Membership.left_on.is_(None), Membership.left_on > today))
        .order_by(Group.name).distinct()
    ))
    data = ParticipantFields(**{name: getattr(row, name) for name in FIELD_NAMES})
    return ParticipantProfile(
        id=row.id, version=row.version, fields=data, full_name=row.full_name, display_name=row.display_name,
        flags=flag_labels(row), age=age_on(row.date_of_birth, today) if row.date_of_birth else None,
        groups=groups, has_records=has_records(session, row.id), created_at=row.created_at,
        updated_at=row.updated_at,
    )



def get_participant(session: Session, participant_id: int, today: date) -> ParticipantProfile:
    """The participant's profile (ages and current groups as of ``today``)."""
    return _profile(session, _row(session, participant_id), today)


def participant_version(session: Session, participant_id: int) -> int | None:
    """The stored version (None when the record is gone): a cheap look before reloading a profile."""
    return session.scalar(select(Participant.version).where(Participant.id == participant_id))


def open_participant(session: Session, participant_id: int, today: date) -> ParticipantProfile:
    """The profile, with a "view" event in the audit trail (who looked at whose record, never what)."""
    profile = get_participant(session, participant_id, today)
    actor.record(session, "view", entity_type="participant", entity_id=participant_id)
    return profile


def find_duplicate(session: Session, first: str, last: str, born: date | None, *, but: int | None = None) -> int | None:
    """The id of another participant with the same legal name (any case) and date of birth, if any."""
    query = select(Participant.id).where(
        func.lower(Participant.legal_first_name) == first.lower(),
        func.lower(Participant.legal_last_name) == last.lower(),
        Participant.date_of_birth.is_(None) if born is None else Participant.date_of_birth == born,
    )
    if but is not None:
        query = query.where(Participant.id != but)
    return session.scalar(query.limit(1))


def _checked(session: Session, data: ParticipantFields, today: date, but: int | None = None,
             ) -> tuple[ParticipantFields, tuple[tuple[str, str], ...]]:
    cleaned, problems = validate_participant(data, today)
    other = find_duplicate(session, cleaned.legal_first_name, cleaned.legal_last_name, cleaned.date_of_birth, but=but)
    if other is not None:
        raise FieldError("legal_last_name", f"Participant {other} already has this legal name and date of birth; "
                                            "open that record instead of making a second one.")
    return cleaned, tuple((p.field, p.message) for p in problems)


def create_participant(session: Session, data: ParticipantFields, *, today: date) -> SavedParticipant:
    """Add a participant.

    Raises:
        FieldError: for a value that cannot be saved, or the same legal name and birth date as someone else.
    """
    cleaned, warnings = _checked(session, data, today)
    row = Participant(**{f.name: getattr(cleaned, f.name) for f in fields(cleaned)})
    session.add(row)
    session.flush()
    return SavedParticipant(_profile(session, row, today), warnings)


def _check_version(row: Participant, version: int) -> None:
    if row.version != version:
        raise ConflictError(CONFLICT)


def _flush(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(CONFLICT) from None


def update_participant(session: Session, participant_id: int, data: ParticipantFields, *, version: int,
                       today: date) -> SavedParticipant:
    """Save an edited profile opened at ``version``.

    Raises:
        FieldError: for a value that cannot be saved.
        ConflictError: when the record changed since it was opened.
    """
    row = _row(session, participant_id)
    _check_version(row, version)
    cleaned, warnings = _checked(session, data, today, but=participant_id)
    for f in fields(cleaned):
        if getattr(row, f.name) != getattr(cleaned, f.name):
            setattr(row, f.name, getattr(cleaned, f.name))
    _flush(session)
    return SavedParticipant(_profile(session, row, today), warnings)


def set_participant_status(session: Session, participant_id: int, status: str, *, version: int,
                           today: date) -> ParticipantProfile:
    """Change the status (active, inactive, discharged, archived); archiving is how a record is retired.

    Raises:
        UserError: for an unknown status.
        ConflictError: when the record changed since it was opened.
    """
    if status not in {s.value for s in ParticipantStatus}:
        raise UserError(f"{status!r} is not a participant status; use active, inactive, discharged or archived.")
    row = _row(session, participant_id)
    _check_version(row, version)
    if row.status != status:
        row.status = status
        _flush(session)
    return _profile(session, row, today)


def archive_participant(session: Session, participant_id: int, *, version: int, today: date) -> ParticipantProfile:
    """Retire a record: kept in full, hidden from the everyday roster, restorable by a status change."""
    return set_participant_status(session, participant_id, ParticipantStatus.ARCHIVED.value, version=version,
                                  today=today)


def delete_participant(session: Session, participant_id: int, *, version: int) -> None:
    """Delete a record made by mistake — only while nothing refers to it.

    Raises:
        UserError: when the participant has any record (they are archived instead).
        ConflictError: when the record changed since it was opened.
    """
    row = _row(session, participant_id)
    _check_version(row, version)
    if has_records(session, participant_id):
        raise UserError("This participant has records (group memberships, attendance, doses, notes or measures) "
                        "and is never deleted; archive them instead.")
    session.delete(row)
    _flush(session)
