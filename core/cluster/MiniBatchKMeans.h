#pragma once
#include "features/FeatureSource.h"
#include "cluster/KMeansResult.h"
#include "cluster/KMeansSettings.h"
#include "common/FloatArray.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

class CentredFeatures;
class CentroidSearch;
class ClusterCollective;

/// Mini-batch k-means with scikit-learn's MiniBatchKMeans semantics (1.x, dense, unit weights), as fairseq's HuBERT
/// recipe runs it:
///  - n_init k-means++ seedings, each on initSampleRows(N) rows drawn at random (with replacement) when that is
///    fewer than N; the one of lowest inertia on one validation draw of as many rows is kept;
///  - (max_iter · N) / batch steps, each on batch = min(batch_size, N) rows drawn with replacement: assign, then per
///    centre c with m rows in the batch c ← (c · count + Σ rows) / (count + m), count += m (float64);
///  - with reassignment_ratio > 0, every 10·k rows seen (or while a count is 0) centres whose count is below
///    ratio · max count are moved to distinct random rows of the batch (at most batch / 2 of them, the smallest
///    counts first) and their counts set to the smallest remaining count;
///  - early stop: from step 2 on an exponentially weighted average of the batch inertia per row (α = 2·batch/(N+1),
///    at most 1) that has not improved for max_no_improvement steps, or (tol > 0) a total squared centre change ≤
///    tol × mean variance.
/// Rows are gathered from the source per batch, so features on disk never sit in memory whole. With a collective
/// (several processes of one job, each reading the same features), every process draws the same batches, assigns its
/// contiguous share of each, and the float64 sums are added up over the job before the identical update; the final
/// pass is shared out by blocks. The codebook equals the single-process one up to the order of float64 additions. The result's inertia
/// and cluster sizes come from one final pass over all rows; labels are not kept (assign them with ClusterAssigner).
class MiniBatchKMeans {
public:
    /// Throws InvalidArgument for bad settings. collective: the job's processes (kept by pointer), or null for one.
    explicit MiniBatchKMeans(KMeansSettings settings, ClusterCollective* collective = nullptr);

    /// Learns from k-means++ as above; throws InputError for a bad source (empty, k > N, NaN/inf), CancelledError.
    KMeansResult fit(const FeatureSource& source, const ProgressMonitor& progress = {}) const;
    /// Learns from `initial` [k, D] float32 (sklearn init=array, so one initialisation); k = settings.k.
    KMeansResult fitFrom(const FeatureSource& source, const FloatArray& initial, const ProgressMonitor& progress = {}) const;

private:
    KMeansResult optimise(const CentredFeatures& features, std::vector<double> centres, const ProgressMonitor& progress) const;

    void finalPass(const CentredFeatures& features, const CentroidSearch& search, KMeansResult& result, const ProgressMonitor& progress) const;

    KMeansSettings settings_;
    ClusterCollective* collective_;
};

}  // namespace m2ds
