"""A group session, its copy of the protocol as phase runs, attendance and quick notes.

Nothing here stores an elapsed time: phase runs and pauses keep wall-clock timestamps, and the
domain's phase timer derives everything shown from them and a clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db.base import AuthoredMixin, Base, IdMixin, UTCDateTime, VersionedMixin, enum_column
from facilitator.db.models.accounts import Account
from facilitator.db.models.groups import Group
from facilitator.db.models.people import Participant

session_facilitator = Table(
    "session_facilitator",
    Base.metadata,
    Column("session_id", ForeignKey("group_session.id", ondelete="CASCADE"), primary_key=True),
    Column("account_id", ForeignKey("account.id", ondelete="RESTRICT"), primary_key=True),
)


class GroupSession(IdMixin, AuthoredMixin, VersionedMixin, Base):
    __tablename__ = "group_session"
    __table_args__ = (Index("ix_group_session_status_start", "status", "scheduled_start"),)

    group_id: Mapped[int | None] = mapped_column(ForeignKey("therapy_group.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(160), default="")
    protocol_id: Mapped[int | None] = mapped_column(ForeignKey("protocol.id", ondelete="SET NULL"), nullable=True)
    protocol_name: Mapped[str] = mapped_column(String(160))
    protocol_kind: Mapped[str] = mapped_column(enum_column())
    # The session's own copy of the template's settings (thresholds, schedule, observation minutes).
    protocol_settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scheduled_start: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    location: Mapped[str] = mapped_column(String(120), default="")
    setting_notes: Mapped[str] = mapped_column(Text, default="")  # music, room, lighting
    status: Mapped[str] = mapped_column(enum_column(), default="planned")
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    room_message: Mapped[str] = mapped_column(String(200), default="")  # shown on the room display
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")

    group: Mapped[Group | None] = relationship()
    facilitators: Mapped[list[Account]] = relationship(secondary=session_facilitator)
    phases: Mapped[list[PhaseRun]] = relationship(
        back_populates="session", order_by="PhaseRun.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(back_populates="session", cascade="all, delete-orphan")


class PhaseRun(IdMixin, Base):
    """One phase of a session: its planned copy and, once run, its actual times."""

    __tablename__ = "phase_run"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    planned_minutes: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(Text, default="")
    prompts: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(7), default="#6b8f9c")
    chime: Mapped[bool] = mapped_column(Boolean, default=True)
    vitals_check: Mapped[bool] = mapped_column(Boolean, default=False)
    sharing: Mapped[bool] = mapped_column(Boolean, default=False)
    share_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[GroupSession] = relationship(back_populates="phases")
    pauses: Mapped[list[PhasePause]] = relationship(
        back_populates="phase_run", order_by="PhasePause.started_at", cascade="all, delete-orphan"
    )
    extensions: Mapped[list[PhaseExtension]] = relationship(
        back_populates="phase_run", order_by="PhaseExtension.at", cascade="all, delete-orphan"
    )


class PhasePause(IdMixin, Base):
    __tablename__ = "phase_pause"

    phase_run_id: Mapped[int] = mapped_column(ForeignKey("phase_run.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    phase_run: Mapped[PhaseRun] = relationship(back_populates="pauses")


class PhaseExtension(IdMixin, AuthoredMixin, Base):
    __tablename__ = "phase_extension"

    phase_run_id: Mapped[int] = mapped_column(ForeignKey("phase_run.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    minutes: Mapped[int] = mapped_column(Integer)

    phase_run: Mapped[PhaseRun] = relationship(back_populates="extensions")


class Attendance(IdMixin, AuthoredMixin, VersionedMixin, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(enum_column(), default="expected")
    arrived_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    comment: Mapped[str] = mapped_column(String(300), default="")
    intention: Mapped[str] = mapped_column(Text, default="")
    drop_in: Mapped[bool] = mapped_column(Boolean, default=False)

    session: Mapped[GroupSession] = relationship(back_populates="attendance")
    participant: Mapped[Participant] = relationship()


class QuickNote(IdMixin, AuthoredMixin, Base):
    """A line typed during the run, stamped with the time and the phase it was typed in."""

    __tablename__ = "quick_note"

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="CASCADE"), index=True)
    phase_run_id: Mapped[int | None] = mapped_column(ForeignKey("phase_run.id", ondelete="SET NULL"), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    text: Mapped[str] = mapped_column(Text)
