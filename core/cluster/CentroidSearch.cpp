#include "cluster/CentroidSearch.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <torch/torch.h>

#include "cluster/ClusterTensors.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

// Distance matrices are built for at most this many (row, centroid) pairs at a time (32 MiB of float32).
constexpr std::size_t kMaxPairsPerChunk = std::size_t{1} << 23;

void copyOut(const at::Tensor& tensor, void* out, std::size_t bytes) {
    const at::Tensor host = tensor.to(torch::kCPU).contiguous();
    std::memcpy(out, host.data_ptr(), bytes);
}

}  // namespace

struct CentroidSearch::Impl {
    c10::Device device;
    std::size_t dimension;
    at::Tensor centroids;  ///< [k, D] float32 on device
    at::Tensor norms;      ///< [k]

    /// For x [n, D] on the device: the k columns of −2x·c + ||c||² (the row norm, equal for all, added later).
    at::Tensor partialDistances(const at::Tensor& x) const { return at::addmm(norms.unsqueeze(0), x, centroids.t(), 1, -2); }
    void nearestChunk(const float* rows, std::size_t count, std::int32_t* labels, float* distances, float* second) const;
};

CentroidSearch::CentroidSearch(const std::string& device, std::size_t dimension)
    : impl_(std::make_unique<Impl>(Impl{cluster::clusterDevice(device), dimension, {}, {}})) {
    if (dimension == 0) throw InvalidArgument("centroid search needs D >= 1");
}

CentroidSearch::~CentroidSearch() = default;
CentroidSearch::CentroidSearch(CentroidSearch&&) noexcept = default;
CentroidSearch& CentroidSearch::operator=(CentroidSearch&&) noexcept = default;

void CentroidSearch::setCentroids(const float* centroids, std::size_t k) {
    if (k == 0) throw InvalidArgument("centroid search needs at least one centroid");
    impl_->centroids = cluster::rowsOnDevice(centroids, k, impl_->dimension, impl_->device).clone();
    impl_->norms = cluster::squaredRowNorms(impl_->centroids);
}

void CentroidSearch::setCentroids(const std::vector<double>& centroids) {
    const std::vector<float> rounded(centroids.begin(), centroids.end());
    setCentroids(rounded.data(), rounded.size() / impl_->dimension);
}

std::size_t CentroidSearch::centroidCount() const {
    return impl_->centroids.defined() ? static_cast<std::size_t>(impl_->centroids.size(0)) : 0;
}

void CentroidSearch::Impl::nearestChunk(const float* rows, std::size_t count, std::int32_t* labels, float* distances, float* second) const {
    const at::Tensor x = cluster::rowsOnDevice(rows, count, dimension, device);
    const at::Tensor rowNorms = cluster::squaredRowNorms(x);
    const at::Tensor partial = partialDistances(x);
    at::Tensor best, bestIndex, runnerUp;
    if (second != nullptr && centroids.size(0) >= 2) {
        const auto top = partial.topk(2, /*dim=*/1, /*largest=*/false, /*sorted=*/true);
        best = std::get<0>(top).select(1, 0);
        runnerUp = std::get<0>(top).select(1, 1).add(rowNorms).clamp_min_(0);
        bestIndex = std::get<1>(top).select(1, 0);
    } else {
        std::tie(best, bestIndex) = partial.min(1);
    }
    if (distances != nullptr) copyOut(best.add(rowNorms).clamp_min_(0), distances, count * sizeof(float));
    if (labels != nullptr) copyOut(bestIndex.to(torch::kInt), labels, count * sizeof(std::int32_t));
    if (second != nullptr && runnerUp.defined()) copyOut(runnerUp, second, count * sizeof(float));
    if (second != nullptr && !runnerUp.defined()) std::fill(second, second + count, std::numeric_limits<float>::infinity());
}

void CentroidSearch::nearest(const float* rows, std::size_t count, std::int32_t* labels, float* distances, float* second) const {
    if (!impl_->centroids.defined()) throw InvalidArgument("centroid search: no centroids set");
    const std::size_t chunk = std::max<std::size_t>(1, kMaxPairsPerChunk / centroidCount());
    for (std::size_t first = 0; first < count; first += chunk) {
        const std::size_t n = std::min(chunk, count - first);
        impl_->nearestChunk(rows + first * impl_->dimension, n, labels ? labels + first : nullptr, distances ? distances + first : nullptr,
                            second ? second + first : nullptr);
    }
}

}  // namespace m2ds
