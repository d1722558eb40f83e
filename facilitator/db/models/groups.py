"""Groups (cohorts), their facilitators and their members over time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db.base import AuthoredMixin, Base, IdMixin, VersionedMixin, enum_column
from facilitator.db.models.accounts import Account
from facilitator.db.models.people import Participant

group_facilitator = Table(
    "group_facilitator",
    Base.metadata,
    Column("group_id", ForeignKey("therapy_group.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", ForeignKey("account.id", ondelete="RESTRICT"), primary_key=True),
)


class Group(IdMixin, AuthoredMixin, VersionedMixin, Base):
    # "group" is an SQL keyword; the table name avoids quoting everywhere.
    __tablename__ = "therapy_group"

    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(enum_column(), default="closed")
    status: Mapped[str] = mapped_column(enum_column(), default="active", index=True)
    capacity: Mapped[int] = mapped_column(Integer, default=8)
    description: Mapped[str] = mapped_column(Text, default="")
    default_protocol_id: Mapped[int | None] = mapped_column(
        ForeignKey("protocol.id", ondelete="SET NULL"), nullable=True
    )
    meeting_weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 0 = Monday
    meeting_time: Mapped[str] = mapped_column(String(5), default="")  # "HH:MM", clinic local time
    location: Mapped[str] = mapped_column(String(120), default="")

    facilitators: Mapped[list[Account]] = relationship(secondary=group_facilitator)
    memberships: Mapped[list[Membership]] = relationship(back_populates="group", cascade="all, delete-orphan")


class Membership(IdMixin, AuthoredMixin, Base):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("group_id", "participant_id", "joined_on"),)

    group_id: Mapped[int] = mapped_column(ForeignKey("therapy_group.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    left_reason: Mapped[str] = mapped_column(String(200), default="")

    group: Mapped[Group] = relationship(back_populates="memberships")
    participant: Mapped[Participant] = relationship()
