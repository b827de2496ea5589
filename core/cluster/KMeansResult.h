#pragma once
#include <cstdint>
#include <vector>

#include "common/FloatArray.h"

namespace m2ds {

/// A learnt codebook and how it was reached.
struct KMeansResult {
    FloatArray centroids;                    ///< [K, D] float32, in the features' coordinates
    std::vector<std::int32_t> labels;        ///< Lloyd: [N] nearest centroid of every row; mini-batch: empty
    std::vector<std::int64_t> clusterSizes;  ///< [K] rows whose nearest centroid is each one, over all N rows
    double inertia = 0.0;                    ///< sum over all N rows of the squared distance to the nearest centroid
    int iterations = 0;                      ///< Lloyd: iterations run; mini-batch: passes over the data (sklearn n_iter_)
    std::int64_t steps = 0;                  ///< mini-batch steps run (sklearn n_steps_); Lloyd: = iterations
    bool converged = false;                  ///< stopped early (labels stable, centre shift ≤ tol, or no improvement)
    int bestInit = 0;                        ///< which of the n_init initialisations was kept
};

}  // namespace m2ds
