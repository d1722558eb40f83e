"""The soft phase chime: a WAV through QSoundEffect, and never a problem when there is no sound.

A laptop without a sound device (or a CI machine without a sound server) is normal: QSoundEffect
then reports ``Error``. The player notes that once in the log and stays quiet; the runner's visual
cue is shown whatever happens here, so no chime is ever only a sound.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal

from facilitator import paths
from facilitator.logs import scrubbed_traceback
from facilitator.settings import Settings

log = logging.getLogger(__name__)

CHIME_FILE = ("sounds", "chime.wav")


def _sound_effect(parent: QObject) -> Any:
    # Qt Multimedia is imported only when a chime may sound: a muted laptop never loads it.
    from PySide6.QtMultimedia import QSoundEffect

    return QSoundEffect(parent)


class ChimePlayer(QObject):
    """Plays the chime at the volume and mute of this laptop's settings (UI thread).

    Args:
        settings: returns the settings in effect (read at each chime, so a change applies at once).
        effect_factory: makes the sound effect object; tests give a stand-in.

    Signals:
        unavailable(): the sound backend failed; only the visual cue will show from now on.
    """

    unavailable = Signal()

    def __init__(self, settings: Callable[[], Settings], parent: QObject | None = None,
                 effect_factory: Callable[[QObject], Any] = _sound_effect) -> None:
        super().__init__(parent)
        self._settings = settings
        self._factory = effect_factory
        self.effect: Any = None
        self.failed = False
        self.played = 0  # chimes actually handed to the sound device
        self._pending = False

    def prepare(self) -> None:
        """Load the sound ahead of the first chime (does nothing while muted or after a failure)."""
        if self.effect is not None or self.failed or self._settings().chime_muted:
            return
        try:
            effect = self._factory(self)
            effect.statusChanged.connect(self._status_changed)
            effect.setSource(QUrl.fromLocalFile(str(paths.resource(*CHIME_FILE))))
        except Exception as exc:  # a broken multimedia install must cost the sound, never the session
            log.warning("the chime sound could not be prepared; the visual cue will show alone\n%s",
                        scrubbed_traceback(exc))
            self._fail()
            return
        self.effect = effect
        self._status_changed()

    def _is(self, name: str) -> bool:
        status = self.effect.status() if self.effect is not None else None
        return status is not None and getattr(status, "name", str(status)) == name

    def _status_changed(self) -> None:
        if self.effect is None:
            return
        if self._is("Error"):
            log.info("no sound device for the chime; the visual cue will show alone")
            self._fail()
        elif self._is("Ready") and self._pending:
            self._pending = False
            self._start()

    def _fail(self) -> None:
        if not self.failed:
            self.failed = True
            self._pending = False
            self.unavailable.emit()

    def play(self) -> bool:
        """Chime once if sound is on and working.

        Returns:
            True when the chime was started or will start as soon as the sound has loaded; False
            when muted or when there is no working sound (the caller's visual cue still shows).
        """
        settings = self._settings()
        if settings.chime_muted or settings.chime_volume <= 0:
            return False
        self.prepare()
        if self.failed or self.effect is None:
            return False
        if self._is("Ready"):
            self._start()
        else:
            self._pending = True  # still loading: sound as soon as it is ready
        return True

    def _start(self) -> None:
        try:
            self.effect.setVolume(max(0.0, min(1.0, self._settings().chime_volume)))
            self.effect.play()
            self.played += 1
        except Exception as exc:
            log.warning("the chime could not be played\n%s", scrubbed_traceback(exc))
            self._fail()
