#include "cluster/FeatureMoments.h"

#include <algorithm>

#include "features/FeatureBlocks.h"

namespace m2ds {

FeatureMoments FeatureMoments::measure(const FeatureSource& source, std::size_t blockRows, const ProgressMonitor& progress) {
    const std::size_t d = source.dimension();
    std::vector<double> sum(d, 0.0), sumSquares(d, 0.0);
    FeatureBlocks(source, blockRows).forEach(
        [&](std::size_t, std::size_t count, const float* rows) {
            for (std::size_t i = 0; i < count; ++i)
                for (std::size_t j = 0; j < d; ++j) {
                    const double value = rows[i * d + j];
                    sum[j] += value;
                    sumSquares[j] += value * value;
                }
        },
        progress);
    FeatureMoments moments;
    moments.rows = source.rowCount();
    moments.mean.resize(d);
    const double n = static_cast<double>(std::max<std::size_t>(moments.rows, 1));
    for (std::size_t j = 0; j < d; ++j) {
        moments.mean[j] = sum[j] / n;
        moments.meanVariance += std::max(0.0, sumSquares[j] / n - moments.mean[j] * moments.mean[j]);
    }
    moments.meanVariance /= static_cast<double>(std::max<std::size_t>(d, 1));
    return moments;
}

std::vector<float> FeatureMoments::meanAsFloat() const { return std::vector<float>(mean.begin(), mean.end()); }

}  // namespace m2ds
