"""The progress report: measures over time on severity bands, the PHQ-9 item 9 flag up front, sessions, notes."""

from __future__ import annotations

import dataclasses
import io
from datetime import UTC

import pytest
from pypdf import PdfReader

from facilitator.errors import UserError
from facilitator.reports import render_progress
from facilitator.services.documents import ProgressData, get_progress_data
from facilitator.services.store import Store
from tests.reports.conftest import font_report, outline_titles, pages_text, render_pngs
from tests.reports.factory import FullSession


@pytest.fixture(scope="module")
def progress(full: tuple[Store, FullSession]) -> tuple[ProgressData, bytes, list[str]]:
    store, built = full
    data = store.run(get_progress_data, built.participant_ids[0])
    pdf = render_progress(data, zone=UTC)
    return data, pdf, pages_text(pdf)


def test_item_9_flags_lead_the_first_page(progress: tuple[ProgressData, bytes, list[str]]) -> None:
    data, _, pages = progress
    assert [m.taken_on.isoformat() for m in data.item9_flags] == ["2026-01-08", "2026-02-05"]
    first = pages[0]
    assert "Safety flag: PHQ-9 item 9 above 0" in first
    assert "8 Jan 2026: 1 (Several days) · PHQ-9 total 19 (moderately severe)" in first
    assert "5 Feb 2026: 2 (More than half the days) · PHQ-9 total 14 (moderate)" in first
    assert first.index("Safety flag") < first.index("GAD-7 and PHQ-9")


def test_measures_charts_change_sessions_and_notes(progress: tuple[ProgressData, bytes, list[str]]) -> None:
    data, pdf, pages = progress
    text = " ".join(pages)
    assert "Progress report" in text and "Eleni Παπαδοπούλου" in text and "Ελένη Παπαδοπούλου" in text
    assert "GAD-7: 15 (severe) on 8 Jan 2026 → 7 (mild) on 5 Mar 2026: 8 points lower, a clinically meaningful" in text
    assert "PHQ-9: 19 (moderately severe) on 8 Jan 2026 → 8 (mild)" in text
    for band in ("minimal", "mild", "moderate", "moderately severe", "severe"):
        assert band in text  # the chart's shaded bands are labelled
    assert "Attended 1 of 1 sessions." in text and "Thursday Cohort" in text
    assert "Latest notes" in text and "Note of 5 Mar 2026" in text and "Typed as text: <b>not bold</b>" in text
    assert all(f"Page {n} of" in p for n, p in enumerate(pages, start=1))
    assert all(font_report(pdf).values()) and b"Helvetica" not in pdf
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.title == f"Progress report — {data.name}" and meta.author
    assert {"Progress report", "GAD-7 and PHQ-9", "Latest notes", "Sessions"} <= set(outline_titles(pdf))


def test_no_measures_and_no_flags_say_so(progress: tuple[ProgressData, bytes, list[str]]) -> None:
    data, _, _ = progress
    bare = dataclasses.replace(data, measures=(), notes=(), sessions=())
    text = " ".join(pages_text(render_progress(bare, zone=UTC)))
    assert "No PHQ-9 item 9 answer above 0 on record." in text and "No GAD-7 or PHQ-9 recorded yet." in text
    assert "No notes written yet." in text and "No sessions yet." in text


def test_unknown_participant_is_one_sentence(full: tuple[Store, FullSession]) -> None:
    store, _ = full
    with pytest.raises(UserError, match="There is no participant with id 99999."):
        store.run(get_progress_data, 99999)


@pytest.mark.slow
def test_progress_renders_to_png_for_review(demo: Store, progress: tuple[ProgressData, bytes, list[str]]) -> None:
    from facilitator.services.participants import list_participants

    people = demo.run(list_participants)
    data = next(d for d in (demo.run(get_progress_data, p.id) for p in people) if len(d.measures) > 8)
    assert render_pngs(render_progress(data, zone=UTC), "progress-demo")
    assert render_pngs(progress[1], "progress-full")
