#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "features/FeatureBlocks.h"
#include "cluster/FeatureMoments.h"
#include "cluster/KMeansSettings.h"
#include "common/FloatArray.h"

namespace m2ds {

/// Throws unless `centroids` is a finite [K ≥ 1, D] float32 matrix (InvalidArgument) whose D equals `dimension`
/// (InputError naming `sourceLabel`, the features they are used with).
void validateCentroids(const FloatArray& centroids, std::size_t dimension, const std::string& sourceLabel);

/// The features as both k-means algorithms see them: validated against the settings (non-empty, k ≤ N), measured
/// in one pass (every value checked) and read minus their column mean, as scikit-learn centres the data before
/// k-means, which keeps ||x||² − 2x·c + ||c||² accurate in float32. The offset is that mean rounded to float32, the
/// same for rows and centres; centres live in these coordinates as float64.
class CentredFeatures {
public:
    /// Throws InvalidArgument (settings) or InputError (source: empty, k > N, a non-finite value).
    CentredFeatures(const FeatureSource& source, const KMeansSettings& settings, const ProgressMonitor& progress = {});

    /// The source read minus its float32 column mean.
    const FeatureBlocks& blocks() const { return blocks_; }
    /// Rows N.
    std::size_t rowCount() const { return blocks_.rowCount(); }
    /// Columns D.
    std::size_t dimension() const { return blocks_.dimension(); }
    /// sklearn's absolute tolerance: tol × the mean column variance.
    double tolerance() const { return tolerance_; }
    /// Centroids [k, D] float32 in the source's coordinates → centred [k, D] float64 (validateCentroids first).
    std::vector<double> centre(const FloatArray& centroids) const;
    /// Centred [k, D] float64 centres → [k, D] float32 in the source's coordinates.
    FloatArray uncentre(const std::vector<double>& centres) const;

private:
    FeatureMoments moments_;
    FeatureBlocks blocks_;
    double tolerance_ = 0.0;
};

}  // namespace m2ds
