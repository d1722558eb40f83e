"""Monitoring on the runner's cards: one-line vitals, classification, overdue with a fake clock, the dialogs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from facilitator.services.monitoring import get_board, record_dose
from facilitator.settings import Settings
from tests.ui.runner_helpers import running_session, small_clinic


@pytest.fixture()
def clinic(store):  # type: ignore[no-untyped-def]
    return small_clinic(store)


def open_runner(make_window, qtbot, session_id: int):  # type: ignore[no-untyped-def]
    window = make_window(Settings(theme="light", chime_muted=True))
    window.ctx.open_session(session_id, "runner")
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, window.pages["runner"]


def card_of(screen, short_name: str):  # type: ignore[no-untyped-def]
    return next(c for c in screen.cards if c.name_label.text() == short_name)


def type_vitals(qtbot, card, line: str) -> None:  # type: ignore[no-untyped-def]
    card.panel.entry.setFocus()
    card.panel.entry.clear()
    qtbot.keyClicks(card.panel.entry, line)
    qtbot.keyClick(card.panel.entry, Qt.Key.Key_Return)


def test_one_line_vitals_on_a_card_records_and_shows_the_class(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    bea = card_of(screen, "Bea O.")
    assert not bea.panel.isHidden() and bea.panel.level_tag.text() == "No vitals"
    type_vitals(qtbot, bea, "128/82 72 98")
    assert bea.panel.entry.text() == ""
    assert bea.panel.level_tag.text() == "Normal"
    assert bea.panel.vitals_label.text().startswith("128/82 HR 72 SpO2 98%")
    board = store.run(get_board, session_id, clock)
    assert board.card(bea.card.participant_id).last_vitals.reading.systolic == 128


def test_a_typo_shows_one_sentence_and_keeps_the_text(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    bea = card_of(screen, "Bea O.")
    type_vitals(qtbot, bea, "1428/88 76 98")
    assert bea.panel.entry.text() == "1428/88 76 98"
    assert not bea.panel.error_label.isHidden()
    assert bea.panel.error_label.text().endswith(".")
    assert bea.panel.level_tag.text() == "No vitals"
    type_vitals(qtbot, bea, "142/88 76 98")
    assert bea.panel.error_label.isHidden() and bea.panel.entry.text() == ""


def test_182_over_112_shows_an_alert_with_its_reason(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    dev = card_of(screen, "Dev S.")
    type_vitals(qtbot, dev, "130/80 70 98")
    store.run(record_dose, session_id, dev.card.participant_id, clock, amount_mg=200)
    clock.advance(minutes=15)
    type_vitals(qtbot, dev, "182/112 90 97")
    assert dev.panel.level_tag.text() == "Alert"
    assert "182/112" in dev.panel.reason_label.text() and not dev.panel.reason_label.isHidden()
    assert dev.panel.level_tag.toolTip() == dev.panel.reason_label.text()
    assert dev.property("attention") == "alert"


def test_a_card_turns_overdue_five_minutes_after_due_on_the_tick(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    ana = card_of(screen, "Anaïs R.")
    type_vitals(qtbot, ana, "124/80 70 98")
    store.run(record_dose, session_id, ana.card.participant_id, clock, amount_mg=150)
    screen.feed.reload_now()
    due_at = ana.panel.card.next_due_at
    assert due_at is not None
    clock.advance((due_at + timedelta(minutes=5, seconds=-1) - clock.now()).total_seconds())
    screen.live.tick()
    assert ana.property("attention") in (None, "")
    assert "Overdue" not in ana.panel.due_label.text()
    clock.advance(seconds=1)
    screen.live.tick()  # a repaint only: no query
    assert ana.property("attention") == "overdue"
    assert ana.panel.due_label.text().startswith("Overdue 5 min")


def test_a_dose_on_hold_shows_the_reasons_and_a_clinician_overrides_with_a_reason(make_window, qtbot, store, clinic,
                                                                                 clock):
    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    bea = card_of(screen, "Bea O.")
    type_vitals(qtbot, bea, "168/102 80 98")
    qtbot.mouseClick(bea.panel.dose_button, Qt.MouseButton.LeftButton)
    dialog = screen.feed.dialog
    assert dialog is not None and "Bea" not in dialog.windowTitle()
    dialog.amount.setValue(200)
    dialog.lot.setText("K-2291")
    dialog.save_button.click()
    assert dialog.isVisible() and not dialog.hold.isHidden()
    assert "160/100 hold limit" in dialog.hold.text()
    assert not dialog.override.isHidden() and dialog.monitor_note.isHidden()  # the admin may override
    dialog.override.setPlainText("Baseline near 165/100; cleared by cardiology.")
    dialog.save_button.click()
    assert not dialog.isVisible()
    dose = bea.panel.card.doses[-1]
    assert dose.amount_mg == 200 and dose.hold_override_reason.startswith("Baseline") and dose.lot_number == "K-2291"
    assert bea.panel.dose_label.text().startswith("Dose ")


def test_a_monitor_is_told_a_clinician_must_override(make_window, qtbot, store, clinic, clock):
    from facilitator.services.actor import Actor

    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    bea = card_of(screen, "Bea O.")
    type_vitals(qtbot, bea, "168/102 80 98")
    store.actor = Actor(store.actor.id, "monitor", "Mei Okafor", "RN", "monitor")
    qtbot.mouseClick(bea.panel.dose_button, Qt.MouseButton.LeftButton)
    dialog = screen.feed.dialog
    dialog.amount.setValue(200)
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.override.isHidden() and not dialog.monitor_note.isHidden()
    assert not dialog.save_button.isEnabled()
    dialog.reject()


def test_discharge_is_refused_with_its_reasons_then_allowed(make_window, qtbot, store, clinic, clock):
    session_id = running_session(store, clinic, clock)
    _, screen = open_runner(make_window, qtbot, session_id)
    dev = card_of(screen, "Dev S.")
    type_vitals(qtbot, dev, "126/80 70 98")
    store.run(record_dose, session_id, dev.card.participant_id, clock, amount_mg=200)
    clock.advance(minutes=60)
    type_vitals(qtbot, dev, "128/82 72 98")
    qtbot.mouseClick(dev.panel.discharge_button, Qt.MouseButton.LeftButton)
    dialog = screen.feed.dialog
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.reasons.text().startswith("Not ready:")
    assert "minimum observation" in dialog.reasons.text()
    assert not dialog.override.isHidden()
    dialog.reject()
    clock.advance(minutes=62)
    type_vitals(qtbot, dev, "124/80 70 98")
    qtbot.mouseClick(dev.panel.discharge_button, Qt.MouseButton.LeftButton)
    dialog = screen.feed.dialog
    for key in ("alert_oriented", "no_active_nausea", "no_driving_acknowledged"):
        dialog.boxes[key].click()
    dialog.escort.setText("Sam Shah")
    dialog.escort.editingFinished.emit()
    dialog.boxes["escort_present"].click()
    dialog.ready_button.click()
    assert dialog.error.isHidden(), dialog.error.text()
    assert dialog.reasons.text() == "Ready for discharge.", dialog.reasons.text()
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert dev.panel.card.discharge.discharged and dev.panel.due_label.text().startswith("Discharged")
    assert not dev.panel.entry.isEnabled()
