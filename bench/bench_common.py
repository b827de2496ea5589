"""Shared pieces of the benchmarks: test speech of a chosen length, WAV reading, peak memory of a child."""
import glob
import os
import subprocess
import sys
import wave

import numpy as np
import torch

# pocketsphinx-testdata's speech; M2DS_SPEECH_DIR names another copy of its test/data folder (the GPU machine's
# checks unpack the .deb into a private prefix: bench/device/gpu-checks.sh).
SPEECH_DIR = os.environ.get("M2DS_SPEECH_DIR", "/usr/share/pocketsphinx/test/data")
SPEECH = sorted(glob.glob(os.path.join(SPEECH_DIR, "librivox", "*.wav"))) + \
    sorted(glob.glob(os.path.join(SPEECH_DIR, "cards", "*.wav")))
RATE = 16000


def read_pcm16(path):
    """The 16-bit mono samples of a 16 kHz WAV file, as bytes."""
    with wave.open(path, "rb") as f:
        if (f.getframerate(), f.getnchannels(), f.getsampwidth()) != (RATE, 1, 2):
            raise SystemExit(f"{path}: not 16 kHz 16-bit mono")
        return f.readframes(f.getnframes())


def write_pcm16(path, pcm):
    with wave.open(path, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(RATE)
        f.writeframes(pcm)


def make_speech(path, seconds):
    """Concatenates the packaged 16 kHz speech recordings (pocketsphinx-testdata, all 16 kHz 16-bit mono) and
    repeats them until `seconds` long, as a WAV file."""
    if not SPEECH:
        raise SystemExit(f"no speech recordings under {SPEECH_DIR} (pocketsphinx-testdata; or set M2DS_SPEECH_DIR)")
    once = b"".join(read_pcm16(f) for f in SPEECH)
    wanted = 2 * int(round(seconds * RATE))
    write_pcm16(path, (once * (wanted // len(once) + 1))[:wanted])


def read_wav(path):
    data = np.frombuffer(read_pcm16(path), dtype="<i2")
    return torch.from_numpy(data.astype(np.float32) / 32768.0)


def peak_memory_mib(command):
    """Peak resident memory of `command` alone, MiB. It runs under a fresh Python wrapper because
    RUSAGE_CHILDREN reports the largest child a process ever had (sox, earlier runs, ...)."""
    wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
               "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.check_output([sys.executable, "-c", wrapper, *command])) / 1024.0


def machine_description(build=None, device="cpu"):
    """One line naming what a benchmark ran on: CPU model, cores, torch, and the BLAS kernel both sides use (OpenBLAS
    picks it per CPU or from $OPENBLAS_CORETYPE; ratios differ between kernels). With `build`, `m2ds --version`
    confirms the C++ side runs on the same kernel; with a CUDA `device`, the GPU's name, memory and CUDA version."""
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
    if device.startswith("cuda"):
        gpu = torch.cuda.get_device_properties(torch.device(device))
        line += (f"; GPU: {gpu.name} (compute {gpu.major}.{gpu.minor}, {gpu.total_memory / 2**30:.1f} GiB), "
                 f"CUDA {torch.version.cuda}")
    return line
