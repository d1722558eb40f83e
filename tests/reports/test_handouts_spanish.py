"""Handouts in the participant's language: Spanish texts, Spanish dates, no English boilerplate left."""

from __future__ import annotations

import dataclasses
import io
import re
import string
from datetime import UTC

import pytest
from pypdf import PdfReader

from facilitator.reports import render_handout, render_handouts, render_session_plan
from facilitator.reports.texts import load
from facilitator.services.documents import HandoutData, get_session_handouts, get_session_plan_data
from facilitator.services.sessions import list_sessions
from facilitator.services.store import Store
from tests.reports.conftest import all_text, pages_text, render_pngs
from tests.reports.factory import FullSession

LIFELINE = "988 Lifeline: llame o envíe un mensaje de texto al 988"


def _fragments(template: str) -> list[str]:
    """The fixed words of a sentence, between its {placeholders}."""
    return [literal.strip(" ·,“”") for literal, *_ in string.Formatter().parse(template)
            if len(literal.strip(" ·,“”")) > 3]


def english_boilerplate() -> list[str]:
    """Every fixed English phrase a handout can print: sentences, theme lines, practices, day and month names."""
    en = load("en")
    phrases = [f for section in ("handout", "plan") for key, value in en.strings[section].items()
               if key not in ("document_title", "subject") for f in _fragments(str(value))]
    phrases += list(en.themes.values())
    phrases += [p.title for p in en.practices]
    phrases += [re.sub(r"<[^>]+>", "", block) for p in en.practices for _, content in p.blocks
                for block in ([content] if isinstance(content, str) else content)]
    phrases += list(en.strings["dates"]["weekdays"]) + list(en.strings["dates"]["months"])
    return sorted({p for p in phrases if p != "min"})


def _spanish(handout: HandoutData) -> HandoutData:
    # A neutral group name and intention, so only the handout's own words are judged.
    return dataclasses.replace(handout, language="es", group_name="Grupo Ceiba", intention="Estar presente")


@pytest.fixture(scope="module")
def handouts(full: tuple[Store, FullSession]) -> list[HandoutData]:
    store, built = full
    return store.run(get_session_handouts, built.session_id)


def test_the_english_list_is_real() -> None:
    phrases = english_boilerplate()
    assert "Please remember" in phrases and "Rest and drink water" in phrases and "Thursday" in phrases
    assert len(phrases) > 60


def test_a_spanish_handout_is_spanish_throughout(handouts: list[HandoutData]) -> None:
    pages = pages_text(render_handout(_spanish(handouts[0]), zone=UTC))
    text = " ".join(pages)
    assert len(pages) == 2
    for practice in load("es").practices:
        assert practice.title in text
    assert {"Descanse y tome agua", "Escríbalo", "Una respiración lenta", "Una caminata tranquila",
            "Manténgase en contacto"} <= {p.title for p in load("es").practices}
    assert text.count(LIFELINE) >= 2  # in the support box and in every page's footer
    assert all(LIFELINE in page for page in pages)
    assert "Hoy no maneje." in text and "Por favor, recuerde" in text and "llame al 911" in text
    assert "jueves, 5 de marzo de 2026" in text and "jueves, 12 de marzo de 2026, 4:00 p. m." in text
    assert "La pérdida y el lento trabajo del duelo" in text  # the theme tags read in Spanish
    left = [phrase for phrase in english_boilerplate() if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    assert not left, left


def test_an_english_handout_fails_the_same_check(handouts: list[HandoutData]) -> None:
    # The check can fail: the English handout is full of the phrases the Spanish one must not hold.
    text = all_text(render_handout(dataclasses.replace(handouts[0], group_name="Grupo Ceiba"), zone=UTC))
    assert sum(phrase in text for phrase in english_boilerplate()) > 30
    assert LIFELINE not in text


def test_a_combined_file_mixes_languages_page_by_page(handouts: list[HandoutData]) -> None:
    mixed = [_spanish(h) if i == 1 else h for i, h in enumerate(handouts)]
    pages = pages_text(render_handouts(mixed, zone=UTC))
    assert len(pages) == 2 * len(mixed)
    for i, page in enumerate(pages):
        spanish = i // 2 == 1
        assert (LIFELINE in page) is spanish, i
        assert ("988 Suicide & Crisis Lifeline: call or text 988" in page) is not spanish, i
    assert f"Para {mixed[1].first_name}" in pages[2] and f"For {mixed[0].first_name}" in pages[0]


def test_the_room_plan_follows_the_room(full: tuple[Store, FullSession]) -> None:
    store, built = full
    english = all_text(render_session_plan(store.run(get_session_plan_data, built.next_session_id), zone=UTC))
    assert "Today’s session" in english
    spanish = all_text(render_session_plan(store.run(get_session_plan_data, built.next_session_id, language="es"),
                                           zone=UTC))
    assert "La sesión de hoy" in spanish and "jueves, 12 de marzo de 2026" in spanish
    assert "Fin previsto: 7:20 p. m." in spanish and "Minutos" in spanish
    assert "Llegada y registro" in spanish and "Arrival" not in spanish
    assert "Planned finish" not in spanish and "Thursday," not in spanish, spanish


@pytest.mark.slow
def test_the_demo_running_group_prints_two_spanish_handouts(demo: Store) -> None:
    running = next(r for r in demo.run(list_sessions) if r.status == "running")
    handouts = demo.run(get_session_handouts, running.id)
    spanish = [i for i, h in enumerate(handouts) if h.language == "es"]
    assert len(spanish) >= 2 and len(spanish) < len(handouts)
    pdf = render_handouts(handouts, zone=UTC)
    pages = pages_text(pdf)
    for i, handout in enumerate(handouts):
        front = pages[2 * i]
        if i in spanish:
            assert f"Para {handout.first_name}" in front and LIFELINE in front and "Por favor, recuerde" in front
        else:
            assert f"For {handout.first_name}" in front and "Please remember" in front
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2 * len(handouts)
    assert render_pngs(pdf, "handouts-demo-mixed")
