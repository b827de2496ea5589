#!/usr/bin/python3
"""Reference MFCC + delta + delta-delta features for tests/core/audio/tst_KaldiMfcc.cpp.

Run with Debian's interpreter (python3-torch, python3-torchaudio, python3-numpy), after
tests/golden/make_frontend_references.py (whose synthetic *.input.npy waveforms this script reuses):
    /usr/bin/python3 tests/golden/frontend/make_mfcc_references.py
Writes tests/golden/frontend/mfcc/{manifest.tsv, NAME.fairseq.npy, NAME.float64.npy}. Deterministic, no network.

NAME.fairseq.npy is exactly what fairseq's examples/hubert/simple_kmeans/dump_mfcc_feature.py stores per utterance:
torchaudio.compliance.kaldi.mfcc(x, sample_frequency=16000, use_energy=False) on the float32 waveform in [-1, 1]
(soundfile's scaling, as fairseq's get_features_or_waveform reads it), then compute_deltas twice, concatenated and
transposed to [T, 39] float32. torchaudio's defaults there: dither 0 (since torchaudio 0.5), povey window, 25 ms /
10 ms frames with snip_edges (T = 1 + (n - 400) // 160), DC offset removal, pre-emphasis 0.97, 512-point FFT, power
spectrum, 23 HTK-mel triangles over 20 Hz .. Nyquist, log with a float32-epsilon floor, DCT-II (orthonormal, C0
scaled by sqrt(1/23)), cepstral lifter 22, deltas over 5 frames with replicated edges.

NAME.float64.npy is the same torchaudio code run in float64 (default dtype float64, so its mel banks, DCT and lifter
are float64 too), stored as float32. It isolates what the C++ implementation computes from torchaudio's float32
rounding: the script prints how far the fairseq (float32) features lie from it, which bounds the parity test
against the fairseq file. Fewer than 400 samples: torchaudio asserts (window larger than the signal); the manifest
lists such inputs with 0 frames and no reference, and the C++ returns an empty [0, 39] array.
"""
import os
import sys
import wave

import numpy as np
import torch
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mfcc")
SR = 16000
REAL_RECORDINGS = {  # 16 kHz mono int16 recordings from pocketsphinx-testdata
    "cards_001": "/usr/share/pocketsphinx/test/data/cards/001.wav",
    "librivox_0930": "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0930.wav",
}
# Synthetic inputs already committed by make_frontend_references.py (name -> samples to keep, None = all).
SYNTHETIC_INPUTS = {
    "chirp_2s": None, "white_noise_1s": None, "silence_1s": None, "quiet_tone_1s": None,
    "short_400": None, "short_561": None, "short_400_first_399": 399,
}


def dump_mfcc(wave_f32, dtype):
    """fairseq MfccFeatureReader.get_feats on a waveform, computed in `dtype`. [T, 39] float32."""
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.no_grad():
            x = torch.from_numpy(wave_f32).to(dtype).view(1, -1)
            mfccs = torchaudio.compliance.kaldi.mfcc(waveform=x, sample_frequency=SR, use_energy=False)
            mfccs = mfccs.transpose(0, 1)
            deltas = torchaudio.functional.compute_deltas(mfccs)
            ddeltas = torchaudio.functional.compute_deltas(deltas)
            concat = torch.cat([mfccs, deltas, ddeltas], dim=0).transpose(0, 1).contiguous()
    finally:
        torch.set_default_dtype(previous)
    return concat.to(torch.float32).numpy()


def read_wav_int16(path):
    with wave.open(path, "rb") as f:
        assert f.getsampwidth() == 2 and f.getnchannels() == 1 and f.getframerate() == SR, path
        data = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2")
    return (data.astype(np.float32) / 32768.0).astype(np.float32)  # soundfile's / libsndfile's int16 -> float


def synthetic_input(name, keep):
    source = name if keep is None else name.rsplit("_first_", 1)[0]
    path = os.path.join(HERE, f"{source}.input.npy")
    if not os.path.exists(path):
        sys.exit(f"missing {path}: run tests/golden/make_frontend_references.py first")
    wave_f32 = np.load(path).astype(np.float32)
    return (wave_f32 if keep is None else wave_f32[:keep]), f"{source}.input.npy"


def describe_columns(name, fairseq, exact):
    diff = np.abs(fairseq.astype(np.float64) - exact)
    parts = [f"{label} {diff[:, cols].max():.2e}" for label, cols in
             (("mfcc", slice(0, 13)), ("delta", slice(13, 26)), ("ddelta", slice(26, 39)))]
    print(f"  {name:20s} T={fairseq.shape[0]:4d}  fairseq float32 vs float64: max {diff.max():.2e} "
          f"mean {diff.mean():.2e}  ({', '.join(parts)})")


def main():
    os.makedirs(OUT, exist_ok=True)
    inputs = {name: synthetic_input(name, keep) for name, keep in SYNTHETIC_INPUTS.items()}
    for name, path in REAL_RECORDINGS.items():
        if not os.path.exists(path):
            sys.exit(f"missing {path}: install pocketsphinx-testdata (packaging/install-deps.sh --tests)")
        inputs[name] = (read_wav_int16(path), path)
    rows = []
    print("features [T, 39] exactly as fairseq dump_mfcc_feature.py stores them:")
    for name, (wave_f32, source) in inputs.items():
        samples = len(wave_f32)
        if samples < 400:
            try:
                dump_mfcc(wave_f32, torch.float32)
                sys.exit(f"{name}: torchaudio accepted {samples} samples; the test assumes it refuses them")
            except AssertionError as error:
                print(f"  {name:20s} {samples} samples: torchaudio refuses ({error}); C++ returns [0, 39]")
            rows.append(f"{name}\t{source}\t{samples}\t0\t-\t-")
            continue
        fairseq = dump_mfcc(wave_f32, torch.float32)
        exact = dump_mfcc(wave_f32, torch.float64)
        assert fairseq.shape == (1 + (samples - 400) // 160, 39), fairseq.shape
        describe_columns(name, fairseq, exact)
        np.save(os.path.join(OUT, f"{name}.fairseq.npy"), fairseq)
        np.save(os.path.join(OUT, f"{name}.float64.npy"), exact)
        rows.append(f"{name}\t{source}\t{samples}\t{fairseq.shape[0]}\t{name}.fairseq.npy\t{name}.float64.npy")
    with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
        f.write("name\tinput\tsamples\tframes\tfairseq\tfloat64\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
