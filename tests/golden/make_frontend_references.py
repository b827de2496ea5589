#!/usr/bin/python3
"""Reference log-mel spectrograms for the front-end parity tests (tests/core/audio/tst_LogMelParity.cpp).

Run with Debian's interpreter (python3-torch, python3-torchaudio, python3-numpy):
    /usr/bin/python3 tests/golden/make_frontend_references.py
Writes tests/golden/frontend/{manifest.tsv, *.npy} (plus mel_filterbank.expected.npy, [80, 201]). Deterministic: fixed seeds, no network.

Reference = the front-end of spec section 1 in float64: torchaudio's spectrogram (periodic Hann 400, hop 160,
center + reflect padding, power 2) times the Slaney mel basis (Slaney scale, Slaney area norm, 50-8000 Hz)
computed the way nnAudio computes it (librosa 0.7 get_mel: float64 arithmetic, stored as float32), then
log(x + float32 eps); saved as float32 [80, T].

Why not torchaudio's MelSpectrogram as is: torchaudio 0.13 builds its mel basis with float32 linspace, whose
triangle edges differ from nnAudio's by up to 1.3e-3 relative, i.e. ~1.2e-4 in the log domain. The script
prints that difference, and that of an nnAudio-style float32 DFT-by-convolution, for the parity notes.
"""
import os
import sys
import wave

import numpy as np
import torch
import torchaudio

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "frontend")
SR, N_FFT, HOP, N_MELS, F_MIN, F_MAX = 16000, 400, 160, 80, 50.0, 8000.0
EPS = float(np.finfo(np.float32).eps)
REAL_RECORDINGS = {  # 16 kHz mono int16 recordings from pocketsphinx-testdata
    "librivox_0870": "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav",
    "librivox_0930": "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0930.wav",
    "cards_001": "/usr/share/pocketsphinx/test/data/cards/001.wav",
}


def mel_transform(dtype):
    return torchaudio.transforms.MelSpectrogram(
        sample_rate=SR, n_fft=N_FFT, win_length=N_FFT, hop_length=HOP, f_min=F_MIN, f_max=F_MAX, n_mels=N_MELS,
        power=2.0, center=True, pad_mode="reflect", mel_scale="slaney", norm="slaney").to(dtype)


def slaney_hz_to_mel(hz):
    hz = np.asarray(hz, dtype=np.float64)
    return np.where(hz < 1000.0, hz / (200.0 / 3), 15.0 + np.log(np.maximum(hz, 1e-12) / 1000.0) / (np.log(6.4) / 27.0))


def slaney_mel_to_hz(mel):
    return np.where(mel < 15.0, mel * (200.0 / 3), 1000.0 * np.exp(np.log(6.4) / 27.0 * (mel - 15.0)))


