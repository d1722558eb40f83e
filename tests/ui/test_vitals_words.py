"""The vitals reasons read back and said again: unchanged in English, Spanish throughout in Spanish."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from facilitator.domain.vitals import Reading, Thresholds, classify
from facilitator.ui.vitals_words import reason_text, reasons_text

# Readings that meet every kind of limit, before the dose and after it.
READINGS = [Reading(150, 92), Reading(165, 95), Reading(160, 100), Reading(185, 100), Reading(180, 110, 40, 85),
            Reading(120, 80, 130, 99), Reading(120, 80, 70, 88), Reading(170, 105, 140, 90)]
ENGLISH = re.compile(r"\b(the|dose|protocol|limit|above|below|urgent|recheck|clinician|minimum|maximum|"
                     r"Heart|rate|breathing|before|hold|caution|alert|attention|trend|watch)\b")


def _reasons() -> list[str]:
    found = [r for reading in READINGS for minutes in (None, 40)
             for r in classify(reading, Thresholds(), minutes).reasons]
    assert len(set(found)) >= 10
    return found


@pytest.fixture()
def spanish(interface_language) -> None:  # type: ignore[no-untyped-def]
    interface_language("es")


def test_in_english_every_reason_reads_as_the_domain_wrote_it(qapp) -> None:  # type: ignore[no-untyped-def]
    for reason in _reasons():
        assert reason_text(reason) == reason


def test_in_spanish_every_reason_is_recognised_and_translated(spanish) -> None:  # type: ignore[no-untyped-def]
    for reason in _reasons():
        said = reason_text(reason)
        assert said != reason and not ENGLISH.search(said), said
    assert reason_text("BP 190/120 at 40 min: above the protocol's 180/110 alert limit; hold the dose; urgent "
                       "recheck and clinician attention.").startswith("PA 190/120 a los 40 min: por encima")
    assert reasons_text(("Something new.",)) == "Something new."  # not recognised: shown as written


def test_the_discharge_words_follow_the_domain(qapp) -> None:  # type: ignore[no-untyped-def]
    from facilitator.domain import discharge
    from facilitator.ui.discharge_words import FIXED, LABELS, discharge_reason, label_text

    assert LABELS == discharge.LABELS  # the same English words, key by key: a renamed item shows here
    assert set(discharge._NOT_TICKED.values()) <= set(FIXED)
    # Every fixed reason the domain writes (a literal passed to _state or _ticked) is known here.
    tree = ast.parse(Path(discharge.__file__).read_text(encoding="utf-8"))
    literals = {arg.value for node in ast.walk(tree) if isinstance(node, ast.Call)
                and getattr(node.func, "id", "") in ("_state", "_ticked")
                for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value}
    assert len(literals) >= 5 and literals <= set(FIXED), literals - set(FIXED)
    for sentence in FIXED:
        assert discharge_reason(sentence) == sentence
    assert label_text("unknown", "As written") == "As written"


def test_discharge_reasons_in_spanish(spanish) -> None:  # type: ignore[no-untyped-def]
    from facilitator.domain import discharge
    from facilitator.ui.discharge_words import FIXED, discharge_reason, label_text

    for sentence in FIXED:
        assert not ENGLISH.search(discharge_reason(sentence)), sentence
    assert label_text(discharge.ESCORT, "Escort present") == "Acompañante presente"
    assert discharge_reason("The 60-minute minimum observation after the last dose has 12 minutes left.") == \
        "A la observación mínima de 60 minutos tras la última dosis le quedan 12 minutos."
    vitals = discharge_reason("The last vitals are not within limits. SpO2 88% at 40 min: below the protocol's 92% "
                              "minimum; urgent attention to breathing.")
    assert vitals.startswith("Los últimos signos vitales") and not ENGLISH.search(vitals), vitals


def _entry_errors() -> list[str]:
    from facilitator.domain.vitals import VitalsError, check_reading, parse_line

    found = []
    for line in ("abc", "300/80", "120/170", "120/130", "120/80 300", "120/80 76 40%", "120/80 76 98 5"):
        with pytest.raises(VitalsError) as caught:
            parse_line(line)
        found.append(str(caught.value))
    with pytest.raises(VitalsError) as caught:
        check_reading(None, 80, None, None)  # type: ignore[arg-type]
    found.append(str(caught.value))
    assert len(set(found)) >= 6
    return found


def test_vitals_entry_errors_read_as_written_in_english(qapp) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui.vitals_words import entry_error

    for sentence in _entry_errors():
        assert entry_error(sentence) == sentence


def test_vitals_entry_errors_in_spanish(spanish) -> None:  # type: ignore[no-untyped-def]
    from facilitator.ui.vitals_words import entry_error

    for sentence in _entry_errors():
        said = entry_error(sentence)
        assert said != sentence and not re.search(r"\b(the|of|for|must|check|outside|order|numbers)\b", said), said
