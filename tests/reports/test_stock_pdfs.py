"""The printed dispensing log and reconciliation sheet: their text read back, their fonts all embedded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from facilitator.db.models import AuditEvent
from facilitator.domain.ledger import Totals
from facilitator.reports.dispensing_log import render_dispensing_log, write_dispensing_log
from facilitator.reports.reconciliation_sheet import write_reconciliation_sheet
from facilitator.services.inventory import (
    DispensingLog,
    LogLine,
    LotLog,
    get_lot,
    record_correction,
    record_count,
    record_waste,
    sign_reconciliation,
)
from tests.services.inventory_scenario import NAMES, START, dosing_session_of_eight, open_stock_clinic

D = Decimal


@dataclass(frozen=True)
class Printed:
    log: Path
    balanced: Path
    flagged: Path
    explanation: str
    lot_number: str


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Printed]:
    """Two dosing sessions from one clinic: one balanced, one miscounted; a waste witnessed by name; a correction."""
    out = tmp_path_factory.mktemp("pdf")
    store, staff = open_stock_clinic(out / "clinic")
    try:
        first = dosing_session_of_eight(store, staff)
        store.run(sign_reconciliation, first.session_id, {first.lot_id: 76}, witness=staff.monitor_id,
                  clock=first.clock)
        second = dosing_session_of_eight(store, staff, start=START + timedelta(days=7))
        clock = second.clock
        store.run(record_waste, second.lot_id, 1, witness="Sam Porter", reason="Tablet dropped on the floor.",
                  session_id=second.session_id, clock=clock)
        clock.advance(minutes=5)
        why = "One tablet unaccounted for after the session; reported to the medical director the same day."
        store.run(sign_reconciliation, second.session_id, {second.lot_id: 74}, explanation=why, clock=clock)
        count = store.run(record_count, second.lot_id, 74, note="Recount with the director.", clock=clock)
        store.run(record_correction, count.entry_id, count.difference, reason="Adjusted to the count; see incident "
                  "report 2026-014.", clock=clock)
        paths = Printed(out / "log.pdf", out / "balanced.pdf", out / "flagged.pdf", why, second.lot_number)
        with store.session() as s, paths.log.open("wb") as f:
            write_dispensing_log(s, f, lot_id=second.lot_id, start=date(2026, 3, 1), end=date(2026, 3, 31),
                                 clock=clock)
        store.run(write_reconciliation_sheet, first.session_id, paths.balanced, clock=clock)
        store.run(write_reconciliation_sheet, second.session_id, paths.flagged, clock=clock)
        assert store.run(get_lot, second.lot_id).balance == D(74)
        with store.session() as s:
            reports = s.scalars(select(AuditEvent).where(AuditEvent.action == "report")).all()
            assert [r.detail for r in reports][-3:] == ["dispensing log, 1 lot(s), 2026-03-01 to 2026-03-31",
                                                        "reconciliation sheet", "reconciliation sheet"]
            assert all("Ruiz" not in r.detail for r in reports)
        yield paths
    finally:
        store.dispose()


def text_of(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def fonts_of(path: Path) -> list[tuple[str, bool]]:
    """(base font, embedded) for every font on every page."""
    found = []
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def test_the_log_lists_every_entry_with_names_balances_and_witnesses(printed: Printed) -> None:
    words = " ".join(text_of(printed.log).split())
    assert "Controlled-substance dispensing log" in words and "Period: 2026-03-01 to 2026-03-31" in words
    assert f"Ketamine 50 mg rapid-dissolve tablet, lot {printed.lot_number}" in words
    for first, last in NAMES:  # the log is a clinical record: it names who received each dose
        assert f"{first} {last}" in words
    for kind in ("Received", "Dispensed", "Wasted", "Count", "Correction"):
        assert kind in words
    assert "−2.5 tablets" in words and "−0.5 tablet" in words and "+100 tablets" in words and "−125 mg" in words
    assert "Mei Okafor, RN signed in" in words  # a witness who signed in to the app
    assert "Sam Porter Signature: ____" in words  # a witness by name signs the paper
    assert "Differs from the balance by −1 tablet (75 expected)" in words
    assert "Corrects #" in words and "Adjusted to the count" in words
    assert "Balance at the end of the period 74 74 tablets (3700 mg)" in words
    assert "Reviewed by (name):" in words and "Page 1 of " in words
    reader = PdfReader(printed.log)
    assert reader.metadata is not None and reader.metadata.title.startswith("Controlled-substance dispensing log")
    outline = reader.outline
    assert outline[0].title == "Controlled-substance dispensing log"
    assert [child.title for child in outline[1]] == [f"Lot {printed.lot_number}"]  # one bookmark a lot


def test_the_reconciliation_sheets_show_the_figures_and_the_signatures(printed: Printed) -> None:
    balanced = " ".join(text_of(printed.balanced).split())
    assert "Signed in Facilitator by Robin Admin, LCSW" in balanced and "balanced, no discrepancy" in balanced
    assert "100 24 23 1 0 76 76 0 — balanced" in balanced  # before, drawn, given, wasted, other, expected, counted
    assert "Chloé Moreau 125 mg 2.5" in balanced and "Grzegorz Wójcik" in balanced
    assert "Reconciled by Robin Admin, LCSW Signature:" in balanced and "Witness Mei Okafor, RN Signature:" in balanced
    flagged = " ".join(text_of(printed.flagged).split())
    assert "with a discrepancy, explained below" in flagged
    assert "−1 tablet count −1, doses 0" in flagged
    assert "Explanation of the discrepancy" in flagged and printed.explanation in flagged
    # The dropped tablet, witnessed by name only, has its own line and a place to sign.
    assert "Other stock entries of the session" in flagged
    assert "Wasted" in flagged and "Tablet dropped on the floor. Robin Admin, LCSW Sam Porter Signature: ___" in flagged


@pytest.mark.parametrize("name", ["log", "balanced", "flagged"])
def test_every_font_is_embedded(printed: Printed, name: str) -> None:
    fonts = fonts_of(getattr(printed, name))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    assert not [f for f, _ in fonts if "Helvetica" in f]


def test_a_long_log_repeats_its_table_header_and_numbers_its_pages(tmp_path: Path) -> None:
    from facilitator.services.inventory import LotRow

    at = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    lot = LotRow(id=1, medication="ketamine", form="vial", strength_mg=D(50), unit="mL", lot_number="V-2026-7",
                 expiry=date(2027, 1, 31), supplier="", received_at=at, received_by="", received=D(300),
                 balance=D(300), expired=False)
    lines = tuple(LogLine(entry_id=i, at=at + timedelta(hours=i), kind="dispense", quantity=D("1.25"),
                          change=D("-1.25"), mg=D("-62.5"), balance=D(300) - D("1.25") * i,
                          participant_name=f"Participant Nº {i}", session_id=1, dose_id=i, recorded_by="Mei Okafor, RN",
                          witness="", witness_signs=False, reason="", corrects_id=None, difference=None)
                  for i in range(1, 121))
    log = DispensingLog(start=None, end=None, lots=(LotLog(lot, D(300), lines, D(150), Totals(D(0), D(150), D(0),
                                                                                                    D(0))),),
                        clinic={"clinic_name": "Clínica Ñandú"}, printed_at=at, printed_by="")
    target = tmp_path / "long.pdf"
    render_dispensing_log(log, target)
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(target).pages]
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page and "Clínica Ñandú" in page
        if number < len(pages):
            assert "Date and time" in page and "Balance (mL)" in page  # the header row on every page
    assert "−1.25 mL" in pages[0] and "150 mL (7500 mg)" in pages[-1]
