#!/usr/bin/python3
"""HuBERT teacher benchmark: this project's HuBERT-base (`m2ds extract --model DIR --layers 9`) against torchaudio's
eager model with the same weights and threads, on the same 10 minutes of speech cut into utterances, in one run.

    /usr/bin/python3 bench/bench_hubert.py [--build build] [--minutes 10] [--utterance_seconds 12] [--threads N ...]
                                           [--repeats 2]

The model is torchaudio's `hubert_base` geometry with random seeded weights (tests/golden/hubert/make_hubert_references.py
writes it in Hugging Face's folder layout, as for the `slow` parity test). Both sides compute hidden_states[9] (9 of
12 transformer layers) of every utterance normalised as Wav2Vec2Processor does, one utterance per forward pass.
m2ds's time includes starting the process, reading the 380 MB weights and decoding the WAV files; the line below
the table also gives it without that start-up (`m2ds extract` of one 1-s file, subtracted). Each time is the best of
--repeats runs, since a shared machine's other load only ever adds time.
Needs python3-torch, python3-torchaudio, sox and pocketsphinx-testdata (packaging/install-deps.sh --tests --reference).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import wave

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "golden", "hubert"))
from bench_common import machine_description, make_speech, read_wav  # noqa: E402
from make_hubert_references import BASE, build, hf_config, hf_state_dict, write_folder, zero_mean_unit_var  # noqa: E402

LAYER = 9


def write_wav(path, samples):
    with wave.open(path, "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(16000)
        f.writeframes(np.clip(np.round(samples * 32768.0), -32768, 32767).astype("<i2").tobytes())


def utterances(work, minutes, seconds):
    """10 minutes of pocketsphinx speech cut into `seconds`-long WAV files; returns their paths and samples."""
    speech = os.path.join(work, "speech.wav")
    make_speech(speech, minutes * 60)
    samples = read_wav(speech).numpy()
    step = int(seconds * 16000)
    paths, waves = [], []
    for i, start in enumerate(range(0, len(samples), step)):
        path = os.path.join(work, f"utt{i:04d}.wav")
        write_wav(path, samples[start:start + step])
        paths.append(path)
        waves.append(read_wav(path))  # exactly what m2ds decodes
    return paths, waves


def eager_seconds(model, waves, threads):
    torch.set_num_threads(threads)
    inputs = [torch.from_numpy(zero_mean_unit_var(w.numpy()))[None] for w in waves]
    start = time.perf_counter()
    with torch.inference_mode():
        for x in inputs:
            model.extract_features(x, num_layers=LAYER)
    return time.perf_counter() - start


def m2ds_seconds(m2ds, folder, paths, threads, output):
    start = time.perf_counter()
    subprocess.run([m2ds, "--threads", str(threads), "extract", "--model", folder, "--layers", str(LAYER), "--clip", *paths,
                    "-o", output], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--utterance_seconds", type=float, default=12.0, help="LibriSpeech utterances average 12.3 s")
    parser.add_argument("--threads", type=int, nargs="+", default=[os.cpu_count()])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    m2ds = os.path.join(args.build, "bin", "m2ds")
    with tempfile.TemporaryDirectory() as work:
        config = hf_config(BASE, "group", False, False, 128, 16, "hubert")
        model = build(config, seed=1)
        folder = os.path.join(work, "hubert_base")
        write_folder(folder, config, hf_state_dict(model))
        paths, waves = utterances(work, args.minutes, args.utterance_seconds)
        audio_seconds = sum(len(w) for w in waves) / 16000.0
        write_wav(os.path.join(work, "one.wav"), waves[0].numpy()[:16000])
        print("machine:", machine_description(args.build))
        print(f"HuBERT-base (random weights) hidden_states[{LAYER}], {audio_seconds:.0f} s of speech in {len(paths)} utterances "
              f"of {args.utterance_seconds:g} s, torch {torch.__version__}")
        print(f"{'threads':>8} {'torchaudio s':>13} {'m2ds s':>9} {'ratio':>7} {'m2ds start-up s':>16} {'ratio w/o start-up':>19} "
              f"{'m2ds x realtime':>16}")
        for threads in args.threads:
            eager = min(eager_seconds(model, waves, threads) for _ in range(args.repeats))
            ours = min(m2ds_seconds(m2ds, folder, paths, threads, os.path.join(work, "clip.npy")) for _ in range(args.repeats))
            startup = min(m2ds_seconds(m2ds, folder, [os.path.join(work, "one.wav")], threads, os.path.join(work, "one.npy"))
                          for _ in range(args.repeats))
            print(f"{threads:>8} {eager:>13.2f} {ours:>9.2f} {eager / ours:>6.2f}x {startup:>16.2f} {eager / (ours - startup):>18.2f}x "
                  f"{audio_seconds / ours:>15.1f}x")


if __name__ == "__main__":
    main()
