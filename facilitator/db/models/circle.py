"""Integration-circle shares: who spoke, in which round and order, for how long, and the note."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.db.base import AuthoredMixin, Base, IdMixin, UTCDateTime


class Share(IdMixin, AuthoredMixin, Base):
    __tablename__ = "share"
    __table_args__ = (Index("ix_share_session_round", "session_id", "round", "position"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    phase_run_id: Mapped[int | None] = mapped_column(ForeignKey("phase_run.id", ondelete="SET NULL"), nullable=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    position: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    note_text: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(String(400), default="")  # comma-separated theme tags
