#!/usr/bin/python3
"""k-means benchmark: `m2ds cluster learn` against scikit-learn's MiniBatchKMeans with fairseq's HuBERT settings and
against faiss, on the same features in one run (time and final inertia over all rows).

    /usr/bin/python3 bench/bench_kmeans.py [--build build] [--rows 100000] [--dim 768] [-k 500] [--n_init 1]

Features: synthetic blobs (sklearn make_blobs, 500 centres, std 1, seed 0), float32. fairseq's learn_kmeans.py
settings for both k-means++ runs: batch_size 10000, max_iter 100, tol 0, max_no_improvement 100, reassignment 0,
init_size None (3 x batch), n_init as given (fairseq's default is 20). faiss: faiss.Kmeans with 20 iterations (its
default 25 is close), random initialisation as faiss does. All use every core. Needs python3-sklearn, python3-faiss.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np

from bench_common import machine_description


def inertia_of(features, centroids):
    """Sum over rows of the squared distance to the nearest centroid, in float64, blockwise."""
    total = 0.0
    c = centroids.astype(np.float64)
    cn = (c ** 2).sum(1)
    for start in range(0, len(features), 20000):
        x = features[start:start + 20000].astype(np.float64)
        d = (x ** 2).sum(1, keepdims=True) - 2 * x @ c.T + cn
        total += np.maximum(d.min(1), 0).sum()
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default="build")
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--dim", type=int, default=768)
    parser.add_argument("-k", type=int, default=500)
    parser.add_argument("--n_init", type=int, default=1)
    parser.add_argument("--skip", nargs="*", default=[], help="sklearn and/or faiss")
    args = parser.parse_args()
    from sklearn.datasets import make_blobs
    features, _ = make_blobs(n_samples=args.rows, n_features=args.dim, centers=500, cluster_std=1.0, random_state=0)
    features = features.astype(np.float32)
    n = len(features)
    print("machine:", machine_description(args.build))
    print(f"features: {n} x {args.dim} float32 blobs, k = {args.k}, n_init = {args.n_init}")
    results = []
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "features.npy")
        np.save(path, features)
        start = time.perf_counter()
        subprocess.run([os.path.join(args.build, "bin", "m2ds"), "cluster", "learn", "--features", path, "-k", str(args.k),
                        "--batch_size", "10000", "--max_iter", "100", "--n_init", str(args.n_init), "--seed", "0",
                        "-o", os.path.join(work, "km")], check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        centroids = np.load(os.path.join(work, "km", "centroids.npy"))
        steps = json.load(open(os.path.join(work, "km", "kmeans.json")))["steps"]
        results.append(("m2ds cluster learn (mini-batch)", seconds, inertia_of(features, centroids), f"{steps} steps"))
    if "sklearn" not in args.skip:
        from sklearn.cluster import MiniBatchKMeans
        start = time.perf_counter()
        model = MiniBatchKMeans(n_clusters=args.k, init="k-means++", max_iter=100, batch_size=10000, tol=0.0,
                                max_no_improvement=100, init_size=None, n_init=args.n_init, reassignment_ratio=0.0,
                                compute_labels=False, random_state=0).fit(features)
        seconds = time.perf_counter() - start
        results.append(("sklearn MiniBatchKMeans", seconds, inertia_of(features, model.cluster_centers_), f"{model.n_steps_} steps"))
    if "faiss" not in args.skip:
        import faiss
        start = time.perf_counter()
        kmeans = faiss.Kmeans(args.dim, args.k, niter=20, seed=0, verbose=False)
        kmeans.train(features)
        seconds = time.perf_counter() - start
        results.append(("faiss Kmeans (20 iterations)", seconds, inertia_of(features, kmeans.centroids), "random init"))
    ours = results[0]
    print(f"{'':34} {'seconds':>9} {'inertia/N':>10} {'speed-up of m2ds':>17}")
    for name, seconds, inertia, note in results:
        print(f"{name:34} {seconds:9.1f} {inertia / n:10.1f} {seconds / ours[1]:16.2f}x  {note}")


if __name__ == "__main__":
    main()
