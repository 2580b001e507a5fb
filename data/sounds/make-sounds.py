#!/usr/bin/env python3
"""Writes the kiosk's two feedback sounds as small mono WAV files.

tap-ok.wav:   a soft rising two-note chime (check-in, order, sign-up done)
tap-help.wav: a gentle falling two-note tone (please ask staff)
Pure sine tones with a quick attack and slow decay: easy to hear for ears
that have lost the high frequencies, never startling."""
import math, struct, wave, sys, os

RATE = 22050

def note(freq, secs, vol=0.5):
    n = int(RATE * secs)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / 0.01) * math.exp(-3.5 * t / secs)
        s = math.sin(2 * math.pi * freq * t) + 0.3 * math.sin(2 * math.pi * 2 * freq * t)
        out.append(vol * env * s / 1.3)
    return out

def write(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s)) * 32767)) for s in samples))

here = os.path.dirname(os.path.abspath(sys.argv[0]))
write(os.path.join(here, "tap-ok.wav"), note(659.25, 0.18) + note(880.0, 0.35))
write(os.path.join(here, "tap-help.wav"), note(523.25, 0.22) + note(392.0, 0.4))
