#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace m2ds {

class FeatureSource;

/// Run settings of a k-means fit. The defaults are those of fairseq's HuBERT recipe
/// (examples/hubert/simple_kmeans/learn_kmeans.py), which calls scikit-learn's MiniBatchKMeans with init k-means++,
/// batch_size 10000, max_iter 100, tol 0, max_no_improvement 100, n_init 20, reassignment_ratio 0, init_size None.
struct KMeansSettings {
    int k = 100;                        ///< number of clusters (fairseq: n_clusters, positional; HuBERT uses 100 and 500)
    std::uint64_t seed = 0;             ///< fairseq --seed; every random draw is a pure function of it
    int maxIter = 100;                  ///< Lloyd: iterations; mini-batch: max_iter·N/batch_size steps
    double tol = 0.0;                   ///< relative to the mean per-dimension variance of the features (sklearn)
    std::int64_t batchSize = 10000;     ///< mini-batch rows per step (capped at N)
    int maxNoImprovement = 100;         ///< mini-batch: steps without a better smoothed inertia before stopping; < 0 never
    int nInit = 20;                     ///< k-means++ initialisations; the best one is kept (sklearn's rule per algorithm)
    double reassignmentRatio = 0.0;     ///< mini-batch: centres with count < ratio·max count are re-seeded
    std::int64_t initSize = 0;          ///< rows k-means++ runs on; 0 = sklearn's 3·batch_size (at least 3·k), all when ≥ N
    int initTrials = 0;                 ///< k-means++ local trials per centre; 0 = 2 + int(ln k) as sklearn
    std::int64_t blockRows = 16384;     ///< rows read and assigned at a time when streaming the features
    std::string device = "cpu";         ///< cpu | cuda | cuda:N (distances; sums stay float64 on the host)

    /// Throws InvalidArgument naming the first field out of range (k < 1, max_iter < 1, negative tol, ...).
    void validate() const;
    /// validate(), then throws InputError naming the source when it has no rows or fewer rows than k.
    void validateFor(const FeatureSource& source) const;
    /// Rows of k-means++'s sample for `rows` feature rows: initSize (or max(3·min(batch, N), 3·k)) capped at N.
    std::size_t initSampleRows(std::size_t rows) const;
    /// k-means++ local trials per centre after the first: initTrials, or 2 + int(ln k).
    int localTrials() const;
};

}  // namespace m2ds
