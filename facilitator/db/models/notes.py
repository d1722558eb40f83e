"""Integration notes (one per session for the group, one per participant), addenda, measures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db.base import AuthoredMixin, Base, IdMixin, UTCDateTime, VersionedMixin, enum_column


class Note(IdMixin, AuthoredMixin, VersionedMixin, Base):
    __tablename__ = "note"
    # One group note (participant_id NULL) and one note per participant in a session.
    __table_args__ = (
        Index("ix_note_session_participant", "session_id", "participant_id", unique=True),
        Index("ix_note_unsigned", "signed_at", "created_at"),
        # Theme suggestions count the distinct theme lists from this index alone, never reading the bodies.
        Index("ix_note_themes", "themes"),
        # NULLs never collide in a unique index, so the one group note per session needs its own.
        Index("ix_note_group_once", "session_id", unique=True, sqlite_where=text("participant_id IS NULL"),
              postgresql_where=text("participant_id IS NULL")),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(enum_column())
    template: Mapped[str] = mapped_column(String(20), default="free")  # "free", "dap"
    body: Mapped[str] = mapped_column(Text, default="")  # safe markup (a small HTML subset)
    themes: Mapped[str] = mapped_column(String(400), default="")  # comma-separated tags
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="RESTRICT"), nullable=True)
    signature: Mapped[str] = mapped_column(String(200), default="")  # "Name, credentials" as signed

    addenda: Mapped[list[Addendum]] = relationship(
        back_populates="note", order_by="Addendum.created_at", cascade="all, delete-orphan"
    )


class Addendum(IdMixin, AuthoredMixin, Base):
    __tablename__ = "addendum"

    note_id: Mapped[int] = mapped_column(ForeignKey("note.id", ondelete="RESTRICT"), index=True)
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(200), default="")

    note: Mapped[Note] = relationship(back_populates="addenda")


class MeasureResponse(IdMixin, AuthoredMixin, Base):
    __tablename__ = "measure_response"
    __table_args__ = (Index("ix_measure_participant_instrument", "participant_id", "instrument", "taken_on"),)

    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_session.id", ondelete="SET NULL"), nullable=True, index=True
    )
    instrument: Mapped[str] = mapped_column(String(10))
    items: Mapped[list[Any]] = mapped_column(JSON)
    total: Mapped[int] = mapped_column(Integer)
    severity: Mapped[str] = mapped_column(String(30))
    taken_on: Mapped[date] = mapped_column(Date)
