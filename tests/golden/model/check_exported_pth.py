#!/usr/bin/python3
"""Checks that a .pth written by `m2ds ckpt convert` drops into Python: torch.load(weights_only=True) accepts it,
the official layout loads into the eager model strictly, and extraction gives the reference outputs.

    /usr/bin/python3 tests/golden/model/check_exported_pth.py M2DS_EXECUTABLE WORKDIR
(run by `ctest -L slow` as check_exported_pth; needs python3-torch)
"""
import os
import subprocess
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from m2ds_eager import M2DS  # noqa: E402
from make_model_references import TINY  # noqa: E402


def main():
    m2ds, work = sys.argv[1], sys.argv[2]
    folder = os.path.join(work, "m2d_s_vit_tiny-80x64p80x2-251125")
    os.makedirs(folder, exist_ok=True)
    exported = os.path.join(folder, "exported.pth")
    tiny = os.path.join(HERE, "tiny")
    subprocess.run([m2ds, "ckpt", "convert", os.path.join(tiny, "m2d_s_vit_tiny-80x64p80x2-231125", "checkpoint-3.pth"), exported],
                   check=True)
    checkpoint = torch.load(exported, weights_only=True)
    model = M2DS(**TINY).eval()
    model.load_state_dict(checkpoint["model"], strict=True)
    layers = model.encode_lms(torch.from_numpy(np.load(os.path.join(tiny, "extract_input.npy")))[None, None])
    worst = 0.0
    for index, layer in enumerate(layers):
        expected = np.load(os.path.join(tiny, f"extract_layer{index}.npy"))
        worst = max(worst, float(np.abs(layer[0].numpy() - expected).max()))
    print(f"exported .pth: {len(checkpoint['model'])} tensors, weights_only load OK, max abs difference {worst:.2e}")
    sys.exit(0 if worst == 0.0 else 1)


if __name__ == "__main__":
    main()
