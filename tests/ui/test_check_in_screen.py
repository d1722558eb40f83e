"""Check-in in a real window: statuses stamped by the clock, drop-ins for open groups only, PHQ-9 item 9 in red."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from facilitator.db.models import Participant, Protocol
from facilitator.services.check_in import check_in_sheet
from facilitator.services.groups import GroupFields, add_member, create_group
from facilitator.services.session_setup import plan_session
from facilitator.ui import format as fmt
from tests.ui.sessions import NOW

TODAY = NOW.date()


def _clinic(store, kind: str) -> tuple[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    """A group of three (Ana has hypertension) with a session starting now, and one person outside it."""
    with store.session() as s:
        people = {
            "Ana": Participant(legal_first_name="Ana", legal_last_name="Ruiz", flag_hypertension=True),
            "Bea": Participant(legal_first_name="Beatriz", legal_last_name="Olsen", preferred_name="Bea"),
            "Cal": Participant(legal_first_name="Cal", legal_last_name="Moreau"),
            "Dev": Participant(legal_first_name="Dev", legal_last_name="Shah", flag_pregnancy=True),
        }
        s.add_all(people.values())
        s.flush()
        ids = {k: p.id for k, p in people.items()}
        protocol = s.scalar(select(Protocol.id).where(Protocol.key == "integration-circle"))
    group = store.run(create_group, GroupFields(name=f"{kind.title()} circle", kind=kind, capacity=3,
                                                default_protocol_id=protocol), today=TODAY)
    for name in ("Ana", "Bea", "Cal"):
        store.run(add_member, group.id, ids[name], joined_on=date(2026, 1, 1), today=TODAY)
    session_id = store.run(plan_session, scheduled_start=NOW + timedelta(minutes=20), group_id=group.id).id
    return session_id, ids


@pytest.fixture()
def open_check_in(store, make_window):  # type: ignore[no-untyped-def]
    session_id, ids = _clinic(store, "open")
    window = make_window()
    window.ctx.open("check-in", session_id=session_id)
    page = window.page("check-in")
    page.ids, page.window_ = ids, window
    return page


def test_each_expected_person_has_a_card_with_their_screening_flags(open_check_in):
    page = open_check_in
    assert page.window_.current_screen == "check-in"
    assert [c.card.display_name for c in page.cards.values()] == ["Ana Ruiz", "Bea Olsen", "Cal Moreau"]
    ana = page.cards[page.ids["Ana"]]
    assert ana.flags.accessibleName() == "Hypertension"
    assert page.summary.text() == "0 of 3 here"
    assert page.drop_in_button.isVisible() and not page.no_drop_ins.isVisible()


def test_status_buttons_stamp_the_clock_and_clicking_again_goes_back_to_expected(open_check_in, store, clock, qtbot):
    page = open_check_in
    card = page.cards[page.ids["Bea"]]
    qtbot.mouseClick(card.buttons["present"], Qt.MouseButton.LeftButton)
    assert card.card.status == "present" and card.card.arrived_at == NOW
    assert card.times.text() == f"Arrived {fmt.time_of_day(NOW)}"
    assert page.summary.text() == "1 of 3 here"
    clock.advance(minutes=95)
    qtbot.mouseClick(card.buttons["left_early"], Qt.MouseButton.LeftButton)
    assert card.times.text() == f"Arrived {fmt.time_of_day(NOW)}  \u00b7  left {fmt.time_of_day(clock.now())}"
    qtbot.mouseClick(card.buttons["left_early"], Qt.MouseButton.LeftButton)
    assert card.card.status == "expected" and card.times.text() == "Expected"
    qtbot.mouseClick(page.cards[page.ids["Cal"]].buttons["absent"], Qt.MouseButton.LeftButton)
    stored = {c.participant_id: c.status for c in store.run(check_in_sheet, page.session_id).cards}
    assert stored[page.ids["Cal"]] == "absent" and stored[page.ids["Bea"]] == "expected"
    assert page.cards[page.ids["Cal"]].property("card") == "away"


def test_comment_and_intention_are_saved_when_editing_ends(open_check_in, store, qtbot):
    page = open_check_in
    card = page.cards[page.ids["Ana"]]
    card.comment.setText("Sister drives her home")
    card.comment.editingFinished.emit()
    card.intention.setPlainText("To rest.")
    card.intention._changed = True
    card.intention.editingFinished.emit()
    saved = {c.participant_id: c for c in store.run(check_in_sheet, page.session_id).cards}[page.ids["Ana"]]
    assert (saved.comment, saved.intention) == ("Sister drives her home", "To rest.")


def test_a_drop_in_is_found_by_name_and_joins_as_present(open_check_in, store, qtbot):
    page = open_check_in
    dialog = page.choose_drop_in()
    assert dialog is not None and dialog.windowTitle() == "Add a drop-in"
    qtbot.keyClicks(dialog.search, "dev")
    assert dialog.list.count() == 1 and "Pregnancy" in dialog.list.item(0).text()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.add_button.click()
    dev = page.cards[page.ids["Dev"]]
    assert dev.card.drop_in and dev.card.status == "present" and dev.drop_in.isVisibleTo(dev)
    assert page.summary.text() == "1 of 4 here  \u00b7  1 drop-in"
    assert page.notice.text() == "4 people are now on the list, above the group's capacity of 3."


def test_a_closed_group_offers_no_drop_ins(store, make_window):
    session_id, _ids = _clinic(store, "closed")
    window = make_window()
    window.ctx.open("check-in", session_id=session_id)
    page = window.page("check-in")
    assert not page.drop_in_button.isVisible()
    assert page.no_drop_ins.isVisible() and page.no_drop_ins.text() == "Closed cohort: no drop-ins"


def test_phq9_item_9_shows_in_red_on_the_card_and_at_the_top(open_check_in, store, qtbot):
    page = open_check_in
    dialog = page.enter_measure(page.ids["Bea"], "PHQ-9")
    assert dialog is not None and dialog.windowTitle() == "PHQ-9"
    for index, value in enumerate([1, 1, 0, 1, 0, 0, 0, 0, 2]):
        qtbot.mouseClick(dialog.form.groups[index].button(value), Qt.MouseButton.LeftButton)
    assert dialog.form.safety.isVisible()
    assert dialog.form.total_label.text() == "Total 5 of 27" and dialog.form.band_label.text() == "mild"
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        dialog.save_button.click()
    card = page.cards[page.ids["Bea"]]
    assert card.safety.isVisible()
    assert card.safety.text() == "PHQ-9 item 9: More than half the days \u2014 clinician follow-up"
    assert card.safety.property("role") == "safety"
    assert page.safety.isVisible() and page.safety_title.text().endswith("by Bea Olsen")
    assert card.measure_labels["PHQ-9"].text() == "PHQ-9  5 \u00b7 mild"
    saved = {c.participant_id: c for c in store.run(check_in_sheet, page.session_id).cards}[page.ids["Bea"]]
    assert saved.measures["PHQ-9"].items == (1, 1, 0, 1, 0, 0, 0, 0, 2)

    again = page.enter_measure(page.ids["Bea"], "PHQ-9")  # a correction opens with the answers given
    assert again is not None and again.form.answers() == [1, 1, 0, 1, 0, 0, 0, 0, 2]
    again.form.set_answer(8, 0)
    with qtbot.waitSignal(again.accepted, timeout=1000):
        again.save_button.click()
    assert not card.safety.isVisibleTo(card) and not page.safety.isVisibleTo(page)


def test_today_leads_to_the_check_in_of_a_planned_session(store, make_window, qtbot):
    session_id, _ids = _clinic(store, "open")
    window = make_window()
    today = window.pages["today"]
    from facilitator.ui.widgets.session_cards import SessionList

    [sessions] = today.findChildren(SessionList)
    with qtbot.waitSignal(window.screenChanged, timeout=1000):
        sessions.checkIn.emit(session_id)
    assert window.current_screen == "check-in"
    assert window.page("check-in").session_id == session_id
    assert window.sidebar.buttons["session-setup"].isChecked()


def test_a_check_in_on_another_laptop_shows_here_but_never_under_the_cursor(open_check_in, store, clock, qtbot):
    from facilitator.services.check_in import mark_attendance
    from tests.conftest import open_again

    page = open_check_in
    other = open_again(store, clock=clock)
    try:
        with qtbot.waitActive(page.window_):
            page.window_.activateWindow()
        ana = page.cards[page.ids["Ana"]]
        ana.comment.setFocus()
        qtbot.keyClicks(ana.comment, "Running late, on the bus")
        other.run(mark_attendance, page.session_id, page.ids["Bea"], "present", now=clock.now())
        page.window_.live_refresh.poll()
        qtbot.waitUntil(page._retry.isActive, timeout=5000)  # the change arrived; the reload waits
        assert page.cards[page.ids["Ana"]] is ana and ana.comment.hasFocus()
        assert ana.comment.text() == "Running late, on the bus"
        page.picker.setFocus()  # leaving the field saves it; the waiting reload follows
        qtbot.waitUntil(lambda: page.cards[page.ids["Bea"]].card.status == "present", timeout=5000)
        assert page.cards[page.ids["Ana"]].comment.text() == "Running late, on the bus"
        assert page.summary.text() == "1 of 3 here"
    finally:
        other.dispose()