def nnaudio_mel_basis():
    """librosa 0.7 get_mel(htk=False, norm=1) as nnAudio copies it: float64 maths, float32 storage. [80, 201]."""
    fft_freqs = np.linspace(0, SR / 2, N_FFT // 2 + 1)
    mel_f = slaney_mel_to_hz(np.linspace(slaney_hz_to_mel(F_MIN), slaney_hz_to_mel(F_MAX), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    lower = -ramps[:-2] / fdiff[:-1, None]
    upper = ramps[2:] / fdiff[1:, None]
    weights = np.maximum(0, np.minimum(lower, upper)) * (2.0 / (mel_f[2:] - mel_f[:-2]))[:, None]
    return weights.astype(np.float32)


def reference_log_mel(wave_f32):
    x = torch.from_numpy(wave_f32.astype(np.float64))
    window = torch.hann_window(N_FFT, periodic=True, dtype=torch.float64)
    power = torchaudio.functional.spectrogram(x, pad=0, window=window, n_fft=N_FFT, hop_length=HOP, win_length=N_FFT,
                                              power=2.0, normalized=False, center=True, pad_mode="reflect",
                                              onesided=True)
    mel = torch.from_numpy(nnaudio_mel_basis().astype(np.float64)) @ power
    return torch.log(mel + EPS).to(torch.float32).numpy()


def torchaudio_log_mel(wave_f32, dtype):
    mel = mel_transform(dtype)(torch.from_numpy(wave_f32).to(dtype))
    return torch.log(mel + EPS).to(torch.float32).numpy()


def nnaudio_style_log_mel(wave_f32):
    """nnAudio's STFT: float32 conv1d with windowed cos/sin kernels, then the Slaney filterbank."""
    n = np.arange(N_FFT)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * n / N_FFT)
    k = np.arange(N_FFT // 2 + 1)[:, None]
    cos_k = torch.tensor(np.cos(2 * np.pi * k * n / N_FFT) * window, dtype=torch.float32)[:, None, :]
    sin_k = torch.tensor(np.sin(2 * np.pi * k * n / N_FFT) * window, dtype=torch.float32)[:, None, :]
    x = torch.nn.functional.pad(torch.from_numpy(wave_f32)[None, None], (N_FFT // 2, N_FFT // 2), mode="reflect")
    re = torch.nn.functional.conv1d(x, cos_k, stride=HOP)
    im = torch.nn.functional.conv1d(x, sin_k, stride=HOP)
    power = torch.sqrt(re ** 2 + im ** 2) ** 2
    mel = torch.matmul(torch.from_numpy(nnaudio_mel_basis()), power[0])
    return torch.log(mel + EPS).numpy()


def read_wav_int16(path):
    with wave.open(path, "rb") as f:
        assert f.getsampwidth() == 2 and f.getnchannels() == 1 and f.getframerate() == SR, path
        data = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2")
    return (data.astype(np.float32) / 32768.0).astype(np.float32)  # libsndfile's int16 -> float scaling


def synthetic_signals():
    rng = np.random.default_rng(20230220)
    t2 = np.arange(2 * SR) / SR
    chirp = 0.5 * np.sin(2 * np.pi * (50 * t2 + (8000 - 50) / (2 * 2.0) * t2 ** 2))
    return {
        "silence_1s": np.zeros(SR, dtype=np.float32),
        "chirp_2s": chirp.astype(np.float32),
        "white_noise_1s": (0.1 * rng.standard_normal(SR)).astype(np.float32),
        "short_201": (0.3 * rng.standard_normal(201)).astype(np.float32),
        "short_400": (0.3 * rng.standard_normal(400)).astype(np.float32),
        "short_561": (0.3 * rng.standard_normal(561)).astype(np.float32),
        "quiet_tone_1s": (1e-4 * np.sin(2 * np.pi * 440 * np.arange(SR) / SR)).astype(np.float32),
    }


def report(name, reference, candidate, label):
    mask = (np.exp(reference.astype(np.float64)) - EPS) > 1e-8
    diff = np.abs(candidate - reference)[mask] if mask.any() else np.zeros(1)
    print(f"  {name:16s} {label:22s} max {diff.max():.2e}  mean {diff.mean():.2e}")


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    inputs = {name: (wave_f32, f"{name}.input.npy") for name, wave_f32 in synthetic_signals().items()}
    for name, path in REAL_RECORDINGS.items():
        if not os.path.exists(path):
            sys.exit(f"missing {path}: install pocketsphinx-testdata (packaging/install-deps.sh --tests)")
        inputs[name] = (read_wav_int16(path), path)
    print("max/mean abs difference to the float64 reference, log domain, where mel power > 1e-8:")
    for name, (wave_f32, source) in inputs.items():
        if source.endswith(".input.npy"):
            np.save(os.path.join(OUT, source), wave_f32)
        reference = reference_log_mel(wave_f32)
        np.save(os.path.join(OUT, f"{name}.expected.npy"), np.ascontiguousarray(reference))
        rows.append(f"{name}\t{source}\t{name}.expected.npy\t{reference.shape[1]}")
        report(name, reference, torchaudio_log_mel(wave_f32, torch.float32), "torchaudio float32")
        report(name, reference, torchaudio_log_mel(wave_f32, torch.float64), "torchaudio float64")
        report(name, reference, nnaudio_style_log_mel(wave_f32), "nnAudio-style float32")
    basis = nnaudio_mel_basis()
    torchaudio_basis = mel_transform(torch.float32).mel_scale.fb.T.numpy()
    print(f"mel basis: torchaudio float32 vs nnAudio-style, max abs {np.abs(torchaudio_basis - basis).max():.2e}")
    np.save(os.path.join(OUT, "mel_filterbank.expected.npy"), basis)
    with open(os.path.join(OUT, "manifest.tsv"), "w") as f:
        f.write("name\tinput\texpected\tframes\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
