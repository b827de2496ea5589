"""Shared pieces of the benchmarks: test speech of a chosen length, WAV reading, peak memory of a child."""
import glob
import os
import resource
import subprocess

import numpy as np
import torch

SPEECH = sorted(glob.glob("/usr/share/pocketsphinx/test/data/librivox/*.wav")) + \
    sorted(glob.glob("/usr/share/pocketsphinx/test/data/cards/*.wav"))


def make_speech(path, seconds):
    """Concatenates the packaged 16 kHz speech recordings (pocketsphinx-testdata) until `seconds` long (sox)."""
    once = path + ".once.wav"
    subprocess.run(["sox", *SPEECH, once], check=True)
    length = float(subprocess.check_output(["soxi", "-D", once]))
    subprocess.run(["sox", *([once] * (int(seconds // length) + 1)), path, "trim", "0", str(seconds)], check=True)
    os.remove(once)


def read_wav(path):
    import wave
    with wave.open(path, "rb") as f:
        data = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2")
    return torch.from_numpy(data.astype(np.float32) / 32768.0)


def peak_memory_mib(command):
    """Runs `command` and returns the peak resident memory of the largest child so far, MiB."""
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
