#!/usr/bin/python3
"""Reference fixtures for tests/core/cluster (scikit-learn's k-means, as fairseq's simple_kmeans uses it).

Run with Debian's interpreter (python3-sklearn, python3-numpy):

    /usr/bin/python3 tests/golden/cluster/make_kmeans_references.py

Writes tests/golden/cluster/kmeans_references.npz (~200 kB), every array float32 or int32:

  features                 [2000, 16] blobs (8 centres, std 2, box +-6): what every test clusters
  lloyd_init               [8, 16]   8 data rows: the given initial centroids
  lloyd_centroids/labels   sklearn KMeans(init=lloyd_init, n_init=1, algorithm="lloyd", tol=0) run to convergence
  lloyd_scalars            [inertia, n_iter] of that run
  lloyd2_centroids/labels  the same stopped after max_iter=2 (not converged: labels from the final E-step)
  empty_init               lloyd_init with centroid 7 moved far away: it gets no rows and is relocated
  empty_centroids/labels   sklearn's result from empty_init
  kmeanspp_lloyd_inertia   [25] KMeans(init="k-means++", n_init=3, max_iter=100, tol=0), random_state 0..24
  minibatch_inertia        [25] MiniBatchKMeans(k-means++, n_init=3, max_iter=100, batch_size=256,
                                max_no_improvement=100, reassignment_ratio=0, tol=0), random_state 0..24
  phones                   [2000] per-frame integer labels (two "phones" per blob, 10 % random)
  quality                  [phone purity, cluster purity, PNMI] of (phones, lloyd_labels), computed below in plain
                           Python from the definitions of Hsu et al. 2021 (HuBERT), section IV-D

Every E-step of the given-init runs is tie-free: the script checks that, at every iteration, each row's
second-nearest centroid is farther than the nearest by a margin far above float32 rounding, so the C++ labels (and
with them the float64 centroid sums) cannot depend on BLAS order.
"""
import math
import os
import sys
from collections import Counter

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import make_blobs

K = 8
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kmeans_references.npz")


def blob_data():
    x, truth = make_blobs(n_samples=2000, n_features=16, centers=K, cluster_std=2.0, center_box=(-6.0, 6.0),
                          random_state=7)
    return x.astype(np.float32), truth


def check_tie_free(x, centroids, labels, name):
    """Every row's nearest centroid is `labels` and the runner-up is farther by more than 1e-5 of |x|^2 + |c|^2: ten
    times the worst-case float32 error of ||x||^2 - 2x.c + ||c||^2 over D = 16 terms (D * 2^-24 ~ 1e-6)."""
    x64, c64 = x.astype(np.float64), centroids.astype(np.float64)
    d = ((x64[:, None, :] - c64[None, :, :]) ** 2).sum(axis=2)
    order = np.sort(d, axis=1)
    assert (np.argmin(d, axis=1) == labels).all(), name + ": labels are not the nearest centroids"
    scale = (x64 ** 2).sum(axis=1) + (c64 ** 2).sum(axis=1).max()
    margin = ((order[:, 1] - order[:, 0]) / scale).min()
    assert margin > 1e-5, f"{name}: a row is nearly tied between two centroids (relative margin {margin:.2e})"
    return margin


def lloyd(x, init, max_iter):
    model = KMeans(n_clusters=K, init=init, n_init=1, max_iter=max_iter, tol=0.0, algorithm="lloyd")
    model.fit(x.astype(np.float64))  # float64: the exact Lloyd result the float32 C++ must approach
    return model


def phone_labels(truth):
    rng = np.random.RandomState(11)
    phones = truth * 2 + (np.arange(truth.size) % 3 == 0)
    noisy = rng.rand(truth.size) < 0.1
    phones[noisy] = rng.randint(0, 2 * K, noisy.sum())
    return phones.astype(np.int32)


