#!/usr/bin/python3
"""Extraction benchmark: this project's ViT-Base M2D-S against the eager PyTorch model with the same weights and
threads, on the same normalised log-mel of real speech, in one run.

    /usr/bin/python3 bench/bench_extraction.py [--build build] [--minutes 10] [--hour] [--chunks_per_pass N ...]
    python3 bench/bench_extraction.py --device cuda --chunks_per_pass 1 16   # a GPU server (bench/device/gpu-checks.sh)
    python3 bench/bench_extraction.py --device cuda --chunks_per_pass 1 16 --utterance_seconds 12   # LibriSpeech-like files

Prints seconds, the ratio (eager / ours) and the real-time factor at 1 thread and at all threads (on CUDA: all
threads), one row per --chunks_per_pass (M2D chunks per forward pass of m2ds, as `m2ds extract --chunks_per_pass`;
0, the default: by device); with --utterance_seconds S the speech is cut into utterances of S seconds that the eager
model encodes one after the other and m2ds together (their chunks sharing passes, as `m2ds extract` of many files); with --hour also the peak memory of `m2ds extract --layers last` on a 1-hour recording
(streamed to .npy). Needs python3-torch and pocketsphinx-testdata (packaging/install-deps.sh --tests --reference),
or --logmel.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "golden", "model"))
from bench_common import machine_description, make_speech, peak_memory_mib  # noqa: E402
from m2ds_eager import M2DS  # noqa: E402


def eager_seconds(model, lms, device, threads, utterance_frames=0):
    """Seconds of the eager model's `encode_lms` over the whole log-mel, or over its utterances of `utterance_frames`
    one after the other (on CUDA after a warm-up, best of 2)."""
    pieces = [lms[:, i:i + utterance_frames] for i in range(0, lms.shape[1], utterance_frames)] if utterance_frames else [lms]
    torch.set_num_threads(threads)
    cuda = device != "cpu"
    best = float("inf")
    with torch.no_grad():
        if cuda:
            model.encode_lms(lms[None, None, :, :608])  # warm-up: CUDA context and kernels
            torch.cuda.synchronize()
        for _ in range(2 if cuda else 1):
            start = time.perf_counter()
            for piece in pieces:
                model.encode_lms(piece[None, None])
            if cuda:
                torch.cuda.synchronize()
            best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--hour", action="store_true")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--logmel", help="a normalised log-mel [80, T] .npy to use instead of synthesised speech")
    parser.add_argument("--chunks_per_pass", type=int, nargs="+", default=[0],
                        help="m2ds's M2D chunks per forward pass, one row each (0: by device, 1 on the CPU, 16 on CUDA)")
    parser.add_argument("--utterance_seconds", type=float, default=0.0,
                        help="cut the speech into utterances this long (0: one recording)")
    args = parser.parse_args()
    m2ds = os.path.join(args.build, "bin", "m2ds")
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as work:
        torch.manual_seed(0)
        model = M2DS().eval()
        folder = os.path.join(work, "m2d_s_vit_base-80x608p80x2-000000")
        os.makedirs(folder)
        checkpoint = os.path.join(folder, "checkpoint.pth")
        torch.save({"model": collections.OrderedDict(model.state_dict())}, checkpoint)
        lms_path = args.logmel or os.path.join(work, "lms.npy")
        if not args.logmel:
            speech = os.path.join(work, "speech.wav")
            make_speech(speech, args.minutes * 60)
            subprocess.run([m2ds, "melspec", speech, "-o", lms_path, "--mean", "-7.1", "--std", "4.2"], check=True)
        lms = torch.from_numpy(np.load(lms_path)).to(args.device)
        model = model.to(args.device)
        audio_seconds = lms.shape[1] / 100.0
        print("machine:", machine_description(args.build, args.device))
        print(f"ViT-Base M2D-S 80x608p80x2, {audio_seconds:.0f} s of speech ({lms.shape[1]} log-mel frames), "
              f"{cores} cores, device {args.device}, torch {torch.__version__}"
              + (f", as {args.utterance_seconds:g} s utterances" if args.utterance_seconds else ""))
        print(f"{'threads':>8} {'chunks/pass':>11} {'eager s':>9} {'m2ds s':>9} {'ratio':>7} {'m2ds x realtime':>16}")
        for threads in ((1, cores) if args.device == "cpu" else (cores,)):
            eager = eager_seconds(model, lms, args.device, threads, int(args.utterance_seconds * 100))
            for chunks in args.chunks_per_pass:
                out = subprocess.check_output([os.path.join(args.build, "bin", "m2ds-bench-extract"), checkpoint, lms_path,
                                               "--threads", str(threads), "--device", args.device, "--repeats", "2",
                                               "--chunks_per_pass", str(chunks),
                                               "--utterance_seconds", str(args.utterance_seconds)])
                report = json.loads(out)
                ours = report["seconds"]
                print(f"{threads:>8} {report['chunks_per_pass']:>11} {eager:>9.2f} {ours:>9.2f} {eager / ours:>6.2f}x "
                      f"{audio_seconds / ours:>15.1f}x")
        if args.hour:
            hour = os.path.join(work, "hour.wav")
            make_speech(hour, 3600)
            peak = peak_memory_mib([m2ds, "extract", "--model", checkpoint, "--layers", "last", hour, "-o",
                                    os.path.join(work, "hour.npy")])
            print(f"m2ds extract --layers last on 60 min: peak resident memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()
