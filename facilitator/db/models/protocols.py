"""Protocol templates that sessions copy; built-ins are read-only rows loaded from TOML."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db.base import AuthoredMixin, Base, IdMixin, VersionedMixin, enum_column


class Protocol(IdMixin, AuthoredMixin, VersionedMixin, Base):
    __tablename__ = "protocol"

    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(enum_column())
    description: Mapped[str] = mapped_column(Text, default="")
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # Vitals schedule, minimum observation, share minutes and thresholds, as ProtocolSpec writes them.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    phases: Mapped[list[ProtocolPhase]] = relationship(
        back_populates="protocol", order_by="ProtocolPhase.position", cascade="all, delete-orphan"
    )


class ProtocolPhase(IdMixin, Base):
    __tablename__ = "protocol_phase"
    __table_args__ = (UniqueConstraint("protocol_id", "position"),)

    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocol.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    planned_minutes: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(Text, default="")
    prompts: Mapped[str] = mapped_column(Text, default="")  # one prompt a line
    colour: Mapped[str] = mapped_column(String(7), default="#6b8f9c")
    chime: Mapped[bool] = mapped_column(Boolean, default=True)
    vitals_check: Mapped[bool] = mapped_column(Boolean, default=False)
    sharing: Mapped[bool] = mapped_column(Boolean, default=False)

    protocol: Mapped[Protocol] = relationship(back_populates="phases")
