#!/usr/bin/python3
"""Attention references for the C++ model's parity test (tst_M2dsModel::attentionMatchesReference).

    /usr/bin/python3 tests/golden/model/make_attention_references.py

Loads the committed tiny checkpoint (tiny/m2d_s_vit_tiny-80x64p80x2-231125/checkpoint-3.pth, made by
make_model_references.py) into the eager model of m2ds_eager.py and writes into tiny/:
  attention_input.npy        the first chunk of extract_input.npy [1, 1, 80, 64] (normalised log-mel of real speech)
  attention_layer{1,2}.npy   each encoder block's attention probabilities [heads, 1 + N, 1 + N] for that chunk
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from m2ds_eager import M2DS  # noqa: E402
from make_model_references import TINY  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    out = os.path.join(HERE, "tiny")
    checkpoint = torch.load(os.path.join(out, "m2d_s_vit_tiny-80x64p80x2-231125", "checkpoint-3.pth"), weights_only=False)
    model = M2DS(**TINY).eval()
    model.load_state_dict(checkpoint["model"])
    lms = torch.from_numpy(np.load(os.path.join(out, "extract_input.npy")))
    chunk = lms[:, : TINY["input_size"][1]][None, None].contiguous()
    np.save(os.path.join(out, "attention_input.npy"), chunk.numpy().astype(np.float32))
    for layer, weights in enumerate(model.encoder_attention(chunk), start=1):
        np.save(os.path.join(out, f"attention_layer{layer}.npy"), weights[0].numpy().astype(np.float32))
    print(f"wrote {out}: attention of {len(model.blocks)} blocks, {weights.shape[1]} heads, {weights.shape[-1]} tokens")


if __name__ == "__main__":
    main()
