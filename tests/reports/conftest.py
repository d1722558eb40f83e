"""Fixtures for the document tests: a full synthetic session, the demo clinic, PDF inspection helpers."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from facilitator.db.models import ClinicSetting
from facilitator.domain.clock import FakeClock
from facilitator.services.store import Store
from tests.conftest import fast_kdf, new_test_clinic
from tests.reports.factory import FullSession, build_full_session

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
DEMO_NOW = datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, FullSession]]:
    store = new_test_clinic(tmp_path_factory.mktemp("full"))
    with store.session() as s:  # the clinic's letterhead, as Settings writes it
        s.add_all([ClinicSetting(key="clinic_name", value="Lindenhof Clinic & Co <Integrative>"),
                   ClinicSetting(key="clinic_phone", value="(555) 010-2030"),
                   ClinicSetting(key="clinic_email", value="care@lindenhof.example")])
    built = build_full_session(store)
    yield store, built
    store.dispose()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from facilitator.services.demo_clinic import create_demo_clinic

    store, _summary = create_demo_clinic(data_dir=tmp_path_factory.mktemp("demo"), years=1, seed=7,
                                         clock=FakeClock(DEMO_NOW), kdf=fast_kdf())
    yield store
    store.dispose()


def pages_text(pdf: bytes) -> list[str]:
    """Each page's extracted text, whitespace runs folded to one space."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def all_text(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def _resolve(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def font_report(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use (also inside form XObjects): its base name -> whether its program is embedded."""
    found: dict[str, bool] = {}

    def visit(resources: Any) -> None:
        resources = _resolve(resources)
        if not resources:
            return
        for font in (_resolve(resources.get("/Font")) or {}).values():
            font = _resolve(font)
            descendants = font.get("/DescendantFonts")
            target = _resolve(_resolve(descendants)[0]) if descendants else font
            descriptor = _resolve(target.get("/FontDescriptor"))
            embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                                   "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        for xobject in (_resolve(resources.get("/XObject")) or {}).values():
            xobject = _resolve(xobject)
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        visit(page.get("/Resources"))
    return found


def outline_titles(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    titles: list[str] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


def render_pngs(pdf: bytes, name: str) -> list[Path]:
    """Every page as a 60 dpi PNG in test-artifacts/reports/ for review; skips when pdftoppm is missing."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed, so the pages cannot be rendered to PNG for review")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(source), str(ARTIFACTS / name)], check=True, timeout=60)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))
