"""The phase chime the app ships is the one its script makes: soft, short, CD-quality mono."""

from __future__ import annotations

import wave
from pathlib import Path

from facilitator import paths
from facilitator.tools.make_chime import PEAK, RATE, SECONDS, samples, write_chime


def test_the_shipped_chime_is_what_the_script_writes(tmp_path: Path) -> None:
    made = write_chime(tmp_path / "chime.wav")
    shipped = paths.resource("sounds", "chime.wav")
    assert shipped.read_bytes() == made.read_bytes()
    with wave.open(str(shipped), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 44_100)
        assert abs(sound.getnframes() / RATE - SECONDS) < 0.01


def test_the_chime_is_quiet_starts_softly_and_ends_in_silence() -> None:
    values = samples()
    assert max(abs(v) for v in values) <= PEAK
    assert abs(values[0]) < 0.01 and abs(values[-1]) < 0.001
    assert max(abs(v) for v in values[-RATE // 20:]) < 0.02  # the last 50 ms fade to nothing
