"""Participant handouts: only their own words, every required line, warm texts from the resource files."""

from __future__ import annotations

import io
import re
from datetime import UTC

import pytest
from pypdf import PdfReader

from facilitator.reports import render_handout, render_handouts, render_session_plan
from facilitator.reports.texts import load
from facilitator.services.documents import HandoutData, get_handout_data, get_session_handouts, get_session_plan_data
from facilitator.services.store import Store
from tests.reports.conftest import all_text, font_report, outline_titles, pages_text, render_pngs
from tests.reports.factory import ABSENT, HOSTILE_INTENTION, PEOPLE, FullSession


@pytest.fixture(scope="module")
def handouts(full: tuple[Store, FullSession]) -> list[HandoutData]:
    store, built = full
    return store.run(get_session_handouts, built.session_id)


def _names(index: int) -> set[str]:
    first, last, preferred = PEOPLE[index]
    return {part for name in (first, last, preferred) for part in name.split() if part}


def test_one_handout_per_participant_in_the_room(handouts: list[HandoutData], full: tuple[Store, FullSession]) -> None:
    _, built = full
    assert sorted(h.participant_id for h in handouts) == sorted(built.present_ids)
    assert built.participant_ids[ABSENT] not in {h.participant_id for h in handouts}


def test_a_handout_names_no_other_participant(handouts: list[HandoutData], full: tuple[Store, FullSession]) -> None:
    _, built = full
    for handout in handouts:
        own = built.participant_ids.index(handout.participant_id)
        text = all_text(render_handout(handout, zone=UTC))
        assert f"For {PEOPLE[own][2] or PEOPLE[own][0]}" in text
        for other in range(len(PEOPLE)):
            if other == own:
                continue
            for name in _names(other) - _names(own):
                assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text), (handout.name, name)


def test_every_required_line_is_there(handouts: list[HandoutData]) -> None:
    eleni = next(h for h in handouts if h.first_name == "Eleni")
    pages = pages_text(render_handout(eleni, zone=UTC))
    text = " ".join(pages)
    assert len(pages) == 2  # one sheet, printed on both sides
    assert "For Eleni" in text and "Thursday Cohort · Thursday, March 5, 2026" in text
    assert HOSTILE_INTENTION in text  # her own words, printed literally
    assert "Loss, and the slow work of grieving" in text and "Self-compassion, and softening the inner critic" in text
    assert "Belonging, and the experience of being witnessed" in text
    assert "Thursday, March 12, 2026 at 4:00 p.m." in text and "Willow Room" in text
    assert "No driving today." in text and "until tomorrow, after a night of restful sleep" in text
    assert "Lindenhof Clinic & Co <Integrative>" in text
    assert "(555) 010-2030" in text and "care@lindenhof.example" in text
    assert "call or text 988" in text and "988 Suicide & Crisis Lifeline" in text
    for practice in load("en").practices:
        assert practice.title in text
    assert "Eight of nine attended" not in text  # the group note's own words never reach a handout


def test_the_combined_file_has_every_handout_with_a_bookmark_each(handouts: list[HandoutData]) -> None:
    pdf = render_handouts(handouts, zone=UTC)
    text = all_text(pdf)
    for handout in handouts:
        assert f"For {handout.first_name}" in text
    assert sorted(outline_titles(pdf)) == sorted(h.name for h in handouts)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2 * len(handouts)
    assert all(font_report(pdf).values()) and b"Helvetica" not in pdf
    with pytest.raises(ValueError):
        render_handouts([])


def test_metadata_fonts_and_language(handouts: list[HandoutData]) -> None:
    pdf = render_handout(handouts[0], zone=UTC)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None and meta.title == f"Your take-home notes — {handouts[0].name}"
    assert meta.author == "Lindenhof Clinic & Co <Integrative>" and meta.subject
    fonts = font_report(pdf)
    assert fonts and all(fonts.values()) and all("DejaVuSans" in f for f in fonts)


def test_a_participant_not_in_the_room_gets_no_handout(full: tuple[Store, FullSession]) -> None:
    from facilitator.errors import UserError

    store, built = full
    with pytest.raises(UserError, match="was not present"):
        store.run(get_handout_data, built.session_id, built.participant_ids[ABSENT])
    one = store.run(get_handout_data, built.session_id, built.participant_ids[1])
    assert one.first_name == "Ольга" and one.dosed and one.next_session is not None


def test_the_room_plan_has_clock_times_and_no_names(full: tuple[Store, FullSession]) -> None:
    store, built = full
    pdf = render_session_plan(store.run(get_session_plan_data, built.next_session_id), zone=UTC)
    text = all_text(pdf)
    assert "Today’s session" in text and "Thursday, March 12, 2026" in text
    assert "4:00 p.m. Arrival & check-in 15 min" in text and "Planned finish: 7:20 p.m." in text
    assert "With Sam Ortiz, LCSW · Hana Kovačević, RN" in text or "With Hana Kovačević, RN · Sam Ortiz, LCSW" in text
    for index in range(len(PEOPLE)):
        for name in _names(index):
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text), name
    assert all(font_report(pdf).values()) and b"Helvetica" not in pdf


@pytest.mark.slow
def test_handouts_and_plan_render_to_png_for_review(handouts: list[HandoutData], demo: Store) -> None:
    from facilitator.services.sessions import list_sessions

    rows = demo.run(list_sessions)
    dosing = next(r for r in reversed(rows) if r.status == "finished" and "Dosing" in r.title)
    demo_handouts = demo.run(get_session_handouts, dosing.id)
    assert render_pngs(render_handout(demo_handouts[0], zone=UTC), "handout-demo")
    assert render_pngs(render_handout(handouts[0], zone=UTC), "handout-full")
    upcoming = next(r for r in rows if r.status == "planned")
    assert render_pngs(render_session_plan(demo.run(get_session_plan_data, upcoming.id), zone=UTC), "plan-demo")
