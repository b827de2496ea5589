#!/usr/bin/python3
"""Reference prepared .npz files of `m2ds prepare --teacher hubert:DIR:LAYER`, computed as the official
speech/extract_offline_ls960.py (nttcslab/m2d) computes them, with the tiny HuBERT of make_hubert_references.py.

    /usr/bin/python3 tests/golden/hubert/make_prepared_references.py        # run make_hubert_references.py first

Per recording (pocketsphinx-testdata librivox 0880, 2.99 s, padded; 0870, 7.1 s, not padded), as the official script:
  wav = the 16 kHz file as float32 (int16 / 32768, as librosa/soundfile read it); org_wav_len = len(wav)
  wav zero-padded at the end to 7 s (np.pad) when shorter
  arr_0 = log-mel of the padded wav, [1, 80, T] (spec 1; the float64 reference of make_frontend_references.py)
  arr_1 = hidden_states[LAYER] of HubertModel on Wav2Vec2Processor(padded wav) (zero mean, unit variance), [1, Th, D]
  arr_2 = (Th * org_wav_len) // len(padded wav), an int64 scalar
The model is the committed tiny/base folder (model.safetensors read back into torchaudio's wav2vec2 modules, HF names
mapped back to torchaudio's). Writes tests/golden/hubert/prepared/<recording stem>.npz and manifest.json.
"""
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from make_frontend_references import read_wav_int16, reference_log_mel  # noqa: E402
from make_hubert_references import build, hidden_states, zero_mean_unit_var  # noqa: E402

MODEL = os.path.join(HERE, "tiny", "base")
OUT = os.path.join(HERE, "prepared")
LAYER = 2  # the tiny model's last of 2 layers (the official teacher: hidden_states[9] of hubert-base-ls960)
MIN_SECONDS = 7
LIBRIVOX = "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-{}.wav"
RECORDINGS = [LIBRIVOX.format("0880"), LIBRIVOX.format("0870")]  # 2.99 s (padded to 7 s) and 7.1 s (as it is)


def read_safetensors(path):
    """F32 tensors of a safetensors file (u64 header size, JSON header, raw little-endian data)."""
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"]).copy())
    return tensors


def load_model():
    """torchaudio's model for the folder's config.json with the folder's weights (HF names back to torchaudio's)."""
    with open(os.path.join(MODEL, "config.json")) as f:
        config = json.load(f)
    model = build(config, seed=0)
    state = {}
    for name, tensor in read_safetensors(os.path.join(MODEL, "model.safetensors")).items():
        if name.startswith("feature_projection."):
            name = "encoder." + name
        elif name.startswith("encoder."):
            name = "encoder.transformer." + name[len("encoder."):]
        state[name] = tensor
    model.load_state_dict(state, strict=True)
    return model.eval(), config


def prepare(model, config, path):
    """extract_offline_ls960.py's steps for one file."""
    wav = read_wav_int16(path)
    org_wav_len = len(wav)
    min_samples = 16000 * MIN_SECONDS
    if wav.shape[-1] < min_samples:
        wav = np.pad(wav, (0, min_samples - wav.shape[-1]))
    lms = reference_log_mel(wav)[None]
    preprocessed = torch.from_numpy(zero_mean_unit_var(wav))
    hidden = hidden_states(model, preprocessed, config["do_stable_layer_norm"])[LAYER][None]
    org_hidden_len = (hidden.shape[1] * org_wav_len) // wav.shape[-1]
    return lms, hidden, org_hidden_len


def main():
    torch.set_num_threads(1)
    model, config = load_model()
    os.makedirs(OUT, exist_ok=True)
    manifest = {"model": "tiny/base", "layer": LAYER, "min_seconds": MIN_SECONDS, "files": []}
    for path in RECORDINGS:
        lms, hidden, org_hidden_len = prepare(model, config, path)
        stem = os.path.splitext(os.path.basename(path))[0]
        np.savez(os.path.join(OUT, stem + ".npz"), lms, hidden, org_hidden_len)
        manifest["files"].append({"recording": path, "npz": stem + ".npz", "arr_0": list(lms.shape),
                                  "arr_1": list(hidden.shape), "arr_2": int(org_hidden_len)})
        print(stem, lms.shape, hidden.shape, org_hidden_len)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)


if __name__ == "__main__":
    main()
