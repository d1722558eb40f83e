"""Make ``resources/sounds/chime.wav``: a soft, bell-like tone, from the standard library alone.

Run ``python -m facilitator.tools.make_chime`` to write it again; the output is the same bytes each
time. The tone is a few sine partials of a small bell (slightly inharmonic, as real bells are), a
gentle 12 ms attack and an exponential decay, quiet enough (peak about a third of full scale) that
the settings' volume controls how loud it is in the room rather than the file.
"""

from __future__ import annotations

import argparse
import math
import struct
import wave
from pathlib import Path

RATE = 44_100
SECONDS = 1.6
FUNDAMENTAL = 587.33  # D5: clear over music without being shrill
# (frequency ratio, relative loudness, decay time in seconds): the higher partials fade first.
PARTIALS = ((1.0, 1.0, 0.9), (2.0, 0.32, 0.5), (2.76, 0.18, 0.35), (5.4, 0.05, 0.18))
PEAK = 0.34
ATTACK = 0.012
FADE_OUT = 0.15  # the last moments go to silence, so the sound ends without a click


def samples(rate: int = RATE, seconds: float = SECONDS) -> list[float]:
    """The chime as floats in -PEAK..PEAK."""
    count = int(rate * seconds)
    total = sum(loud for _ratio, loud, _decay in PARTIALS)
    out = []
    for n in range(count):
        t = n / rate
        value = sum(loud * math.exp(-t / decay) * math.sin(2 * math.pi * FUNDAMENTAL * ratio * t)
                    for ratio, loud, decay in PARTIALS) / total
        envelope = min(1.0, t / ATTACK) * min(1.0, (seconds - t) / FADE_OUT)
        out.append(PEAK * value * envelope)
    return out


def write_chime(path: Path) -> Path:
    """Write the chime as 16-bit mono PCM WAV at 44.1 kHz."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = b"".join(struct.pack("<h", round(v * 32767)) for v in samples())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return path


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[2] / "resources" / "sounds" / "chime.wav"
    parser = argparse.ArgumentParser(description="Write the soft phase chime as a WAV file.")
    parser.add_argument("-o", "--output", type=Path, default=default)
    args = parser.parse_args(argv)
    print(write_chime(args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
