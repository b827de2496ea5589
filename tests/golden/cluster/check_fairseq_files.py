#!/usr/bin/python3
"""What `m2ds cluster assign` writes, read as fairseq's HuBERT recipe and its neighbours read it (numpy only, plus
scikit-learn and faiss when installed):

    /usr/bin/python3 tests/golden/cluster/check_fairseq_files.py OUT.km CENTROIDS.npy

- OUT.km: one line of space-separated ints per utterance (fairseq HubertDataset's label reader), as many lines as
  the sidecar's files, and each line as long as that utterance's feature frames (fairseq verify_label_lengths with
  the label rate = the feature rate);
- dict.km.txt beside it: `symbol count` lines (fairseq Dictionary.add_from_file), symbols 0..K-1, counts = frames;
- CENTROIDS.npy: float32 [K, D] that numpy loads; the labels equal fairseq ApplyKmeans's nearest centroids
  (Cnorm + |x|^2 - 2 x C) of the cached features (features.npy + .len of the dump named in OUT.km.json), and equal
  what sklearn's KMeans(init=C).predict and a faiss IndexFlatL2 give, except where two centroids are tied.
Exit 0 and a summary line when all holds.
"""
import json
import os
import sys

import numpy as np


def nearest_fairseq(x, c):
    """fairseq examples/hubert/simple_kmeans/dump_km_label.py ApplyKmeans.__call__ (numpy branch)."""
    c_t = c.T
    dist = (x ** 2).sum(1, keepdims=True) - 2 * np.matmul(x, c_t) + (c_t ** 2).sum(0, keepdims=True)
    return np.argmin(dist, axis=1), np.sort(dist, axis=1)


def main():
    km, centroids_path = sys.argv[1], sys.argv[2]
    sidecar = json.load(open(km + ".json"))
    lines = [[int(v) for v in line.split()] for line in open(km).read().splitlines()]
    assert len(lines) == len(sidecar["files"]), "one .km line per utterance"
    centroids = np.load(centroids_path)
    assert centroids.dtype == np.float32 and centroids.ndim == 2, centroids.dtype
    k = centroids.shape[0]
    symbols = [line.split(" ") for line in open(os.path.join(os.path.dirname(km), "dict.km.txt")).read().splitlines()]
    assert [int(s) for s, _ in symbols] == list(range(k)), "dict.km.txt symbols 0..K-1"
    assert sum(int(c) for _, c in symbols) == sum(map(len, lines)), "counts add up to the frames"

    dump = sidecar["features"]["feature_dump"]
    features = np.load(os.path.join(dump, "features.npy"))
    lengths = [int(n) for n in open(os.path.join(dump, "features.len")).read().split()]
    assert [len(l) for l in lines] == sidecar["frames"] == lengths, "label lengths = feature lengths"
    labels = np.concatenate([np.array(l, dtype=np.int64) for l in lines])
    ours_fair, dist = nearest_fairseq(features.astype(np.float64), centroids.astype(np.float64))
    untied = (dist[:, 1] - dist[:, 0]) > 1e-4 * np.maximum(1.0, dist[:, 1])
    assert (ours_fair[untied] == labels[untied]).all(), "labels differ from fairseq ApplyKmeans"
    checked = ["numpy (fairseq ApplyKmeans)"]
    try:
        from sklearn.cluster import KMeans
        model = KMeans(n_clusters=k, init=centroids, n_init=1, max_iter=1).fit(centroids)
        model.cluster_centers_ = centroids
        assert (model.predict(features)[untied] == labels[untied]).all(), "labels differ from sklearn predict"
        checked.append("scikit-learn")
    except ImportError:
        pass
    try:
        import faiss
        index = faiss.IndexFlatL2(centroids.shape[1])
        index.add(np.ascontiguousarray(centroids))
        _, nearest = index.search(np.ascontiguousarray(features), 1)
        assert (nearest[:, 0][untied] == labels[untied]).all(), "labels differ from faiss"
        checked.append("faiss")
    except ImportError:
        pass
    print(f"{km}: {len(lines)} utterances, {labels.size} frames, K = {k}; labels agree with {', '.join(checked)} "
          f"({untied.sum()} untied frames compared)")


if __name__ == "__main__":
    main()
