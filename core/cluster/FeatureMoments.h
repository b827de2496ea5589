#pragma once
#include <cstddef>
#include <vector>

#include "features/FeatureSource.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

/// Column statistics of a feature source from one float64 pass (which also checks every value is finite).
struct FeatureMoments {
    std::size_t rows = 0;
    std::vector<double> mean;   ///< [D] per-column mean
    double meanVariance = 0.0;  ///< mean over columns of the population variance (sklearn's _tolerance scale)

    /// Reads `source` in blocks of blockRows rows; throws InputError naming a non-finite row.
    static FeatureMoments measure(const FeatureSource& source, std::size_t blockRows, const ProgressMonitor& progress = {});
    /// The mean as float32, the offset the k-means passes subtract.
    std::vector<float> meanAsFloat() const;
};

}  // namespace m2ds
