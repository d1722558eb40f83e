"""Clinical monitoring records: doses, vital signs, observations, discharge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.db.base import AuthoredMixin, Base, IdMixin, UTCDateTime, VersionedMixin, enum_column


class Dose(IdMixin, AuthoredMixin, Base):
    __tablename__ = "dose"
    __table_args__ = (Index("ix_dose_session_participant", "session_id", "participant_id"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    medication: Mapped[str] = mapped_column(String(80), default="ketamine")
    route: Mapped[str] = mapped_column(enum_column())
    amount_mg: Mapped[float] = mapped_column(Numeric(8, 2, asdecimal=False))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lot_number: Mapped[str] = mapped_column(String(60), default="")
    stock_lot_id: Mapped[int | None] = mapped_column(ForeignKey("stock_lot.id", ondelete="RESTRICT"), nullable=True)
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="RESTRICT"), nullable=True)
    booster: Mapped[bool] = mapped_column(Boolean, default=False)
    # A dose given despite a pre-dose BP hold: who overrode it and why (never empty when held).
    hold_override_reason: Mapped[str] = mapped_column(Text, default="")
    hold_override_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), nullable=True
    )


class VitalSign(IdMixin, AuthoredMixin, Base):
    __tablename__ = "vital_sign"
    __table_args__ = (Index("ix_vital_sign_session_participant", "session_id", "participant_id", "taken_at"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    systolic: Mapped[int | None] = mapped_column(Integer, nullable=True)
    diastolic: Mapped[int | None] = mapped_column(Integer, nullable=True)
    heart_rate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    spo2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    context: Mapped[str] = mapped_column(enum_column(), default="scheduled")


class Observation(IdMixin, AuthoredMixin, Base):
    __tablename__ = "observation"
    __table_args__ = (Index("ix_observation_session_participant", "session_id", "participant_id"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(enum_column())
    severity: Mapped[str] = mapped_column(enum_column(), default="mild")
    moaas: Mapped[int | None] = mapped_column(Integer, nullable=True)  # MOAA/S 0-5, for sedation
    detail: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")


class Discharge(IdMixin, AuthoredMixin, VersionedMixin, Base):
    __tablename__ = "discharge"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"), index=True)
    # Each checklist item with who ticked it and when: {"alert_oriented": {"ok": true, "at": ..., "by": ...}}
    checklist: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    escort_name: Mapped[str] = mapped_column(String(120), default="")
    would_have_been_ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ready_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    discharged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    discharged_by_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="RESTRICT"), nullable=True)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    monitoring_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
