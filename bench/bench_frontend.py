#!/usr/bin/python3
"""Front-end benchmark: this project's log-mel against torchaudio on the same 10 minutes of speech, one run.

    /usr/bin/python3 bench/bench_frontend.py [--build build] [--minutes 10]

Needs python3-torchaudio, sox and the test recordings (packaging/install-deps.sh --tests --reference).
Prints throughput at 1 thread and at all threads for both, their ratio, and the peak memory of
`m2ds melspec` on a 1-hour file.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import torch
import torchaudio

from bench_common import machine_description, make_speech, peak_memory_mib, read_wav

def time_torchaudio(samples, threads, repeats=5):
    torch.set_num_threads(threads)
    transform = torchaudio.transforms.MelSpectrogram(
        sample_rate=16000, n_fft=400, win_length=400, hop_length=160, f_min=50, f_max=8000, n_mels=80, power=2.0,
        center=True, pad_mode="reflect", mel_scale="slaney", norm="slaney")
    eps = torch.finfo(torch.float32).eps
    best = float("inf")
    with torch.no_grad():
        for _ in range(repeats):
            start = time.perf_counter()
            torch.log(transform(samples) + eps)
            best = min(best, time.perf_counter() - start)
    return best


def time_ours(build, path, threads):
    out = subprocess.check_output([os.path.join(build, "bin", "m2ds-bench-frontend"), path, "--threads", str(threads)])
    return json.loads(out)["seconds"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as work:
        speech = os.path.join(work, "speech.wav")
        make_speech(speech, args.minutes * 60)
        samples = read_wav(speech)
        audio_seconds = samples.numel() / 16000
        print("machine:", machine_description(args.build))
        print(f"audio: {audio_seconds:.0f} s of 16 kHz speech (pocketsphinx-testdata), {cores} cores, torch {torch.__version__}")
        print(f"{'threads':>8} {'torchaudio s':>13} {'m2ds s':>8} {'ratio':>7} {'m2ds x realtime':>16}")
        for threads in (1, cores):
            reference = time_torchaudio(samples, threads)
            ours = time_ours(args.build, speech, 0 if threads == cores else threads)
            print(f"{threads:>8} {reference:>13.4f} {ours:>8.4f} {reference / ours:>6.2f}x {audio_seconds / ours:>15.0f}x")
        hour = os.path.join(work, "hour.wav")
        subprocess.run(["sox", *([speech] * int(round(60 / args.minutes))), hour], check=True)
        hour_seconds = float(subprocess.check_output(["soxi", "-D", hour]))
        peak = peak_memory_mib([os.path.join(args.build, "bin", "m2ds"), "melspec", hour, "-o", os.path.join(work, "hour.npy")])
        print(f"m2ds melspec on {hour_seconds / 60:.0f} min: peak resident memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