def purity_and_pnmi(phones, clusters):
    """Plain Python from the paper: p(y, z) joint of phone y and cluster z over frames; phone purity
    E_z[max_y p(y|z)] = sum_z max_y p(y, z); cluster purity E_y[max_z p(z|y)] = sum_y max_z p(y, z);
    PNMI = I(y; z) / H(y)."""
    n = len(phones)
    joint = Counter(zip(phones, clusters))
    py = Counter(phones)
    pz = Counter(clusters)
    best_y_for_z, best_z_for_y = {}, {}
    for (y, z), count in joint.items():
        best_y_for_z[z] = max(best_y_for_z.get(z, 0), count)
        best_z_for_y[y] = max(best_z_for_y.get(y, 0), count)
    phone_purity = sum(best_y_for_z.values()) / n
    cluster_purity = sum(best_z_for_y.values()) / n
    mutual = 0.0
    for (y, z), count in joint.items():
        p = count / n
        mutual += p * math.log(p / ((py[y] / n) * (pz[z] / n)))
    entropy = -sum((c / n) * math.log(c / n) for c in py.values())
    return phone_purity, cluster_purity, mutual / entropy


def main():
    x, truth = blob_data()
    rng = np.random.RandomState(9)
    init = x[rng.choice(len(x), K, replace=False)].copy()

    full = lloyd(x, init, 300)
    assert full.n_iter_ < 300, "the given-init Lloyd run did not converge"
    partial = lloyd(x, init, 2)
    empty_init = init.copy()
    empty_init[7] = 1000.0
    empty = lloyd(x, empty_init, 300)
    # Every E-step of both runs (the centres after i iterations are those of the run stopped at max_iter=i).
    margins = [check_tie_free(x, m.cluster_centers_, m.labels_, f"{name} after {i} iterations")
               for start, runs, name in ((init, full.n_iter_, "lloyd"), (empty_init, empty.n_iter_, "empty"))
               for i in range(1, runs + 1) for m in (lloyd(x, start, i),)]
    assert np.bincount(empty.labels_, minlength=K).min() > 0

    kmeanspp = [KMeans(n_clusters=K, init="k-means++", n_init=3, max_iter=100, tol=0.0, algorithm="lloyd",
                       random_state=seed).fit(x.astype(np.float64)).inertia_ for seed in range(25)]
    minibatch = [MiniBatchKMeans(n_clusters=K, init="k-means++", n_init=3, max_iter=100, batch_size=256, tol=0.0,
                                 max_no_improvement=100, reassignment_ratio=0.0,
                                 random_state=seed).fit(x).inertia_ for seed in range(25)]

    phones = phone_labels(truth)
    quality = purity_and_pnmi(phones.tolist(), full.labels_.tolist())

    f32 = lambda a: np.asarray(a, dtype=np.float32)
    i32 = lambda a: np.asarray(a, dtype=np.int32)
    np.savez(OUT, features=x, lloyd_init=init,
             lloyd_centroids=f32(full.cluster_centers_), lloyd_labels=i32(full.labels_),
             lloyd_scalars=f32([full.inertia_, full.n_iter_]),
             lloyd2_centroids=f32(partial.cluster_centers_), lloyd2_labels=i32(partial.labels_),
             empty_init=empty_init, empty_centroids=f32(empty.cluster_centers_), empty_labels=i32(empty.labels_),
             kmeanspp_lloyd_inertia=f32(kmeanspp), minibatch_inertia=f32(minibatch),
             phones=phones, quality=f32(quality))
    print(f"wrote {OUT}: lloyd n_iter {full.n_iter_}, inertia {full.inertia_:.3f}; tie margins "
          + f"{min(margins):.1e} (smallest of {len(margins)} E-steps)"
          + f"; k-means++ Lloyd inertia median {np.median(kmeanspp):.1f}, mini-batch median {np.median(minibatch):.1f}"
          + f"; purity {quality[0]:.4f}/{quality[1]:.4f}, PNMI {quality[2]:.4f}", file=sys.stderr)


if __name__ == "__main__":
    main()
