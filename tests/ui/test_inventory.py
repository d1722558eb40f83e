"""The Inventory screen: lots table, stock dialogs with witnesses, session reconciliation and printed PDFs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from facilitator.db.models import Protocol
from facilitator.services import account_admin
from facilitator.services.inventory import list_lots, stock_sessions
from facilitator.ui.dialogs.stock_dialogs import ReceiveLotDialog, WasteDialog
from facilitator.ui.screens.inventory_model import (
    COL_BALANCE,
    COL_EXPIRY,
    COL_LOT,
    STATE_ROLE,
    LotsTableModel,
)
from tests.services.inventory_scenario import Staff, dosing_session_of_eight, receive_tablets

MONITOR_PASSWORD = "vitals every forty"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artefacts"


@pytest.fixture()
def staff(store) -> Staff:  # type: ignore[no-untyped-def]
    monitor = account_admin.add_account(store, username="mokafor", display_name="Mei Okafor",
                                        password=MONITOR_PASSWORD, role="monitor", credentials="RN")
    with store.session() as s:
        protocol = s.scalar(select(Protocol.id).where(Protocol.key == "group-kap-sublingual"))
    return Staff(monitor_id=monitor, inactive_id=0, protocol_id=protocol)


def inventory(window):  # type: ignore[no-untyped-def]
    window.show_screen("inventory")
    return window.pages["inventory"]


def test_lots_model_reads_rows_and_marks_expiry(store, clock) -> None:  # type: ignore[no-untyped-def]
    receive_tablets(store, clock, quantity=40, lot_number="KRD-A")
    lots = store.run(list_lots, clock=clock)
    model = LotsTableModel()
    model.set_rows(lots, {}, clock.now())
    assert model.rowCount() == 1 and model.columnCount() == 6
    assert model.data(model.index(0, COL_LOT)) == "KRD-A"
    assert model.data(model.index(0, COL_BALANCE)) == "40 tablets"
    assert model.data(model.index(0, COL_EXPIRY), STATE_ROLE) == ""
    clock.advance(minutes=60 * 24 * 330)  # expiry 2027-02-28 is now within sixty days
    model.set_rows(lots, {}, clock.now())
    assert model.data(model.index(0, COL_EXPIRY), STATE_ROLE) == "expiring"
    assert "expires soon" in model.data(model.index(0, COL_EXPIRY))


def test_empty_inventory_offers_the_first_lot(window) -> None:  # type: ignore[no-untyped-def]
    screen = inventory(window)
    assert screen.empty.isVisibleTo(screen) and not screen.table.isVisibleTo(screen)
    assert screen.empty.action.text() == "Receive the first lot"


def test_receive_a_lot_through_the_dialog(window, store, clock) -> None:  # type: ignore[no-untyped-def]
    screen = inventory(window)
    dialog = ReceiveLotDialog(screen.ctx, screen)
    dialog.lot_number.setText("KRD2603-101")
    dialog.quantity.setText("100")
    dialog._accept()
    assert dialog.error.isVisibleTo(dialog) and dialog.error.text() == "Enter the strength in mg."
    dialog.strength.setText("fifty")
    dialog._accept()
    assert "must be a number" in dialog.error.text()
    dialog.strength.setText("50")
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    screen.reload()
    assert screen.model.rowCount() == 1 and screen.model.data(screen.model.index(0, COL_BALANCE)) == "100 tablets"
    assert screen.table.isVisibleTo(screen) and not screen.empty.isVisibleTo(screen)


def test_waste_needs_a_witness_and_checks_a_colleagues_password(window, store, clock, staff) -> None:  # type: ignore[no-untyped-def]
    receive_tablets(store, clock, quantity=10, lot_number="KRD-W")
    screen = inventory(window)
    lot = screen.selected_lot()
    dialog = WasteDialog(screen.ctx, lot, screen)
    dialog.quantity.setText("1")
    dialog.reason.setPlainText("Dropped on the floor.")
    dialog._accept()
    assert dialog.error.text() == ("A waste needs a witness: a second signed-in colleague, or the name of the "
                                   "person watching.")
    dialog.witness.username.setText("mokafor")
    dialog.witness.password.setText("wrong password")
    dialog._accept()
    assert dialog.error.text() == "The witness's username or password is not right."
    dialog.witness.username.setText("admin")
    dialog.witness.password.setText("anything")
    dialog._accept()
    assert "cannot also witness" in dialog.error.text()
    dialog.witness.username.setText("mokafor")
    dialog.witness.password.setText(MONITOR_PASSWORD)
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.actor.username == "admin"  # the witness did not take over the signed-in session
    assert store.run(list_lots, clock=clock)[0].balance == Decimal(9)


def _reconcile(window, store, staff):  # type: ignore[no-untyped-def]
    scenario = dosing_session_of_eight(store, staff)
    screen = inventory(window)
    assert [r.session_id for r in store.run(stock_sessions, open_only=True)] == [scenario.session_id]
    screen.open_reconciliation(scenario.session_id)
    return screen, screen.reconciliation, scenario


def test_the_session_of_eight_reconciles_to_zero_and_signs(window, store, staff) -> None:  # type: ignore[no-untyped-def]
    screen, view, scenario = _reconcile(window, store, staff)
    figures = view.rec.lots[0].figures
    assert (figures.given, figures.wasted, figures.expected) == (Decimal(23), Decimal(1), Decimal(76))
    view.count_edits[scenario.lot_id].setText("76")
    assert "no discrepancy" in view.status.text() and view.status.property("role") == "ok"
    ARTEFACTS.mkdir(exist_ok=True)
    view.grab().save(str(ARTEFACTS / "inventory-reconciliation.png"))
    view.sign()
    assert not view.error.isVisibleTo(view)
    assert view.rec.signoff is not None and view.signoff.isVisibleTo(view)
    assert "every lot balances" in view.status.text()
    assert store.run(stock_sessions, open_only=True) == []


def test_a_miscount_is_flagged_and_needs_an_explanation(window, store, staff) -> None:  # type: ignore[no-untyped-def]
    screen, view, scenario = _reconcile(window, store, staff)
    view.count_edits[scenario.lot_id].setText("75")
    assert view.status.property("role") == "flag" and "differs by −1 tablet" in view.status.text()
    view.sign()
    assert view.error.isVisibleTo(view) and "explain the discrepancy in writing" in view.error.text()
    assert view.rec.signoff is None
    view.explanation.setPlainText("One tablet fell behind the safe; found and destroyed next morning.")
    view.sign()
    assert view.rec.signoff is not None and view.rec.signoff.status == "flagged"
    assert "Discrepancy" in view.status.text()  # still shown after signing


def test_printing_writes_pdfs_off_the_ui_thread(window, store, staff, qtbot) -> None:  # type: ignore[no-untyped-def]
    screen, view, scenario = _reconcile(window, store, staff)
    screen.print_sheet(scenario.session_id)
    assert "Preparing" in screen.message.text()  # returned at once; the work runs on the pool
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=10000)
    sheet = screen.preview.path
    text = "".join(page.extract_text() for page in PdfReader(sheet).pages)
    assert "reconciliation" in text.lower() and scenario.lot_number in text
    screen.preview.close()
    screen.preview = None
    screen.printer.dispensing_log(date(2026, 3, 1), date(2026, 3, 31), scenario.lot_id,
                                  lambda path: screen.show_pdf("Dispensing log", path), screen._failed)
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=10000)
    assert "dispensing log" in PdfReader(screen.preview.path).pages[0].extract_text().lower()
    saved = screen.printer.folder.parent / f"{screen.printer.folder.name}-copy.pdf"
    screen.preview.save_to(saved)
    assert saved.exists() and "Saved as" in screen.preview.status.text()
    saved.unlink()
    folder = screen.printer.folder
    screen.preview.close()
    screen.printer.cleanup()
    assert not folder.exists()


def test_the_preview_prints_or_says_why_not(window, store, staff, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui.dialogs import pdf_preview

    screen, view, scenario = _reconcile(window, store, staff)
    screen.print_sheet(scenario.session_id)
    qtbot.waitUntil(lambda: screen.preview is not None, timeout=10000)
    monkeypatch.setattr(pdf_preview.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    screen.preview.print_document()
    assert screen.preview.status.text() == pdf_preview.NO_PRINTER
    assert screen.preview.page_label.text().startswith("Page 1 of")
    screen.preview.close()

