#!/usr/bin/python3
"""Two `m2ds train` processes of one job against one process with their global batch: same seed and data, so the
logged losses and the saved weights must agree up to the order of the gradient sums (tst_m2dsTrain's
twoProcessesMatchOneProcess, here on a GPU machine and under torchrun).

    python3 bench/device/check_two_ranks.py --m2ds BUILD/bin/m2ds --audio SPEECH_DIR --work DIR [--device cuda:0]

Launches: `torchrun --standalone --nproc_per_node 2 --no_python m2ds train …` (as the workbench's SSH launch does),
two processes given RANK, WORLD_SIZE, MASTER_ADDR=127.0.0.1 and MASTER_PORT by hand (as the test does), and
torchrun with one rank (batch 4: it must match the single process too; it shows whether torchrun's launch itself
works where two ranks on one GPU cannot). The ranks of a launch share one GPU (--device cuda:0). When neither CUDA launch trains (NCCL refuses two ranks on one
GPU, say), the by-hand launch is repeated on the CPU, where m2ds uses Gloo if this LibTorch came with its headers.
Each launch prints whether it trained, why not (the ranks' last error lines), and the comparison. Exit code 0 when
some launch with two ranks matched the single process.
"""
import argparse
import glob
import json
import os
import shutil
import socket
import struct
import subprocess
import sys

import numpy as np

