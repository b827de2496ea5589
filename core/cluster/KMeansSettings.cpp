#include "cluster/KMeansSettings.h"

#include <algorithm>
#include <cmath>

#include "features/FeatureSource.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

void require(bool condition, const std::string& field, const std::string& value, const std::string& rule) {
    if (!condition) throw InvalidArgument("k-means setting " + field + " = " + value + " is invalid: " + rule);
}

}  // namespace

void KMeansSettings::validate() const {
    require(k >= 1, "k", std::to_string(k), "at least 1 cluster is needed");
    require(maxIter >= 1, "max_iter", std::to_string(maxIter), "must be at least 1");
    require(std::isfinite(tol) && tol >= 0.0, "tol", std::to_string(tol), "must be finite and >= 0");
    require(batchSize >= 1, "batch_size", std::to_string(batchSize), "must be at least 1");
    require(nInit >= 1, "n_init", std::to_string(nInit), "must be at least 1");
    require(std::isfinite(reassignmentRatio) && reassignmentRatio >= 0.0, "reassignment_ratio", std::to_string(reassignmentRatio),
            "must be finite and >= 0");
    require(initSize >= 0, "init_size", std::to_string(initSize), "must be >= 0 (0 = automatic)");
    require(initTrials >= 0, "init trials", std::to_string(initTrials), "must be >= 0 (0 = 2 + int(ln k))");
    require(blockRows >= 1, "block rows", std::to_string(blockRows), "must be at least 1");
}

void KMeansSettings::validateFor(const FeatureSource& source) const {
    validate();
    if (source.rowCount() == 0) throw InputError(source.label(), "the feature source has no rows to cluster");
    if (source.dimension() == 0) throw InputError(source.label(), "the feature rows have no columns");
    if (static_cast<std::size_t>(k) > source.rowCount())
        throw InputError(source.label(), "k = " + std::to_string(k) + " clusters need at least " + std::to_string(k) +
                                             " feature rows, but there are only " + std::to_string(source.rowCount()));
}

std::size_t KMeansSettings::initSampleRows(std::size_t rows) const {
    const auto batch = std::min<std::size_t>(static_cast<std::size_t>(batchSize), rows);
    std::size_t size = initSize > 0 ? static_cast<std::size_t>(initSize) : 3 * batch;
    if (size < static_cast<std::size_t>(k)) size = 3 * static_cast<std::size_t>(k);
    return std::min(size, rows);
}

int KMeansSettings::localTrials() const {
    return initTrials > 0 ? initTrials : 2 + static_cast<int>(std::log(static_cast<double>(k)));
}

}  // namespace m2ds
