"""Controlled-substance stock for the demo: lots received, tablets dispensed per dose, rare waste,
and every finished dosing session counted and reconciled.

Quantities are in tablets (the lot's unit). For every lot the ledger adds up:
balance = received − dispensed − wasted, and a lot's remainder is destroyed once it expires. The
shelf counts are written once every session is in the ledger, each one the lot's balance at its
count time, so a demo clinic's reconciliations all agree (as a careful clinic's would).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from facilitator.db.models import LedgerEntry, Reconciliation, StockLot
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


@dataclass
class PendingCount:
    """A finished session's count and sign-off, written once the whole ledger is known."""

    session_id: int
    at: datetime
    by_key: str
    witness_key: str
    drawn: dict[int, int] = field(default_factory=dict)  # lot id -> tablets dispensed for the session


class Inventory:
    """The lot in use and the ledger entries written for it."""

    def __init__(self, ctx: Context, receiver: str) -> None:
        self._ctx = ctx
        self._receiver = receiver
        self._lots: list[Lot] = []
        self._current: Lot | None = None
        self._drawn: dict[int, dict[int, int]] = defaultdict(dict)  # session id -> lot id -> tablets
        self._moves: dict[int, list[tuple[datetime, int]]] = defaultdict(list)  # lot id -> (at, signed change)
        self._counts: list[PendingCount] = []

    def dispense(self, mg: float, at: datetime, session_id: int, dose_id: int, by: int) -> Lot:
        """Record the tablets for one dose (a new lot is opened when the current one runs short)."""
        tablets = round(mg / TABLET_MG)
        lot = self._lot_for(tablets, at)
        lot.used += tablets
        self._entry(lot, "dispense", tablets, at, by, session_id=session_id, dose_id=dose_id)
        drawn = self._drawn[session_id]
        drawn[lot.id] = drawn.get(lot.id, 0) + tablets
        return lot

    def reconcile(self, session_id: int, at: datetime, by_key: str, witness_key: str) -> None:
        """Count the lots the session drew from and sign its reconciliation (written at :meth:`close`)."""
        drawn = self._drawn.pop(session_id, {})
        if drawn:
            self._counts.append(PendingCount(session_id, at, by_key, witness_key, drawn))

    def waste(self, at: datetime, session_id: int, by: int, witness_key: str) -> None:
        lot = self._lot_for(1, at)
        lot.used += 1
        self._entry(lot, "waste", 1, at, by, session_id=session_id, witness_key=witness_key,
                    reason=self._ctx.rng.choice(LEDGER_WASTE))

    def close(self, witness_key: str) -> None:
        """Destroy the remainder of every lot that has expired by now; write the sessions' counts."""
        ctx = self._ctx
        for lot in self._lots:
            at = datetime.combine(lot.expiry, datetime.min.time(), ctx.now.tzinfo) + timedelta(hours=16)
            if lot.balance > 0 and at <= ctx.now:
                self._entry(lot, "waste", lot.balance, at, ctx.staff_ids[self._receiver], witness_key=witness_key,
                            reason=LEDGER_EXPIRY)
                lot.used = lot.received
        by_id = {lot.id: lot for lot in self._lots}
        for pending in self._counts:
            for lot_id, tablets in pending.drawn.items():
                self._count(by_id[lot_id], pending, tablets)

    def _count(self, lot: Lot, pending: PendingCount, tablets: int) -> None:
        ctx = self._ctx
        on_shelf = sum(change for at, change in self._moves[lot.id] if at <= pending.at)
        by = ctx.staff_ids[pending.by_key]
        self._entry(lot, "count", on_shelf, pending.at, by, session_id=pending.session_id,
                    witness_key=pending.witness_key, reason="End-of-session reconciliation count.")
        ctx.writer.add(Reconciliation, {
            "id": ctx.writer.next_id(Reconciliation), "session_id": pending.session_id, "lot_id": lot.id,
            "drawn": tablets, "given": tablets, "wasted": 0, "discrepancy": 0, "explanation": "",
            "signed_at": pending.at, "signature": ctx.signature(pending.by_key),
            "witness_signature": ctx.signature(pending.witness_key), "status": "signed",
            "created_at": pending.at, "created_by_id": by,
        })

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
        sign = {"receive": 1, "dispense": -1, "waste": -1}.get(kind, 0)  # a count moves nothing
        self._moves[lot.id].append((at, sign * quantity))
        ctx.writer.add(LedgerEntry, {
            "id": ctx.writer.next_id(LedgerEntry), "lot_id": lot.id, "kind": kind, "quantity": quantity, "at": at,
            "session_id": session_id, "dose_id": dose_id, "witness_id": witness,
            "witness_name": ctx.signature(witness_key) if witness_key else "", "reason": reason,
            "corrects_id": None, "created_at": at, "created_by_id": by,
        })
