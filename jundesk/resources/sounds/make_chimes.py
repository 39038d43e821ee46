"""Writes the notification sounds (new.wav, urgent.wav) next to this file.

They are generated rather than recorded so the town owns them outright and they stay
tiny: `python resources/sounds/make_chimes.py` rewrites them identically.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16_000  # plenty for a chime, and half the size of CD rate
HERE = Path(__file__).resolve().parent


def bell(freq: float, start: float, length: float, volume: float) -> list[tuple[float, float]]:
    """A soft bell note: a sine with two quiet overtones, a quick attack, a long decay."""
    notes = []
    for i in range(int(length * RATE)):
        t = i / RATE
        attack = min(1.0, t / 0.008)
        decay = math.exp(-t * 7.0)
        wave_ = (
            math.sin(2 * math.pi * freq * t)
            + 0.25 * math.sin(2 * math.pi * freq * 2 * t)
            + 0.08 * math.sin(2 * math.pi * freq * 3.01 * t)
        )
        notes.append((start + t, volume * attack * decay * wave_ / 1.33))
    return notes


def render(path: Path, notes: list[list[tuple[float, float]]], length: float) -> None:
    samples = [0.0] * int(length * RATE)
    for note in notes:
        for t, value in note:
            index = int(t * RATE)
            if index < len(samples):
                samples[index] += value
    # A short fade out, so the end never clicks.
    fade = int(0.03 * RATE)
    for i in range(fade):
        samples[-1 - i] *= i / fade
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(
            b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32000)) for s in samples)
        )


def main() -> None:
    # A new case: two rising notes (E5, A5), gentle enough to hear forty times a day.
    render(HERE / "new.wav", [bell(659.3, 0.0, 0.45, 0.45), bell(880.0, 0.12, 0.4, 0.4)], 0.5)
    # An urgent case: a brighter triad played twice, clearly different, still not a siren.
    urgent = []
    for repeat in (0.0, 0.36):
        for step, freq in enumerate((880.0, 1108.7, 1318.5)):
            urgent.append(bell(freq, repeat + step * 0.08, 0.3, 0.5))
    render(HERE / "urgent.wav", urgent, 0.75)


if __name__ == "__main__":
    main()
