"""The room display shows no names; each chime sounds once or falls back to its visual cue; a lock stops nothing."""

from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from facilitator.settings import Settings
from facilitator.ui.chime import ChimePlayer
from tests.ui.runner_helpers import running_session, small_clinic


def open_runner(make_window, qtbot, store, clock, **settings):  # type: ignore[no-untyped-def]
    clinic = small_clinic(store)
    session_id = running_session(store, clinic, clock)
    window = make_window(Settings(theme="light", **settings))
    window.ctx.open_session(session_id, "runner")
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, window.pages["runner"], clinic, session_id


def every_text(widget: QWidget) -> list[str]:
    """Everything a widget tree could show or say: texts, titles, tooltips, accessible names."""
    found = [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
             widget.whatsThis(), widget.statusTip()]
    for child in [widget, *widget.findChildren(QWidget)]:
        for getter in ("text", "windowTitle", "toolTip", "accessibleName", "accessibleDescription", "placeholderText"):
            value = getattr(child, getter, None)
            if callable(value):
                found.append(str(value()))
    return found


def test_the_room_display_holds_no_participant_name(make_window, qtbot, store, clock):
    window, screen, clinic, _sid = open_runner(make_window, qtbot, store, clock, chime_muted=True)
    qtbot.keyClick(window, "R")
    room = screen.room
    assert room is not None and room.isVisible() and room.isWindow()
    screen.room_controls.field.setText("Take your time returning")
    screen.room_controls.set_button.click()
    clock.advance(minutes=1)
    screen.live.tick()
    texts = every_text(room)
    assert "Arrival & check-in" in texts and "14:00" in texts and "Take your time returning" in texts
    shown = " ".join(texts).casefold()
    for part in clinic.name_parts:
        assert part.casefold() not in shown, part
    assert any(c.name_label.text() == "Bea O." for c in screen.cards)  # the runner itself does show them
    assert not room.circle_label.isVisible()  # not a sharing phase: no circle line at all
    # In a sharing phase with a circle under way, the room learns the round and never the speaker.
    circle_room = replace(room.room, circle_round=2)
    room.show_room(circle_room)
    texts = every_text(room)
    assert "Integration circle — round 2" in texts and room.circle_label.isVisible()
    assert {f.name for f in fields(circle_room)} == {"phase_name", "colour", "state", "remaining_seconds", "progress",
                                                     "message", "circle_round"}  # nothing that could hold a name
    qtbot.keyClick(window, "R")
    assert screen.room is None


def test_a_muted_or_soundless_chime_still_shows_the_visual_cue_once_at_each_moment(make_window, qtbot, store, clock):
    window, screen, _clinic, _sid = open_runner(make_window, qtbot, store, clock)
    screen.toggle_room()
    assert screen.clock.glow.count == 0
    clock.advance(minutes=12, seconds=59)
    screen.live.tick()
    assert screen.clock.glow.count == 0
    clock.advance(seconds=2)  # 1:59 left
    qtbot.waitUntil(lambda: screen.clock.glow.count == 1, timeout=3000)
    assert screen.room.ring.glow.count == 1
    clock.advance(seconds=30)
    screen.live.tick()
    assert screen.clock.glow.count == 1  # each moment chimes once
    clock.advance(minutes=2)
    qtbot.waitUntil(lambda: screen.clock.glow.count == 2, timeout=3000)  # and again at zero
    sound = screen.live.sound
    # No sound device here (CI), or one: either way nothing crashed and the cue showed.
    qtbot.waitUntil(lambda: sound.failed or sound.played >= 1, timeout=5000)


class _BrokenEffect(QObject):
    """A sound effect whose backend fails, as QSoundEffect does with no sound device."""

    statusChanged = Signal()

    class Status:
        name = "Error"

    def setSource(self, _url: object) -> None:
        self.statusChanged.emit()

    def status(self):  # type: ignore[no-untyped-def]
        return self.Status()


def test_a_failing_sound_backend_never_crashes_and_reports_it_once(qtbot):
    settings = Settings()
    player = ChimePlayer(lambda: settings, effect_factory=lambda parent: _BrokenEffect(parent))
    with qtbot.waitSignal(player.unavailable, timeout=1000):
        player.prepare()
    assert player.failed and player.play() is False and player.played == 0


def test_a_factory_that_raises_only_costs_the_sound(qtbot):
    def explode(_parent):  # type: ignore[no-untyped-def]
        raise RuntimeError("no multimedia plugin")

    player = ChimePlayer(lambda: Settings(), effect_factory=explode)
    assert player.play() is False and player.failed


def test_muted_chimes_never_load_the_sound(qtbot):
    made = []
    player = ChimePlayer(lambda: Settings(chime_muted=True), effect_factory=lambda p: made.append(p))
    assert player.play() is False
    assert made == []


def test_a_locked_app_still_chimes_and_its_room_display_counts_down(make_window, qtbot, store, clock):
    window, screen, _clinic, _sid = open_runner(make_window, qtbot, store, clock)
    screen.toggle_room()
    room = screen.room
    clock.advance(minutes=12)
    screen.live.tick()
    before = room.time_label.text()
    assert before == "03:00"
    window.lock()
    assert window.locked and room.isVisible()
    clock.advance(minutes=1, seconds=30)  # past the two-minutes-left point
    qtbot.waitUntil(lambda: room.time_label.text() == "01:30", timeout=3000)
    qtbot.waitUntil(lambda: screen.clock.glow.count == 1 and room.ring.glow.count == 1, timeout=3000)
    assert window.locked
    qtbot.keyClick(window, " ")  # behind the lock the runner's keys do nothing
    assert screen.live.view.state.value == "running"