LOSS_TOLERANCE = 1e-4   # losses are averaged over the ranks as the official all_reduce_mean does
WEIGHT_TOLERANCE = 1e-4  # fp32, 4 updates of the tiny model: only the summation order differs
KNOWN_CAUSES = [
    ("Duplicate GPU", "NCCL refuses two ranks on one GPU"),
    ("already in use", "the port is taken (torchrun's agent hosts its own TCPStore at MASTER_PORT: TORCHELASTIC_USE_AGENT_STORE)"),
    ("without a c10d backend", "this m2ds has no c10d backend for the device"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def train_arguments(speech, output, batch, device):
    return ["train", "--speech", speech, "--model", "m2d_s_vit_tiny", "--output_dir", output, "--batch_size", str(batch),
            "--epochs", "2", "--warmup_epochs", "1", "--log_every", "1", "--save_freq", "2", "--eval_freq", "0",
            "--device", device, "--amp", "none", "--seed", "0"]


def read_safetensors(path):
    """name → float32 array of every F32 tensor in a .safetensors file, and its metadata."""
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name != "__metadata__" and entry["dtype"] == "F32":
            begin, end = entry["data_offsets"]
            tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


def log_records(run, event):
    path = os.path.join(run, "log.jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [r for r in (json.loads(line) for line in f if line.strip()) if r.get("event") == event]


def last_checkpoint(run):
    paths = sorted(glob.glob(os.path.join(run, "checkpoint-*.safetensors")), key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
    return paths[-1] if paths else None


def run_single(m2ds, speech, output, device, timeout):
    command = [m2ds, "--threads", "2", *train_arguments(speech, output, 4, device)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"one process on {device} failed ({result.returncode}): {result.stderr[-2000:]}")


def launch_by_hand(m2ds, speech, output, device, timeout, logs, ranks=2):
    """`ranks` processes (global batch 4) with the torchrun variables set by hand; their exit codes and stderr texts."""
    port = free_port()
    processes, files = [], []
    for rank in range(ranks):
        env = dict(os.environ, RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(ranks), LOCAL_WORLD_SIZE=str(ranks),
                   MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
        files.append(open(os.path.join(logs, f"rank{rank}.stderr"), "w+"))
        processes.append(subprocess.Popen([m2ds, "--threads", "2", *train_arguments(speech, output, 4 // ranks, device)], env=env,
                                          stdout=subprocess.DEVNULL, stderr=files[-1]))
    codes = []
    for process in processes:
        try:
            codes.append(process.wait(timeout=timeout))
        except subprocess.TimeoutExpired:
            process.kill()
            codes.append("timed out")
    texts = []
    for f in files:
        f.seek(0)
        texts.append(f.read())
        f.close()
    return codes, texts


def launch_torchrun(m2ds, speech, output, device, timeout, logs, ranks=2):
    """torchrun --standalone with `ranks` local ranks (global batch 4); returns its exit code (for each rank) and each
    rank's stderr."""
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(ranks), "--log_dir", logs,
               "--redirects", "3", "--no_python", m2ds, "--threads", "2", *train_arguments(speech, output, 4 // ranks, device)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        code, agent = result.returncode, result.stderr
    except subprocess.TimeoutExpired:
        code, agent = "timed out", ""
    texts = []
    for rank in range(ranks):
        found = glob.glob(os.path.join(logs, "**", str(rank), "stderr.log"), recursive=True)
        texts.append(open(found[0]).read() if found else "")
    if not any(texts):
        texts[0] = agent
    return [code] * ranks, texts


def compare(single, pair, ranks):
    """Problems of the run of `ranks` ranks against the single process (empty: they agree), and a summary line."""
    problems = []
    start = log_records(pair, "start")
    if not start or start[0].get("world_size") != ranks:
        problems.append(f"log.jsonl's start record does not say world_size {ranks}: {start[:1]}")
    end = log_records(pair, "end")
    if not end or end[-1].get("status") != "finished":
        problems.append(f"log.jsonl does not end finished: {end[-1:]}")
    one = {r["iteration"]: r["loss"] for r in log_records(single, "step")}
    two = {r["iteration"]: r["loss"] for r in log_records(pair, "step")}
    if sorted(one) != sorted(two):
        problems.append(f"logged iterations differ: {sorted(one)} vs {sorted(two)}")
    loss_gap = max((abs(one[i] - two[i]) for i in one if i in two), default=float("nan"))
    if not loss_gap <= LOSS_TOLERANCE:
        problems.append(f"losses differ by {loss_gap:.3g} (tolerance {LOSS_TOLERANCE})")
    checkpoint = last_checkpoint(pair)
    if checkpoint is None:
        return problems + ["rank 0 saved no checkpoint"], "no checkpoint"
    a, _ = read_safetensors(last_checkpoint(single))
    b, _ = read_safetensors(checkpoint)
    if sorted(a) != sorted(b):
        problems.append("the checkpoints hold different tensors")
    gaps = {name: float(np.abs(a[name] - b[name]).max()) for name in a if name in b and a[name].shape == b[name].shape}
    worst = max(gaps, key=gaps.get)
    if gaps[worst] > WEIGHT_TOLERANCE:
        problems.append(f"weights differ by up to {gaps[worst]:.3g} ({worst}; tolerance {WEIGHT_TOLERANCE})")
    summary = (f"{len(two)} logged iterations, max loss difference {loss_gap:.3g}, max weight difference "
               f"{gaps[worst]:.3g} over {len(gaps)} tensors ({worst}), rank 0 saved {os.path.basename(checkpoint)}")
    return problems, summary


def cause_of(texts):
    for needle, meaning in KNOWN_CAUSES:
        if any(needle in text for text in texts):
            return meaning
    return "see the ranks' last lines"


def check(name, launcher, ranks, m2ds, speech, single, work, device, timeout):
    output, logs = os.path.join(work, name), os.path.join(work, name + "-logs")
    os.makedirs(logs, exist_ok=True)
    codes, texts = launcher(m2ds, speech, output, device, timeout, logs, ranks)
    print(f"== {name} ({ranks} rank{'s' if ranks > 1 else ''}) on {device}: exit codes {codes}", flush=True)
    if codes != [0] * ranks:
        print(f"   did not train: {cause_of(texts)}")
        for rank, text in enumerate(texts):
            for line in text.strip().splitlines()[-4:]:
                print(f"   rank {rank}: {line[:400]}")
        return False
    problems, summary = compare(single, output, ranks)
    print(f"   {'MATCH' if not problems else 'MISMATCH'}: {summary}")
    for problem in problems:
        print(f"   problem: {problem}")
    for rank, text in enumerate(texts):
        lines = text.strip().splitlines()
        print(f"   rank {rank}: {len(lines)} lines on stderr{', last: ' + lines[-1][:200] if lines else ''}")
    return not problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--m2ds", required=True)
    parser.add_argument("--audio", required=True, help="a folder of speech recordings (pocketsphinx-testdata's test/data)")
    parser.add_argument("--work", required=True)
    parser.add_argument("--device", default="cuda:0")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds for each launch")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)  # a rerun on the same machine starts afresh
    os.makedirs(args.work)
    speech = os.path.join(args.work, "speech")
    subprocess.run([args.m2ds, "prepare", args.audio, "-o", speech, "--teacher", "mfcc"], check=True, stdout=subprocess.DEVNULL)
    launches = [("torchrun", launch_torchrun, 2), ("by-hand", launch_by_hand, 2), ("torchrun-1", launch_torchrun, 1)]
    devices = [args.device] + (["cpu"] if args.device != "cpu" else [])
    for device in devices:
        single = os.path.join(args.work, f"one-process-{device.replace(':', '')}")
        run_single(args.m2ds, speech, single, device, args.timeout)
        print(f"one process, batch 4, on {device}: {len(log_records(single, 'step'))} iterations, "
              f"saved {os.path.basename(last_checkpoint(single) or 'nothing')}")
        passed = [check(f"{name}-{device.replace(':', '')}", launcher, ranks, args.m2ds, speech, single, args.work, device,
                        args.timeout) and ranks == 2 for name, launcher, ranks in launches]
        if any(passed):
            print(f"two ranks on {device}: PASS")
            return 0
        print(f"two ranks on {device}: no launch matched the single process")
    return 1


if __name__ == "__main__":
    sys.exit(main())
