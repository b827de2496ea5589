#include "cluster/CentredFeatures.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"

namespace m2ds {

void validateCentroids(const FloatArray& centroids, std::size_t dimension, const std::string& sourceLabel) {
    if (centroids.shape.size() != 2 || centroids.shape[0] == 0 || centroids.shape[1] == 0 ||
        centroids.values.size() != centroids.elementCount())
        throw InvalidArgument("centroids must be a non-empty [K, D] matrix");
    const auto bad = std::find_if(centroids.values.begin(), centroids.values.end(), [](float v) { return !std::isfinite(v); });
    if (bad != centroids.values.end())
        throw InvalidArgument("centroid " + std::to_string(static_cast<std::size_t>(bad - centroids.values.begin()) / centroids.shape[1]) +
                              " has a non-finite value");
    if (centroids.shape[1] != dimension)
        throw InputError(sourceLabel, "the features have D = " + std::to_string(dimension) + " columns but the centroids have D = " +
                                          std::to_string(centroids.shape[1]));
}

CentredFeatures::CentredFeatures(const FeatureSource& source, const KMeansSettings& settings, const ProgressMonitor& progress)
    : moments_((settings.validateFor(source), FeatureMoments::measure(source, static_cast<std::size_t>(settings.blockRows), progress))),
      blocks_(source, static_cast<std::size_t>(settings.blockRows), moments_.meanAsFloat()),
      tolerance_(settings.tol * moments_.meanVariance) {}

std::vector<double> CentredFeatures::centre(const FloatArray& centroids) const {
    validateCentroids(centroids, dimension(), blocks_.source().label());
    const std::size_t d = dimension();
    std::vector<double> centres(centroids.values.size());
    for (std::size_t i = 0; i < centres.size(); ++i) centres[i] = static_cast<double>(centroids.values[i]) - blocks_.offset()[i % d];
    return centres;
}

FloatArray CentredFeatures::uncentre(const std::vector<double>& centres) const {
    const std::size_t d = dimension();
    FloatArray centroids{{centres.size() / d, d}, std::vector<float>(centres.size())};
    for (std::size_t i = 0; i < centres.size(); ++i) centroids.values[i] = static_cast<float>(centres[i] + blocks_.offset()[i % d]);
    return centroids;
}

}  // namespace m2ds
