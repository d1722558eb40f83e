"""Clinic-wide settings shared by every laptop (name, contact for handouts, working language)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.db.base import Base, TimestampMixin


class ClinicSetting(TimestampMixin, Base):
    __tablename__ = "clinic_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
