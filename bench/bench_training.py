#!/usr/bin/python3
"""Training-step benchmark: this project's TrainingEngine against the eager PyTorch M2D-S (tests/golden/model/
m2ds_eager.py) doing the same step — masked forward, offline loss, backward, clip 3.0, AdamW (timm groups), EMA —
with the same weights, batch, masks and threads, in one run.

    /usr/bin/python3 bench/bench_training.py [--build build] [--geometry tiny|vit_base] [--batch 8] [--steps 5]
                                             [--device cpu|cuda] [--amp none|bf16|fp16] [--threads N ...] [--rounds 2]

Prints the median seconds per step, samples/s and the ratio (eager time / ours) for each thread count (CPU) or once
(CUDA). The two sides run alternately `rounds` times (two warm-up steps each), so that a noisy machine hits both.
Needs python3-torch (packaging/install-deps.sh --reference) and a build with M2DS_BUILD_BENCH=ON.
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "golden", "model"))
from m2ds_eager import M2DS  # noqa: E402
from bench_common import machine_description  # noqa: E402

GEOMETRIES = {
    "tiny": ("m2d_s_vit_tiny-80x64p80x2", dict(input_size=(80, 64), patch=(80, 2), dim=32, depth=2, heads=4, decoder_dim=24,
                                              decoder_depth=2, decoder_heads=4, off_dim=40)),
    "vit_base": ("m2d_s_vit_base-80x608p80x2", dict(input_size=(80, 608), patch=(80, 2), off_dim=768)),
}


def parameter_groups(model):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if p.requires_grad:
            (no_decay if p.ndim <= 1 or name.endswith(".bias") else decay).append(p)
    return [{"params": no_decay, "weight_decay": 0.0}, {"params": decay, "weight_decay": 0.05}]


def eager_seconds_per_step(model, batch, device, amp, steps):
    model = model.to(device).train()
    x, noise, teacher = (torch.from_numpy(batch[k]).to(device) for k in ("input", "noise", "teacher"))
    optimizer = torch.optim.AdamW(parameter_groups(model), lr=1e-4, betas=(0.9, 0.95), eps=1e-8)
    scaler = torch.cuda.amp.GradScaler(enabled=amp == "fp16")
    dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(amp)

    def step():
        with torch.autocast(device_type=device, dtype=dtype, enabled=dtype is not None):
            out = model(x, noise, 0.6, teacher, 1.0, 0.5)
        scaler.scale(out["loss"]).backward()
        scaler.unscale_(optimizer)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 3.0)
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad()
        model.ema_update(0.9999)
        return out["loss"].item()

    step(), step()
    if device == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        if device == "cuda":
            torch.cuda.synchronize()
        times.append(time.perf_counter() - start)
    memory = torch.cuda.max_memory_allocated() / 2**20 if device == "cuda" else float("nan")
    return times, memory


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--geometry", choices=GEOMETRIES, default="tiny")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--amp", default="none")
    parser.add_argument("--threads", type=int, nargs="*", default=[1, os.cpu_count()])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    name, geometry = GEOMETRIES[args.geometry]
    with tempfile.TemporaryDirectory() as work:
        torch.manual_seed(0)
        model = M2DS(**geometry)
        folder = os.path.join(work, name + "-000000")
        os.makedirs(folder)
        checkpoint = os.path.join(folder, "checkpoint.pth")
        torch.save({"model": collections.OrderedDict(model.state_dict())}, checkpoint)
        tokens = model.grid[0] * model.grid[1]
        generator = torch.Generator().manual_seed(1)
        batch = {"input": torch.randn(args.batch, 1, *geometry["input_size"], generator=generator).numpy(),
                 "noise": torch.rand(args.batch, tokens, generator=generator).numpy(),
                 "teacher": torch.randn(args.batch, model.grid[1], geometry["off_dim"], generator=generator).numpy()}
        batch_path = os.path.join(work, "batch.npz")
        np.savez(batch_path, **batch)
        print("machine:", machine_description(args.build))
        print(f"{name}, batch {args.batch}, {args.steps} timed steps, device {args.device}, amp {args.amp}, "
              f"torch {torch.__version__}")
        print(f"{'threads':>8} {'eager s/step':>13} {'m2ds s/step':>12} {'ratio':>7} {'m2ds samples/s':>15} {'peak MiB (eager/m2ds)':>22}")
        for threads in (args.threads if args.device == "cpu" else [os.cpu_count()]):
            torch.set_num_threads(threads)
            eager_times, ours_times = [], []
            for _ in range(args.rounds):
                torch.manual_seed(0)
                times, eager_memory = eager_seconds_per_step(M2DS(**geometry), batch, args.device, args.amp, args.steps)
                eager_times += times
                out = subprocess.check_output([os.path.join(args.build, "bin", "m2ds-bench-train"), checkpoint, batch_path,
                                               "--presets", os.path.join(HERE, "..", "models", "presets"), "--threads",
                                               str(threads), "--steps", str(args.steps), "--device", args.device, "--amp", args.amp])
                ours = json.loads(out)
                ours_times += ours["step_seconds"]
            eager, mine = statistics.median(eager_times), statistics.median(ours_times)
            print(f"{threads:>8} {eager:>13.4f} {mine:>12.4f} {eager / mine:>6.2f}x {args.batch / mine:>15.1f} "
                  f"{eager_memory:>10.0f}/{ours['peak_memory_mib']:.0f}")

if __name__ == "__main__":
    main()
