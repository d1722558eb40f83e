"""Controlled-substance stock: lots, the append-only ledger, witnessed waste, counts and reconciliation.

The public API the Inventory screen and the monitoring screen call (each takes a SQLAlchemy Session
first, so ``store.run(fn, ...)`` works). Nothing here edits or deletes a ledger entry or a signed
reconciliation: a mistake is fixed by a correction that references it.
"""

from facilitator.services.inventory import guard
from facilitator.services.inventory.common import LotRow
from facilitator.services.inventory.counts import CountResult, record_correction, record_count
from facilitator.services.inventory.dispensing import Dispensed, Recorded, dispense_for_dose, record_waste
from facilitator.services.inventory.log import DispensingLog, LogLine, LotLog, dispensing_log, lot_history
from facilitator.services.inventory.lots import get_lot, list_lots, receive_lot, receive_more
from facilitator.services.inventory.overview import StockSessionRow, last_activity, stock_sessions
from facilitator.services.inventory.reconciliation import (
    DoseLine,
    LotLine,
    SessionEntry,
    SessionReconciliation,
    Signoff,
    session_reconciliation,
    sign_reconciliation,
)
from facilitator.services.inventory.witness import Witness, WitnessRef

guard.install()

__all__ = [
    "CountResult", "Dispensed", "DispensingLog", "DoseLine", "LogLine", "LotLine", "LotLog", "LotRow", "Recorded",
    "SessionEntry", "SessionReconciliation", "Signoff", "Witness", "WitnessRef", "dispense_for_dose",
    "dispensing_log", "get_lot", "last_activity", "list_lots", "lot_history", "receive_lot", "receive_more",
    "record_correction",
    "record_count", "record_waste", "session_reconciliation", "sign_reconciliation", "StockSessionRow",
    "stock_sessions",
]
