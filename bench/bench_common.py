"""Shared pieces of the benchmarks: test speech of a chosen length, WAV reading, peak memory of a child."""
import glob
import os
import subprocess
import sys

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
    """Peak resident memory of `command` alone, MiB. It runs under a fresh Python wrapper because
    RUSAGE_CHILDREN reports the largest child a process ever had (sox, earlier runs, ...)."""
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
               "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.check_output([sys.executable, "-c", wrapper, *command])) / 1024.0


def machine_description(build=None):
    """One line naming what a benchmark ran on: CPU model, cores, torch, and the BLAS kernel both sides use (OpenBLAS
    picks it per CPU or from $OPENBLAS_CORETYPE; ratios differ between kernels). With `build`, `m2ds --version`
    confirms the C++ side runs on the same kernel."""
    import ctypes
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    kernel = "not OpenBLAS"
    try:
        blas = ctypes.CDLL("libblas.so.3")
        blas.openblas_get_corename.restype = ctypes.c_char_p
        kernel = "OpenBLAS kernel " + blas.openblas_get_corename().decode()
    except (OSError, AttributeError):
        pass
    line = (f"{cpu}, {os.cpu_count()} cores, torch {torch.__version__}, {kernel} "
            f"(OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})")
    if build:
        version = subprocess.check_output([os.path.join(build, "bin", "m2ds"), "--version"], text=True).splitlines()
        line += f"; m2ds: {version[-1]}"
    return line
