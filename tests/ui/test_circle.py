"""Circle mode in the real window: keyboard only, notes landing per person, the summary PDF, the room display."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from facilitator.db.models import Attendance, Group, Membership, Note, Participant, Protocol, Share
from facilitator.reports import render_summary
from facilitator.services import runner
from facilitator.services.documents import get_summary_data
from facilitator.services.session_setup import plan_session
from facilitator.settings import Settings
from tests.ui.test_room_and_chime import every_text

# (legal first, last, preferred): six in the circle, none of it ever on the room display.
SIX = (("Beatriz", "Olsen", "Bea"), ("Anaïs", "Ruiz", ""), ("Devendra", "Shah", "Dev"), ("Maren", "Voss", ""),
       ("Tomasz", "Kral", "Tom"), ("Lucía", "Paredes", "Lu"))


def circle_session(store, clock) -> tuple[int, dict[str, int]]:  # type: ignore[no-untyped-def]
    """An integration circle of six, everyone present, running its check-in round (a sharing phase)."""
    with store.session() as s:
        key = s.scalar(select(Protocol.id).where(Protocol.key == "integration-circle"))
        group = Group(name="Wednesday Integration Circle", location="Willow Room", status="active")
        people = [Participant(legal_first_name=f, legal_last_name=last, preferred_name=p) for f, last, p in SIX]
        s.add_all([group, *people])
        s.flush()
        s.add_all([Membership(group_id=group.id, participant_id=p.id, joined_on=date(2026, 1, 8)) for p in people])
        ids = {(p.preferred_name or p.legal_first_name): p.id for p in people}
    plan = store.run(plan_session, group_id=group.id, protocol_id=key, scheduled_start=clock.now())
    with store.session() as s:
        for a in s.scalars(select(Attendance).where(Attendance.session_id == plan.id)):
            a.status = "present"
    store.run(runner.start_session, plan.id, clock)
    clock.advance(minutes=10)
    store.run(runner.next_phase, plan.id, clock)
    return plan.id, ids


def open_circle_from_runner(make_window, qtbot, store, clock, **settings):  # type: ignore[no-untyped-def]
    session_id, ids = circle_session(store, clock)
    window = make_window(Settings(theme="light", chime_muted=True, **settings))
    window.ctx.open_session(session_id, "runner")
    with qtbot.waitActive(window):
        window.activateWindow()
    runner_screen = window.pages["runner"]
    assert runner_screen.circle_line.isVisible() and runner_screen.circle_button.text() == "Open circle mode  C"
    qtbot.keyClick(window, "C")
    screen = window.pages["circle"]
    assert window.stack.currentWidget() is screen and screen.content.isVisible()
    return window, screen, session_id, ids


def speaker(screen) -> str:  # type: ignore[no-untyped-def]
    return screen.speaker_label.text()


def type_note(qtbot, window, screen, text: str, tag: str = "") -> None:  # type: ignore[no-untyped-def]
    """Keyboard only: Ctrl+Enter to the field, type, a new theme by Tab and Enter, Ctrl+Enter saves."""
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert screen.note_field.hasFocus()
    qtbot.keyClicks(screen.note_field, text)
    if tag:
        screen.chips.new_tag.setFocus()
        qtbot.keyClicks(screen.chips.new_tag, tag)
        qtbot.keyClick(screen.chips.new_tag, Qt.Key.Key_Return)
        screen.note_field.setFocus()
    qtbot.keyClick(screen.note_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.setFocus()  # back to the window so the letter keys act again


def test_a_circle_of_six_with_a_pass_and_a_second_round_by_keyboard(make_window, qtbot, store, clock):
    window, screen, session_id, ids = open_circle_from_runner(make_window, qtbot, store, clock)
    order = [screen.order.item(i).text() for i in range(screen.order.count())]
    assert order == [f"{i}.  {name}   ·   waiting" for i, name in
                     enumerate(["Anaïs R.", "Bea O.", "Dev S.", "Lu P.", "Maren V.", "Tom K."], start=1)]
    assert screen.speaker_label.text() == "Nobody is speaking" and "Next: Anaïs R." in screen.next_label.text()
    # Round 1: Anaïs speaks 4 minutes, Bea passes, Dev comes back later, the rest speak.
    qtbot.keyClick(window, "N")
    assert speaker(screen) == "Anaïs R."
    stamp = clock.now().astimezone().strftime("%H:%M")  # the note speaks this computer's time
    type_note(qtbot, window, screen, "Slept better this week", "sleep")
    clock.advance(minutes=4)
    screen.tick()
    assert screen.time_label.text() == "04:00"
    qtbot.keyClick(window, "N")
    assert speaker(screen) == "Bea O."
    qtbot.keyClick(window, "P")
    assert speaker(screen) == "Dev S." and screen.passed_label.text() == "Passed: Bea O."
    qtbot.keyClick(window, "L")
    assert speaker(screen) == "Lu P."
    for name, minutes, note in (("Lu P.", 3, "Grief came in waves"), ("Maren V.", 6, "Felt the group hold her"),
                                ("Tom K.", 2, ""), ("Dev S.", 5, "Back to the ocean image")):
        assert speaker(screen) == name
        if note:
            type_note(qtbot, window, screen, note)
        clock.advance(minutes=minutes)
        screen.tick()
        qtbot.keyClick(window, "N")
    assert screen.speaker_label.text() == "Everyone has had their turn"
    # Round 2 in the same order; Bea speaks this time.
    qtbot.keyClick(window, "S")
    assert screen.snapshot.circle.round == 2 and "round 2" in screen.subtitle_label.text()
    for minutes in (1, 2, 1, 1, 1, 1):
        qtbot.keyClick(window, "N")
        if speaker(screen) == "Bea O.":
            type_note(qtbot, window, screen, "Named her anger gently", "anger")
        clock.advance(minutes=minutes)
    qtbot.keyClick(window, "N")
    assert screen.speaker_label.text() == "Everyone has had their turn"
    assert screen.airtime.seconds_text(ids["Maren"]) == "07:00"  # 6 min, then 1 min in round 2

    with store.session() as s:
        notes = {n.participant_id: n.body for n in s.scalars(select(Note).where(Note.session_id == session_id))}
        shares = s.scalars(select(Share).where(Share.session_id == session_id)).all()
        assert len(shares) == 12 and sum(sh.passed for sh in shares) == 1
    # Each note holds that person's shares only: time, round, length (or the pass), note and tags.
    assert notes[ids["Anaïs"]].startswith(f"<p>[{stamp} · round 1 · 4:00] Slept better this week  #sleep</p>")
    assert "round 1 · passed]</p>" in notes[ids["Bea"]]
    assert "round 2 · 2:00] Named her anger gently  #anger</p>" in notes[ids["Bea"]]
    assert "round 1 · 5:00] Back to the ocean image</p>" in notes[ids["Dev"]] and "Grief" not in notes[ids["Dev"]]
    assert "round 1 · 6:00]</p>" not in notes[ids["Maren"]]  # her words were typed: they are on her line
    assert "round 1 · 6:00] Felt the group hold her</p>" in notes[ids["Maren"]]
    assert "round 1 · 2:00]</p>" in notes[ids["Tom"]]  # no words typed: the length alone
    for person in ids.values():
        assert notes[person].count("round 2 ·") == 1
    data = store.run(get_summary_data, session_id, now=clock.now())
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_summary(data))).pages)
    for expected in ("Integration circle", "Check-in round", "Slept better this week", "Felt the group hold her",
                     "Named her anger gently", "anger", "sleep", "passed", "4:00", "6:00"):
        assert expected in text, expected


def test_popcorn_and_reordering_by_keyboard_and_drag(make_window, qtbot, store, clock):
    window, screen, _session_id, _ids = open_circle_from_runner(make_window, qtbot, store, clock)
    qtbot.keyClick(window, "O")
    assert screen.order.hasFocus() and screen.order.currentRow() == 0
    qtbot.keyClick(screen.order, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # Anaïs one down
    assert screen.snapshot.circle.next_up is not None
    assert screen.snapshot.names[screen.snapshot.circle.next_up.participant_id] == "Bea O."
    # A drag of Tom to the top moves the list's rows as a drop does, and the order is stored.
    assert screen.order.model().moveRows(QModelIndex(), 5, 1, QModelIndex(), 0)
    assert [screen.snapshot.names[t.participant_id] for t in screen.snapshot.circle.in_round()] == [
        "Tom K.", "Bea O.", "Anaïs R.", "Dev S.", "Lu P.", "Maren V."]
    with store.session() as s:
        stored = s.scalars(select(Share).order_by(Share.position)).all()
        assert [screen.snapshot.names[r.participant_id] for r in stored][:2] == ["Tom K.", "Bea O."]
    screen.order.setCurrentRow(5)  # Maren is ready: popcorn
    qtbot.keyClick(screen.order, Qt.Key.Key_Return)
    assert speaker(screen) == "Maren V."
    assert screen.order.item(0).text().startswith("1.  Maren V.")


def test_the_soft_limit_glows_once_chimes_only_if_asked_and_never_stops(make_window, qtbot, store, clock):
    window, screen, _sid, _ids = open_circle_from_runner(make_window, qtbot, store, clock, circle_chime=False)
    played = []
    screen.sound.play = lambda: played.append(1) or True  # type: ignore[method-assign]
    qtbot.keyClick(window, "N")
    clock.advance(minutes=5)
    screen.tick()
    assert screen.speaker_card.glow.count == 1 and not played
    assert screen.time_label.property("role") == "timerOver" and "soft limit" in screen.limit_label.text()
    clock.advance(minutes=3)
    screen.tick()
    assert screen.time_label.text() == "08:00" and screen.speaker_card.glow.count == 1  # still going, cued once
    screen.chime.click()
    assert window.ctx.settings.circle_chime
    settings = window.page("settings")
    assert settings.circle_chime.isChecked()  # the same setting, also on the Settings screen
    settings.circle_chime.click()
    assert not screen.chime.isChecked() and not window.ctx.settings.circle_chime
    settings.circle_chime.click()
    assert screen.chime.isChecked()
    qtbot.keyClick(window, "N")
    clock.advance(minutes=5)
    screen.tick()
    assert played == [1] and screen.speaker_card.glow.count == 2


def test_the_room_display_shows_the_round_never_who_speaks(make_window, qtbot, store, clock):
    window, screen, _sid, _ids = open_circle_from_runner(make_window, qtbot, store, clock)
    qtbot.keyClick(window, "N")
    type_note(qtbot, window, screen, "Private words about her mother")
    window.ctx.open_session(screen.session_id, "runner")
    runner_screen = window.pages["runner"]
    qtbot.keyClick(window, "R")
    room = runner_screen.room
    assert room is not None
    runner_screen.live.reload()
    texts = every_text(room)
    assert "Integration circle — round 1" in texts and "Check-in round" in texts
    shown = " ".join(texts).casefold()
    for part in {x for person in SIX for x in person if x} | {"mother", "Anaïs R.".casefold()}:
        assert part.casefold() not in shown, part
    # Back in circle mode, with the room display still open: a second round shows there at once.
    window.ctx.open_session(screen.session_id, "circle")
    for _ in range(6):
        qtbot.keyClick(window, "P")
    qtbot.keyClick(window, "S")
    texts = every_text(room)
    assert "Integration circle — round 2" in texts
    assert not any(part.casefold() in " ".join(texts).casefold() for person in SIX for part in person if part)
    room.close()


def test_the_session_record_lists_each_share(make_window, qtbot, store, clock):
    window, screen, session_id, _ids = open_circle_from_runner(make_window, qtbot, store, clock)
    qtbot.keyClick(window, "N")
    type_note(qtbot, window, screen, "Spoke of the lake", "water")
    clock.advance(minutes=3, seconds=5)
    qtbot.keyClick(window, "N")  # the word goes to Bea, who passes; Dev speaks now
    qtbot.keyClick(window, "P")
    window.ctx.open_session(session_id, "session-detail")
    record = window.pages["session-detail"].record
    assert record is not None
    assert record.share_rows == [
        ["Round 1 · 1", "Anaïs Ruiz", "03:05", "Spoke of the lake", "#water"],
        ["Round 1 · 2", "Bea Olsen", "passed", "", ""],
        ["Round 1 · 3", "Dev Shah", "speaking", "", ""],
    ]


def test_from_the_sidebar_without_a_sharing_phase_it_says_why(make_window, qtbot, store, clock):
    from tests.ui.runner_helpers import running_session, small_clinic

    window = make_window()
    window.show_screen("circle")
    screen = window.pages["circle"]
    assert screen.empty.isVisible() and not screen.content.isVisible()
    assert "while a session runs" in screen.empty.sentence_label.text()
    running_session(store, small_clinic(store), clock)  # a dosing day in its arrival phase
    window.show_screen("today")
    window.show_screen("circle")
    assert screen.empty.isVisible() and "“Arrival & check-in” is not one" in screen.empty.sentence_label.text()
    qtbot.keyClick(window, "N")  # the circle's keys do nothing here
    assert screen.snapshot is None


def test_words_typed_are_kept_when_another_laptop_moves_the_circle(make_window, qtbot, store, clock):
    from facilitator.services import circle

    window, screen, session_id, ids = open_circle_from_runner(make_window, qtbot, store, clock)
    qtbot.keyClick(window, "N")
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(screen.note_field, "Half a thought about trust")
    clock.advance(minutes=2)
    store.run(circle.move, session_id, "next", clock)  # the co-facilitator's laptop gives the word on
    screen.reload()
    assert speaker(screen) == "Bea O." and screen.note_field.text() == ""
    with store.session() as s:
        body = s.scalar(select(Note.body).where(Note.session_id == session_id, Note.participant_id == ids["Anaïs"]))
    assert "2:00] Half a thought about trust</p>" in body


def test_theme_chips_wrap_and_are_never_cut(qtbot):
    from facilitator.ui.widgets.circle_parts import TagChips

    chips = TagChips()
    qtbot.addWidget(chips)
    chips.resize(360, 300)
    chips.show()
    chips.set_themes(["body-awareness", "relationships", "work-stress", "grief", "self compassion"], ["grief"])
    qtbot.waitExposed(chips)
    qtbot.waitUntil(lambda: all(c.isVisible() for c in chips.chips.values()))  # new chips show on the next turn
    chips.layout().activate()
    tops = set()
    for tag, chip in chips.chips.items():
        assert chip.width() >= chip.fontMetrics().horizontalAdvance(f"#{tag}"), tag
        assert chip.geometry().right() <= chips.width()
        tops.add(chip.y())
    assert len(tops) >= 2 and chips.ticked() == ["grief"]
    assert list(chips.chips)[0] == "grief"  # a ticked tag stays first and shown
