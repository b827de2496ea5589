#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "common/FloatArray.h"
#include "common/DeterministicRandom.h"

namespace m2ds {

class FeatureBlocks;

/// Greedy k-means++ seeding as scikit-learn does it (cluster/_kmeans.py, _kmeans_plusplus): the first centre is a
/// uniformly drawn row; each next one is the best, by the potential (sum of squared distances to the nearest centre)
/// it leaves, of `trials` rows drawn with probability proportional to their current squared distance.
class KMeansPlusPlus {
public:
    /// k ≥ 1 centres; trials ≥ 1 candidates per centre after the first; device: cpu | cuda | cuda:N.
    KMeansPlusPlus(std::size_t k, int trials, std::string device);

    /// Seeds on sample [n, D] float32 (host memory, n ≥ k): the k chosen row indices in the order chosen.
    std::vector<std::size_t> chooseRows(const float* sample, std::size_t n, std::size_t d, DeterministicRandom& random) const;
    /// Seeds on sample [n, D]: the chosen rows themselves, [k, D] float32.
    FloatArray choose(const FloatArray& sample, DeterministicRandom& random) const;
    /// sklearn's _init_centroids: seeds on sampleRows rows of `blocks` drawn with replacement when that is fewer than
    /// all rows, else on every row; returns the centres [k, D] as float64, in the blocks' (offset) coordinates.
    std::vector<double> seedFrom(const FeatureBlocks& blocks, std::size_t sampleRows, DeterministicRandom& random) const;

private:
    std::size_t k_;
    int trials_;
    std::string device_;
};

}  // namespace m2ds
