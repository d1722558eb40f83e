"""Controlled-substance stock: lots and an append-only ledger of every milligram."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.db.base import AuthoredMixin, Base, IdMixin, UTCDateTime, enum_column


class StockLot(IdMixin, AuthoredMixin, Base):
    __tablename__ = "stock_lot"

    medication: Mapped[str] = mapped_column(String(80), default="ketamine")
    form: Mapped[str] = mapped_column(String(60))  # "rapid-dissolve tablet", "vial"
    strength_mg: Mapped[float] = mapped_column(Numeric(8, 2, asdecimal=False))  # per tablet or per mL
    unit: Mapped[str] = mapped_column(String(20))  # "tablet", "mL"
    lot_number: Mapped[str] = mapped_column(String(60), index=True)
    expiry: Mapped[date] = mapped_column(Date)
    supplier: Mapped[str] = mapped_column(String(120), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LedgerEntry(IdMixin, AuthoredMixin, Base):
    """Receive, dispense, waste, count or correction; never updated, never deleted."""

    __tablename__ = "ledger_entry"
    __table_args__ = (Index("ix_ledger_lot_at", "lot_id", "at"),)

    lot_id: Mapped[int] = mapped_column(ForeignKey("stock_lot.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(enum_column())
    quantity: Mapped[float] = mapped_column(Numeric(10, 3, asdecimal=False))  # in the lot's unit
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_session.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    dose_id: Mapped[int | None] = mapped_column(ForeignKey("dose.id", ondelete="RESTRICT"), nullable=True)
    witness_id: Mapped[int | None] = mapped_column(ForeignKey("account.id", ondelete="RESTRICT"), nullable=True)
    witness_name: Mapped[str] = mapped_column(String(120), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id", ondelete="RESTRICT"), nullable=True)


class Reconciliation(IdMixin, AuthoredMixin, Base):
    """A signed end-of-session count of what was drawn, given and wasted per lot."""

    __tablename__ = "reconciliation"

    session_id: Mapped[int] = mapped_column(ForeignKey("group_session.id", ondelete="RESTRICT"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("stock_lot.id", ondelete="RESTRICT"))
    drawn: Mapped[float] = mapped_column(Numeric(10, 3, asdecimal=False))
    given: Mapped[float] = mapped_column(Numeric(10, 3, asdecimal=False))
    wasted: Mapped[float] = mapped_column(Numeric(10, 3, asdecimal=False))
    discrepancy: Mapped[float] = mapped_column(Numeric(10, 3, asdecimal=False), default=0)
    explanation: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    signature: Mapped[str] = mapped_column(String(200), default="")
    witness_signature: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(enum_column(), default="open")
