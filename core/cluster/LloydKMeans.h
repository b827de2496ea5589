#pragma once
#include "features/FeatureSource.h"
#include "cluster/KMeansResult.h"
#include "cluster/KMeansSettings.h"
#include "common/FloatArray.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

class CentredFeatures;

/// Full-batch k-means (Lloyd), scikit-learn's KMeans(algorithm="lloyd") semantics, streaming: every iteration is
/// one pass over the features in blocks of settings.blockRows rows (the E-step by CentroidSearch on the settings'
/// device, the sums and counts in float64 on the host). Stops when the labels no longer change or the total squared
/// centre shift is ≤ tol × mean variance, after max_iter iterations at most; a cluster left empty is moved to the
/// row farthest from its own centre (several: the farthest ones, farthest to the lowest id), as sklearn relocates.
/// Keeps every row's label (4 bytes) and distance (4 bytes) in memory, not the rows.
class LloydKMeans {
public:
    /// Throws InvalidArgument for bad settings.
    explicit LloydKMeans(KMeansSettings settings);

    /// settings.nInit runs, each from k-means++ on settings.initSampleRows(N) rows (all rows when N is at most that:
    /// then exactly sklearn's KMeans init); keeps the run of lowest inertia (sklearn's rule). Throws InputError for a
    /// bad source (empty, k > N, NaN/inf), CancelledError when cancelled.
    KMeansResult fit(const FeatureSource& source, const ProgressMonitor& progress = {}) const;
    /// One run from `initial` [k, D] float32 (sklearn KMeans(init=array, n_init=1)); k = settings.k. Throws
    /// InvalidArgument for a bad array, InputError when its D differs from the features'.
    KMeansResult fitFrom(const FeatureSource& source, const FloatArray& initial, const ProgressMonitor& progress = {}) const;

private:
    KMeansResult run(const CentredFeatures& features, std::vector<double> centres, const ProgressMonitor& progress) const;

    KMeansSettings settings_;
};

}  // namespace m2ds
