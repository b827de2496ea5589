#!/usr/bin/python3
"""Per-layer linear probe benchmark: m2ds's LayerProbe against scikit-learn's LogisticRegression(lbfgs) on the same
embeddings, the same outer folds, the same inner folds (the ones m2ds drew, passed to GridSearchCV) and the same C grid,
in one run: mean accuracy difference per layer and the speed ratio.

    /usr/bin/python3 bench/bench_probe.py [--build build] [--rows 2000] [--dim 768] [--classes 10] [--layers 6]

Embeddings: synthetic clip embeddings, float32, one matrix per layer: class means of a strength that rises and falls
over the layers (layer L/2 the most informative) in anisotropic noise (singular values ~ k^-0.7, a random rotation),
plus a per-layer offset and scale that standardisation removes. Outer folds: StratifiedKFold(5, shuffle, seed 0).
Both sides, per outer fold: StandardScaler fitted on the training rows, C from the grid by the best mean inner accuracy
(first in grid order on ties), refit on all training rows, accuracy on the held-out rows. scikit-learn: max_iter 100,
tol 1e-4 (its defaults), the data as float32 (as it keeps it), every core through its BLAS. m2ds: the same max_iter and
tol, every core. Needs python3-sklearn.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time
import warnings

import numpy as np

from bench_common import machine_description


def synthetic_layers(rows, dim, classes, layers, seed=0):
    rng = np.random.RandomState(seed)
    labels = np.arange(rows) % classes
    rng.shuffle(labels)
    rotation, _ = np.linalg.qr(rng.randn(dim, dim))
    spectrum = 1.0 / np.arange(1, dim + 1) ** 0.7
    out = []
    for layer in range(layers):
        strength = 0.08 * (1.0 + 2.0 * np.exp(-((layer - layers / 2) / (layers / 4)) ** 2))
        means = rng.randn(classes, dim) * strength
        x = (rng.randn(rows, dim) + means[labels]) * spectrum @ rotation.T
        out.append((x * (1.0 + layer) + rng.randn(dim) * 3.0).astype(np.float32))
    return np.stack(out), labels


def sklearn_probe(x, labels, folds, inner_folds, grid, max_iter, tol):
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.preprocessing import StandardScaler
    accuracy, chosen = [], []
    for fold, inner in enumerate(inner_folds):
        train, test = folds != fold, folds == fold
        scaler = StandardScaler().fit(x[train])
        inner = np.asarray(inner)
        splits = [(np.flatnonzero(inner != j), np.flatnonzero(inner == j)) for j in range(inner.max() + 1)]
        search = GridSearchCV(LogisticRegression(solver="lbfgs", max_iter=max_iter, tol=tol), {"C": grid}, cv=splits,
                              scoring="accuracy", refit=True)
        search.fit(scaler.transform(x[train]).astype(np.float32), labels[train])
        accuracy.append((search.predict(scaler.transform(x[test]).astype(np.float32)) == labels[test]).mean())
        chosen.append(search.best_params_["C"])
    return float(np.mean(accuracy)), chosen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--dim", type=int, default=768)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--grid", type=float, nargs="+", default=[0.01, 0.1, 1.0, 10.0])
    parser.add_argument("--max_iter", type=int, default=100)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--weighted_sum", action="store_true", help="also time m2ds's weighted-sum probe (no sklearn counterpart)")
    args = parser.parse_args()
    from sklearn.model_selection import StratifiedKFold
    layers, labels = synthetic_layers(args.rows, args.dim, args.classes, args.layers)
    folds = np.zeros(args.rows, dtype=np.int64)
    for fold, (_, test) in enumerate(StratifiedKFold(5, shuffle=True, random_state=0).split(layers[0], labels)):
        folds[test] = fold
    print("machine:", machine_description(args.build))
    print(f"embeddings: {args.layers} layers of {args.rows} x {args.dim} float32, {args.classes} classes, 5 outer folds, "
          f"3 inner folds, C grid {args.grid}, max_iter {args.max_iter}, tol {args.tol:g}")
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "layers.npz")
        np.savez(path, layers=layers, labels=labels.astype(np.float32), folds=folds.astype(np.float32))
        command = [os.path.join(args.build, "bin", "m2ds-bench-probe"), path, "--grid", *map(str, args.grid),
                   "--max_iter", str(args.max_iter), "--tol", str(args.tol)]
        before = os.times()
        ours = json.loads(subprocess.check_output(command, text=True))
        ours_cpu = os.times().children_user + os.times().children_system - before.children_user - before.children_system
        if args.weighted_sum:
            weighted = json.loads(subprocess.check_output(command + ["--weighted_sum"], text=True))["weighted_sum"]
    warnings.filterwarnings("ignore")  # ConvergenceWarning at max_iter, on both sides alike
    print(f"{'layer':>5} {'m2ds acc':>9} {'sklearn acc':>11} {'diff':>7} {'same C':>7} {'m2ds s':>7} {'sklearn s':>9} {'ratio':>6}")
    total, differences = 0.0, []
    cpu_start = time.process_time()
    for layer in range(args.layers):
        start = time.perf_counter()
        accuracy, chosen = sklearn_probe(layers[layer], labels, folds, ours["inner_folds"], args.grid, args.max_iter, args.tol)
        seconds = time.perf_counter() - start
        total += seconds
        mine = ours["layers"][layer]
        same = sum(a == b for a, b in zip(mine["chosen_c"], chosen))
        differences.append(mine["accuracy"] - accuracy)
        print(f"{layer:5d} {mine['accuracy']:9.4f} {accuracy:11.4f} {differences[-1]:+7.4f} {same:5d}/5 {mine['seconds']:7.2f} "
              f"{seconds:9.2f} {seconds / mine['seconds']:5.1f}x")
    sklearn_cpu = time.process_time() - cpu_start
    print(f"all layers: max |accuracy difference| {np.abs(differences).max():.4f}; wall m2ds {ours['seconds']:.1f} s, "
          f"sklearn {total:.1f} s: m2ds is {total / ours['seconds']:.1f}x faster; CPU time m2ds {ours_cpu:.1f} s "
          f"(whole process), sklearn {sklearn_cpu:.1f} s: {sklearn_cpu / ours_cpu:.1f}x; load average {os.getloadavg()[0]:.1f}")
    if args.weighted_sum:
        print(f"m2ds weighted sum of the {args.layers} layers: accuracy {weighted['accuracy']:.4f} in {weighted['seconds']:.1f} s, "
              f"weights {np.round(weighted['weights'], 3).tolist()}, C per fold {weighted['chosen_c']}")


if __name__ == "__main__":
    main()
