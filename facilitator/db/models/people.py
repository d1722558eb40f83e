"""Participants: the people in the groups, with their screening and contacts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.db.base import AuthoredMixin, Base, IdMixin, VersionedMixin, enum_column


class Participant(IdMixin, AuthoredMixin, VersionedMixin, Base):
    __tablename__ = "participant"
    __table_args__ = (Index("ix_participant_name_dob", "legal_last_name", "legal_first_name", "date_of_birth"),)

    legal_first_name: Mapped[str] = mapped_column(String(80))
    legal_last_name: Mapped[str] = mapped_column(String(80))
    preferred_name: Mapped[str] = mapped_column(String(80), default="")
    pronouns: Mapped[str] = mapped_column(String(30), default="")
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    emergency_contact_name: Mapped[str] = mapped_column(String(120), default="")
    emergency_contact_phone: Mapped[str] = mapped_column(String(40), default="")
    emergency_contact_relation: Mapped[str] = mapped_column(String(60), default="")
    flag_hypertension: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_cardiac: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_psychosis_history: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_pregnancy: Mapped[bool] = mapped_column(Boolean, default=False)
    flag_substance_use: Mapped[bool] = mapped_column(Boolean, default=False)
    medications: Mapped[str] = mapped_column(Text, default="")
    consent_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(enum_column(), default="active", index=True)

    @property
    def full_name(self) -> str:
        return f"{self.legal_first_name} {self.legal_last_name}".strip()

    @property
    def display_name(self) -> str:
        """The name used in the room: preferred first name, legal last name."""
        first = self.preferred_name or self.legal_first_name
        return f"{first} {self.legal_last_name}".strip()
