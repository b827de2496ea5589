#!/usr/bin/python3
"""Reference for the C++ training step: two optimiser steps of the official loop on the tiny geometry.

    /usr/bin/python3 tests/golden/train/make_training_step_references.py              # tiny geometry, committed fixture
    /usr/bin/python3 tests/golden/train/make_training_step_references.py --vit-base DIR  # ViT-Base, for `ctest -L slow`

Starts from the committed tiny checkpoint (tests/golden/model/tiny/…/checkpoint-3.pth), and for two batches of
real normalised log-mel crops with fixed mask noise and teacher features does what engine_pretrain_m2d.py does
per iteration (accum_iter 1, fp32): loss = loss_m2d·L_m2d + loss_off·L_off; backward; clip_grad_norm_(3.0);
AdamW(betas 0.9/0.95, eps 1e-8, weight decay 0.05 with timm's add_weight_decay groups) at the given lr; EMA of the
target encoder with the given decay. Writes tiny_steps.npz: the inputs, per-step [loss, L_m2d, L_off, grad norm],
every weight and AdamW moment after the second step, and each step's clipped gradients (`grad_S.NAME`: what AdamW
received, which tells the test how well conditioned each element's update is). With --vit-base the same for ViT-Base 80x608 (batch 2),
starting from a seed-0 initialisation saved in the official layout beside the references. Fixed seeds.
"""
import argparse
import collections
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "model"))
from m2ds_eager import M2DS  # noqa: E402

CHECKPOINT = os.path.join(HERE, "..", "model", "tiny", "m2d_s_vit_tiny-80x64p80x2-231125", "checkpoint-3.pth")
TINY = dict(input_size=(80, 64), patch=(80, 2), dim=32, depth=2, heads=4, decoder_dim=24, decoder_depth=2,
            decoder_heads=4, off_dim=40)
VIT_BASE = dict(input_size=(80, 608), patch=(80, 2), off_dim=768)
LOSS_M2D, LOSS_OFF, CLIP, MASK_RATIO = 1.0, 0.5, 3.0, 0.6
LRS, EMAS = [1e-3, 2e-3], [0.99, 0.995]


def parameter_groups(model, weight_decay):
    """timm 0.4.5 add_weight_decay: no decay for 1-D parameters and biases; frozen ones left out."""
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    return [{"params": no_decay, "weight_decay": 0.0}, {"params": decay, "weight_decay": weight_decay}]


def batch(step, size, frames):
    """`size` crops of `frames` frames of real speech (the librivox 0870 front-end fixture, tiled), normalised."""
    lms = np.load(os.path.join(HERE, "..", "frontend", "librivox_0870.expected.npy"))
    lms = np.tile(lms, (1, (40 * 2 * size + frames) // lms.shape[1] + 2))
    crops = [lms[:, 40 * (step * size + i):][:, :frames] for i in range(size)]
    return torch.from_numpy((np.stack(crops)[:, None] + 7.1) / 4.2).float()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vit-base", metavar="DIR", help="make ViT-Base references in DIR instead of the tiny ones")
    options = parser.parse_args()
    torch.set_num_threads(1 if not options.vit_base else os.cpu_count())
    if options.vit_base:
        geometry, size, out_dir = VIT_BASE, 2, options.vit_base
        torch.manual_seed(0)
        model = M2DS(**geometry)
        folder = os.path.join(out_dir, "m2d_s_vit_base-80x608p80x2-000000")
        os.makedirs(folder, exist_ok=True)
        torch.save({"model": collections.OrderedDict(model.state_dict())}, os.path.join(folder, "checkpoint.pth"))
    else:
        geometry, size, out_dir = TINY, 4, HERE
        model = M2DS(**geometry)
        model.load_state_dict(torch.load(CHECKPOINT)["model"])
    optimizer = torch.optim.AdamW(parameter_groups(model, 0.05), lr=LRS[0], betas=(0.9, 0.95), eps=1e-8, foreach=False)
    tokens = model.grid[0] * model.grid[1]
    out = {}
    losses = []
    for step, (lr, ema) in enumerate(zip(LRS, EMAS)):
        x = batch(step, size, geometry["input_size"][1])
        noise = torch.rand(size, tokens, generator=torch.Generator().manual_seed(100 + step))
        teacher = torch.randn(size, model.grid[1], geometry["off_dim"], generator=torch.Generator().manual_seed(200 + step))
        for group in optimizer.param_groups:
            group["lr"] = lr
        result = model(x, noise, MASK_RATIO, teacher, LOSS_M2D, LOSS_OFF)
        result["loss"].backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
        for name, p in model.named_parameters():
            if p.grad is not None:
                out[f"grad_{step}.{name}"] = p.grad.detach().clone().numpy()
        optimizer.step()
        optimizer.zero_grad()
        model.ema_update(ema)
        losses.append([result["loss"].item(), result["loss_m2d"].item(), result["loss_off"].item(), grad_norm.item()])
        out[f"input_{step}"], out[f"noise_{step}"], out[f"teacher_{step}"] = x.numpy(), noise.numpy(), teacher.numpy()
    out["losses"] = np.array(losses, dtype=np.float32)
    out["settings"] = np.array([LRS, EMAS], dtype=np.float32)
    for name, p in model.named_parameters():
        out["after." + name] = p.detach().numpy()
        if p in optimizer.state:
            out["exp_avg." + name] = optimizer.state[p]["exp_avg"].numpy()
            out["exp_avg_sq." + name] = optimizer.state[p]["exp_avg_sq"].numpy()
    np.savez(os.path.join(out_dir, "tiny_steps.npz" if not options.vit_base else "steps.npz"), **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()})
    print("losses per step [loss, L_m2d, L_off, grad norm]:", np.array(losses))


if __name__ == "__main__":
    main()
