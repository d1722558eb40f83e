"""The session summary: every section, page numbers, repeated table headers, escaping, fonts, metadata."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from facilitator.domain.vitals import VitalsLevel
from facilitator.reports import render_summary
from facilitator.services.documents import SummaryData, VitalRow, get_summary_data
from facilitator.services.store import Store
from tests.reports.conftest import all_text, font_report, outline_titles, pages_text, render_pngs
from tests.reports.factory import HOSTILE_INTENTION, PEOPLE, FullSession

SECTIONS = ("Session summary", "Timeline: planned and actual", "Attendance", "Participants", "Integration circle",
            "Run notes", "Notes", "Signatures")


@dataclasses.dataclass(frozen=True)
class Printed:
    data: SummaryData
    pdf: bytes
    pages: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.pages)


@pytest.fixture(scope="module")
def summary(full: tuple[Store, FullSession]) -> Printed:
    store, built = full
    data = store.run(get_summary_data, built.session_id)
    pdf = render_summary(data, zone=UTC)
    return Printed(data, pdf, pages_text(pdf))


def test_every_section_and_the_clinic_are_printed(summary: Printed) -> None:
    text = summary.text
    for heading in SECTIONS:
        assert heading in text
    assert "Lindenhof Clinic & Co <Integrative>" in text  # the clinic's name, escaped, never parsed
    assert "Thursday Cohort" in text and "Willow Room" in text and "Sam Ortiz, LCSW" in text
    assert "Group KAP dosing session (sublingual)" in text
    assert "Playlist: Returning. Curtains drawn & lights low." in text
    assert "Arrival & check-in" in text and "20 min +5" in text  # a phase extended by five minutes
    assert "8 of 9 in the room" in text and "Called in sick." in text


def test_every_page_has_the_running_header_and_page_x_of_y(summary: Printed) -> None:
    pages = summary.pages
    assert len(pages) >= 8
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"Page {number} of ?{len(pages)}\b", page), page[:200]
        assert "Session summary · Thursday Cohort · 5 Mar 2026 · Session" in page
        assert "Confidential health record" in page


def test_participants_in_five_scripts_with_their_records(summary: Printed) -> None:
    text = summary.text
    for first, last, preferred in PEOPLE[:8]:
        assert f"{preferred or first} {last}" in text
    assert "legal name Ελένη Παπαδοπούλου" in text and "Thu Hà Nguyễn" in text and "Łukasz Wiśniewski" in text
    assert "Zosia Żółkiewska" in text and "Dima Волков" in text and "Đức Trần" in text
    assert "KRD2601-005" in text and "Sublingual" in text
    assert "given over a BP hold by Hana Kovačević, RN" in text
    assert "Felt detached; calm & responsive to voice." in text
    assert "Readiness checklist, ticked by Hana Kovačević, RN" in text
    assert "No driving until tomorrow acknowledged" in text


def test_vitals_are_flagged_with_the_sessions_thresholds(summary: Printed) -> None:
    data, text = summary.data, summary.text
    levels = {v.level for p in data.participants for v in p.vitals}
    assert levels == {VitalsLevel.NORMAL, VitalsLevel.CAUTION, VitalsLevel.HOLD, VitalsLevel.ALERT}
    # The sentences the runner showed when each reading was taken.
    assert "CAUTION: BP 146/92 before the dose: above the protocol's 140/90 caution limit" in text
    assert "HOLD: BP 163/101 before the dose: above the protocol's 160/100 hold limit" in text
    assert "above the protocol's 180/110 alert limit" in text
    assert "SpO2 90% at 60 min: below the protocol's 92% minimum" in text
    assert "Heart rate 48 before the dose: below the protocol's minimum of 50" in text
    assert sum(len(p.vitals) for p in data.participants) == 57


def test_circle_run_notes_notes_addenda_and_signatures(summary: Printed) -> None:
    data, text = summary.data, summary.text
    assert "Shared about <i>1</i> & more." in text and "passed" in text  # a share note typed with markup
    assert "Fire-alarm test announced <in advance> & handled calmly." in text
    assert "Group note" in text and "signed by Sam Ortiz, LCSW on" in text and "unsigned draft" in text
    assert "Addendum · 6 Mar 2026" in text and "Called the next morning: slept well <3 & no concerns." in text
    assert "Not signed" in text and "Addendum to: Ольга Смирнова" in text
    assert sum(len(n.body.split()) for n in data.notes) >= 3500


def test_user_text_prints_literally_and_note_markup_formats(summary: Printed) -> None:
    text = summary.text
    assert HOSTILE_INTENTION in text  # "<b>no</b> & mean it </para> <font size=40>" as typed
    assert "Typed as text: <b>not bold</b> & an ampersand." in text  # the editor's &lt;b&gt; prints as "<b>"
    assert "<b>Data:</b>" not in text and "Data:" in text and "Assessment:" in text  # the note's own bold


def test_tables_that_split_repeat_their_header_row(full: tuple[Store, FullSession]) -> None:
    store, built = full
    data = store.run(get_summary_data, built.session_id)
    first = data.participants[0]
    many = tuple(dataclasses.replace(first.vitals[1], taken_at=first.vitals[1].taken_at + timedelta(minutes=i))
                 for i in range(140))
    long = dataclasses.replace(data, participants=(dataclasses.replace(first, vitals=many),))
    pages = pages_text(render_summary(long, zone=UTC))
    with_rows = [p for p in pages if "+20 min Scheduled" in p]
    assert len(with_rows) >= 3
    assert all("Time After dose Context BP HR SpO2 Flag" in p for p in with_rows)


def test_every_font_is_embedded_and_none_is_helvetica(summary: Printed) -> None:
    pdf = summary.pdf
    fonts = font_report(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts), fonts
    assert b"Helvetica" not in pdf


def test_metadata_and_bookmarks(summary: Printed) -> None:
    data, pdf = summary.data, summary.pdf
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.title == "Session summary — Thursday Cohort, 5 Mar 2026"
    assert meta.author == "Lindenhof Clinic & Co <Integrative>"
    assert meta.subject is not None and meta.subject.startswith(f"Clinical record of session {data.session_id}")
    titles = outline_titles(pdf)
    for heading in ("Session summary", "Timeline", "Attendance", "Participants", "Notes", "Signatures"):
        assert heading in titles
    assert "Ольга Смирнова" in titles and "Group note" in titles


def test_a_planned_session_says_plainly_what_is_not_recorded(demo: Store) -> None:
    from facilitator.services.sessions import list_sessions

    planned = next(r for r in demo.run(list_sessions) if r.status == "planned")
    text = all_text(render_summary(demo.run(get_summary_data, planned.id), zone=UTC))
    assert "Not started" in text and "Not run yet" in text
    assert "No shares recorded." in text and "No notes were typed during the run." in text
    assert "No group note written." in text and "Nothing to sign yet" in text


def test_a_reading_without_values_prints_dashes(summary: Printed) -> None:
    first = summary.data.participants[0]
    blank = VitalRow(datetime(2026, 3, 5, 17, 0, tzinfo=UTC), None, "other", None, None, None, None,
                     VitalsLevel.NORMAL, ())
    one = dataclasses.replace(summary.data, participants=(dataclasses.replace(first, vitals=(blank,)),))
    assert "17:00 before dose Other –/– – – within limits" in all_text(render_summary(one, zone=UTC))


@pytest.mark.slow
def test_demo_sessions_render_to_png_for_review(demo: Store, summary: Printed) -> None:
    from facilitator.services.sessions import list_sessions

    rows = demo.run(list_sessions)
    dosing = next(r for r in reversed(rows) if r.status == "finished" and "Dosing" in r.title)
    circle = next(r for r in reversed(rows) if r.status == "finished" and "Integration" in r.title)
    for name, session_id in (("summary-demo-dosing", dosing.id), ("summary-demo-integration", circle.id)):
        pdf = render_summary(demo.run(get_summary_data, session_id), zone=UTC)
        assert all(font_report(pdf).values())
        assert "Page 1 of" in pages_text(pdf)[0]
        if name.endswith("dosing"):
            assert render_pngs(pdf, name)
    assert render_pngs(summary.pdf, "summary-full")
