"""Controlled-substance stock for the demo: lots received, tablets dispensed per dose, rare waste.

Quantities are in tablets (the lot's unit). For every lot the ledger adds up:
balance = received − dispensed − wasted, and a lot's remainder is destroyed once it expires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from facilitator.db.models import LedgerEntry, StockLot
from facilitator.services.demo.context import Context
from facilitator.services.demo.wording import LEDGER_EXPIRY, LEDGER_WASTE

TABLET_MG = 50
LOT_TABLETS = 500
SUPPLIER = "Front Range Compounding Pharmacy (fictional)"


@dataclass
class Lot:
    id: int
    number: str
    expiry: date
    received: int
    used: int = 0

    @property
    def balance(self) -> int:
        return self.received - self.used


class Inventory:
    """The lot in use and the ledger entries written for it."""

    def __init__(self, ctx: Context, receiver: str) -> None:
        self._ctx = ctx
        self._receiver = receiver
        self._lots: list[Lot] = []
        self._current: Lot | None = None

    def dispense(self, mg: float, at: datetime, session_id: int, dose_id: int, by: int) -> Lot:
        """Record the tablets for one dose (a new lot is opened when the current one runs short)."""
        tablets = round(mg / TABLET_MG)
        lot = self._lot_for(tablets, at)
        lot.used += tablets
        self._entry(lot, "dispense", tablets, at, by, session_id=session_id, dose_id=dose_id)
        return lot

    def waste(self, at: datetime, session_id: int, by: int, witness_key: str) -> None:
        lot = self._lot_for(1, at)
        lot.used += 1
        self._entry(lot, "waste", 1, at, by, session_id=session_id, witness_key=witness_key,
                    reason=self._ctx.rng.choice(LEDGER_WASTE))

    def close(self, witness_key: str) -> None:
        """Destroy the remainder of every lot that has expired by now."""
        ctx = self._ctx
        for lot in self._lots:
            at = datetime.combine(lot.expiry, datetime.min.time(), ctx.now.tzinfo) + timedelta(hours=16)
            if lot.balance > 0 and at <= ctx.now:
                self._entry(lot, "waste", lot.balance, at, ctx.staff_ids[self._receiver], witness_key=witness_key,
                            reason=LEDGER_EXPIRY)
                lot.used = lot.received

    def _lot_for(self, tablets: int, at: datetime) -> Lot:
        if self._current is None or self._current.balance < tablets:
            self._current = self._receive(at)
        return self._current

    def _receive(self, needed_at: datetime) -> Lot:
        ctx = self._ctx
        received_at = needed_at - timedelta(days=ctx.rng.randint(3, 12), hours=ctx.rng.randint(0, 5))
        local = received_at.astimezone(ctx.zone)
        lot = Lot(ctx.writer.next_id(StockLot), f"KRD{local:%y%m}-{len(self._lots) + 1:03d}",
                  (local + timedelta(days=365)).date(), LOT_TABLETS)
        receiver = ctx.staff_ids[self._receiver]
        ctx.writer.add(StockLot, {
            "id": lot.id, "medication": "ketamine", "form": "rapid-dissolve tablet", "strength_mg": TABLET_MG,
            "unit": "tablet", "lot_number": lot.number, "expiry": lot.expiry, "supplier": SUPPLIER,
            "received_at": received_at, "created_at": received_at, "created_by_id": receiver,
        })
        self._entry(lot, "receive", LOT_TABLETS, received_at, receiver, witness_key="mokafor")
        self._lots.append(lot)
        return lot

    def _entry(self, lot: Lot, kind: str, quantity: int, at: datetime, by: int, *, session_id: int | None = None,
               dose_id: int | None = None, witness_key: str | None = None, reason: str = "") -> None:
        ctx = self._ctx
        witness = ctx.staff_ids[witness_key] if witness_key else None
        ctx.writer.add(LedgerEntry, {
            "id": ctx.writer.next_id(LedgerEntry), "lot_id": lot.id, "kind": kind, "quantity": quantity, "at": at,
            "session_id": session_id, "dose_id": dose_id, "witness_id": witness,
            "witness_name": ctx.signature(witness_key) if witness_key else "", "reason": reason,
            "corrects_id": None, "created_at": at, "created_by_id": by,
        })
