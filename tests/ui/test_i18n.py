"""The interface in Spanish: every session-screen string translated, compiled, loaded and shown."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from facilitator.settings import Settings, load_settings
from facilitator.ui import i18n
from tests.ui.runner_helpers import running_session, small_clinic

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{\w+\}")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed here")
    return found


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name") or "", m.findtext("source") or "", m.find("translation"))  # type: ignore[misc]
            for c in root.iter("context") for m in c.iter("message")]


@pytest.fixture()
def spanish(interface_language) -> None:  # type: ignore[no-untyped-def]
    assert interface_language("es") == "es"


def test_every_entry_is_translated_with_its_placeholders() -> None:
    found = messages(i18n.ts_path("es"))
    contexts = {context for context, _, _ in found}
    assert {"RunnerScreen", "PhaseClock", "CheckInScreen", "CheckInCardWidget", "RoomDisplay", "MainWindow",
            "Navigation", "Monitoring", "CircleScreen", "LockOverlay", "DischargeDialog"} <= contexts
    assert len(found) > 150
    problems = []
    for context, source, translation in found:
        text = (translation.text or "").strip()
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            problems.append(f"{context}: {source!r} is not translated")
        elif set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text)):
            problems.append(f"{context}: {source!r} and {text!r} differ in their {{placeholders}}")
    assert not problems, "\n".join(problems)


def test_the_check_catches_an_unfinished_entry(tmp_path: Path) -> None:
    ts = tmp_path / "broken.ts"
    ts.write_text(i18n.ts_path("es").read_text(encoding="utf-8").replace(
        "<translation>Pausar</translation>", '<translation type="unfinished"></translation>', 1), encoding="utf-8")
    assert any(t.get("type") == "unfinished" for _, _, t in messages(ts))


def test_the_ts_holds_every_marked_string_of_the_source(tmp_path: Path) -> None:
    # lupdate over the code into a copy: nothing new may appear (a new tr() string needs its translation).
    copy = tmp_path / "facilitator_es.ts"
    shutil.copy(i18n.ts_path("es"), copy)
    files = [str(p) for p in sorted((ROOT / "facilitator" / "ui").rglob("*.py"))]
    subprocess.run([_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none", "-silent",
                    "-ts", str(copy)], check=True, timeout=120)
    before = {(c, s) for c, s, _ in messages(i18n.ts_path("es"))}
    after = {(c, s) for c, s, _ in messages(copy)}
    assert after - before == set(), "run scripts/update_translations.py and translate the new strings"
    assert before - after == set(), "run scripts/update_translations.py: some strings are no longer used"


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "facilitator_es.qm"
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(i18n.ts_path("es")), "-qm", str(fresh)],
                   check=True, timeout=60)
    assert fresh.read_bytes() == i18n.qm_path("es").read_bytes(), "run scripts/update_translations.py --release"


def test_an_unknown_language_falls_back_to_english(interface_language) -> None:  # type: ignore[no-untyped-def]
    assert interface_language("fr") == "en"
    assert QLocale().language() == QLocale.Language.English


def test_the_runner_speaks_spanish(spanish, make_window, qtbot, store, clock) -> None:  # type: ignore[no-untyped-def]
    assert QLocale().language() == QLocale.Language.Spanish
    session_id = running_session(store, small_clinic(store), clock)
    clock.advance(minutes=4, seconds=30)
    window = make_window(Settings(theme="light", chime_muted=True, language="es"))
    window.ctx.open_session(session_id, "runner")
    screen = window.pages["runner"]
    qtbot.waitUntil(lambda: screen.live.snapshot is not None)
    assert screen.clock.step_label.text() == "FASE 1 DE 8"
    assert screen.controls.pause.text() == "Pausar  Espacio"
    assert screen.controls.next.text() == "Siguiente fase  N"
    assert screen.people_heading.text() == "En la sala  ·  3"
    assert screen.note_line.add.text() == "Agregar nota"
    assert screen.next_panel.heading.text() == "DESPUÉS"
    assert window.sidebar.buttons["runner"].text().strip() == "Sesión en vivo"
    assert window.clock_label.text().replace("\u202f", " ") == "9:44 a.m."  # es-US writes the clock so


def test_the_runner_is_english_again_after_switching_back(interface_language, make_window, qtbot, store,  # type: ignore[no-untyped-def]
                                                         clock) -> None:
    interface_language("es")
    interface_language("en")
    window = make_window()
    assert window.clock_label.text().replace("\u202f", " ").endswith("AM")
    window.show_screen("runner")
    screen = window.pages["runner"]
    assert screen.empty.title_label.text() == "No session is running"
    assert screen.controls.pause.text() == "Pause  Space"


def test_choosing_spanish_in_settings_is_saved_and_said_in_spanish(window, qtbot, store) -> None:  # type: ignore[no-untyped-def]
    window.show_screen("settings")
    page = window.pages["settings"]
    page.language.setCurrentIndex(page.language.findData("es"))
    page.language.activated.emit(page.language.currentIndex())
    assert load_settings(store.data_dir).language == "es"
    assert page.status.text() == "Guardado. Facilitator estará en español la próxima vez que se inicie."


def test_check_in_speaks_spanish(spanish, make_window, qtbot, store, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from tests.ui.test_check_in_screen import _clinic

    session_id, ids = _clinic(store, "open")
    window = make_window(Settings(theme="light", language="es"))
    window.ctx.open("check-in", session_id=session_id)
    page = window.page("check-in")
    assert page.title_label.text() == "Registro de llegada"
    assert page.summary.text() == "0 de 3 presentes"
    ana = page.cards[ids["Ana"]]
    assert [b.text() for b in ana.buttons.values()] == ["Presente", "Tarde", "Ausente", "Canceló", "Se fue"]
    assert ana.flags.accessibleName() == "Hipertensión"
    qtbot.mouseClick(ana.buttons["present"], Qt.MouseButton.LeftButton)
    assert ana.times.text().startswith("Llegada ") and page.summary.text() == "1 de 3 presentes"
    for button in ana.buttons.values():  # nothing cut: each word fits its button
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()) + 8, button.text()


def test_the_bundle_carries_the_compiled_translations() -> None:
    spec = (ROOT / "packaging" / "facilitator.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec  # resources/i18n travels with the rest
    assert i18n.qm_path("es").is_file() and i18n.qm_path("es").parent == ROOT / "resources" / "i18n"


def test_circle_mode_speaks_spanish(spanish, make_window, qtbot, store, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_circle import circle_session

    session_id, _ids = circle_session(store, clock)
    window = make_window(Settings(theme="light", chime_muted=True, language="es"))
    window.ctx.open_session(session_id, "runner")
    runner_screen = window.pages["runner"]
    assert runner_screen.circle_button.text() == "Abrir el modo círculo  C"
    runner_screen.open_circle()
    screen = window.pages["circle"]
    assert window.stack.currentWidget() is screen and screen.content.isVisible()
    assert screen.title_label.text() == "Modo círculo"
    assert screen.next_button.text() == "Siguiente  N" and screen.save_button.text() == "Guardar nota"
    assert screen.round_label.text().startswith("Ronda 1")
