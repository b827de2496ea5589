#include "cluster/ClusterAssigner.h"

#include <algorithm>

#include "cluster/CentredFeatures.h"
#include "cluster/CentroidSearch.h"
#include "features/FeatureBlocks.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

/// Column means of [k, D] centroids, accumulated in float64, rounded to float32.
std::vector<float> centroidMean(const FloatArray& centroids) {
    const std::size_t k = centroids.shape[0], d = centroids.shape[1];
    std::vector<double> sum(d, 0.0);
    for (std::size_t i = 0; i < k * d; ++i) sum[i % d] += centroids.values[i];
    std::vector<float> mean(d);
    std::transform(sum.begin(), sum.end(), mean.begin(), [k](double s) { return static_cast<float>(s / static_cast<double>(k)); });
    return mean;
}

}  // namespace

ClusterAssigner::ClusterAssigner(const FloatArray& centroids, const std::string& device, std::size_t blockRows) {
    validateCentroids(centroids, centroids.shape.size() == 2 ? centroids.shape[1] : 0, "centroids");
    k_ = centroids.shape[0];
    d_ = centroids.shape[1];
    blockRows_ = std::max<std::size_t>(blockRows, 1);
    offset_ = centroidMean(centroids);
    std::vector<float> centred(centroids.values);
    for (std::size_t i = 0; i < centred.size(); ++i) centred[i] -= offset_[i % d_];
    search_ = std::make_unique<CentroidSearch>(device, d_);
    search_->setCentroids(centred.data(), k_);
}

ClusterAssigner::~ClusterAssigner() = default;
ClusterAssigner::ClusterAssigner(ClusterAssigner&&) noexcept = default;
ClusterAssigner& ClusterAssigner::operator=(ClusterAssigner&&) noexcept = default;

void ClusterAssigner::forEachBlock(const FeatureSource& source, const BlockCallback& callback, const ProgressMonitor& progress) const {
    if (source.dimension() != d_)
        throw InputError(source.label(), "the features have D = " + std::to_string(source.dimension()) + " columns but the centroids have D = " +
                                             std::to_string(d_));
    Assignments block;
    FeatureBlocks(source, blockRows_, offset_).forEach(
        [&](std::size_t first, std::size_t count, const float* rows) {
            block.labels.resize(count);
            block.distances.resize(count);
            block.secondDistances.resize(count);
            search_->nearest(rows, count, block.labels.data(), block.distances.data(), block.secondDistances.data());
            callback(first, block);
        },
        progress);
}

Assignments ClusterAssigner::assign(const FeatureSource& source, const ProgressMonitor& progress) const {
    Assignments all;
    all.labels.reserve(source.rowCount());
    all.distances.reserve(source.rowCount());
    all.secondDistances.reserve(source.rowCount());
    forEachBlock(
        source,
        [&all](std::size_t, const Assignments& block) {
            all.labels.insert(all.labels.end(), block.labels.begin(), block.labels.end());
            all.distances.insert(all.distances.end(), block.distances.begin(), block.distances.end());
            all.secondDistances.insert(all.secondDistances.end(), block.secondDistances.begin(), block.secondDistances.end());
        },
        progress);
    return all;
}

}  // namespace m2ds
