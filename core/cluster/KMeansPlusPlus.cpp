#include "cluster/KMeansPlusPlus.h"

#include <algorithm>
#include <numeric>
#include <torch/torch.h>

#include "cluster/ClusterTensors.h"
#include "features/FeatureBlocks.h"
#include "cluster/RandomRows.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

/// Running sums of the squared distances in float64 (numpy's stable_cumsum).
std::vector<double> cumulativeSums(const at::Tensor& closest) {
    const at::Tensor host = closest.to(torch::kCPU, torch::kDouble).contiguous();
    const double* values = host.data_ptr<double>();
    std::vector<double> sums(static_cast<std::size_t>(host.numel()));
    std::partial_sum(values, values + sums.size(), sums.begin());
    return sums;
}

/// `trials` rows drawn with probability ∝ their squared distance: searchsorted(cumsum, u · potential), clipped.
std::vector<int64_t> drawCandidates(const std::vector<double>& cumulative, double potential, int trials, DeterministicRandom& random) {
    std::vector<int64_t> candidates(static_cast<std::size_t>(trials));
    for (int64_t& candidate : candidates) {
        const double target = uniformUnit(random) * potential;
        const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin();
        candidate = std::min<int64_t>(at, static_cast<int64_t>(cumulative.size()) - 1);
    }
    return candidates;
}

}  // namespace

KMeansPlusPlus::KMeansPlusPlus(std::size_t k, int trials, std::string device) : k_(k), trials_(trials), device_(std::move(device)) {
    if (k_ == 0) throw InvalidArgument("k-means++ needs k >= 1");
    if (trials_ < 1) throw InvalidArgument("k-means++ needs at least one local trial, got " + std::to_string(trials_));
}

std::vector<std::size_t> KMeansPlusPlus::chooseRows(const float* sample, std::size_t n, std::size_t d, DeterministicRandom& random) const {
    if (n < k_) throw InvalidArgument("k-means++ cannot choose " + std::to_string(k_) + " centres from " + std::to_string(n) + " rows");
    torch::NoGradGuard noGrad;
    const at::Tensor x = cluster::rowsOnDevice(sample, n, d, cluster::clusterDevice(device_));
    const at::Tensor norms = cluster::squaredRowNorms(x);
    std::vector<std::size_t> chosen{random.index(n)};
    const auto first = static_cast<int64_t>(chosen.front());
    at::Tensor closest = cluster::squaredDistances(x, norms, x.narrow(0, first, 1), norms.narrow(0, first, 1)).select(1, 0).contiguous();
    double potential = closest.sum(torch::kDouble).item<double>();
    while (chosen.size() < k_) {
        const std::vector<int64_t> candidates = drawCandidates(cumulativeSums(closest), potential, trials_, random);
        const at::Tensor ids = torch::tensor(candidates, torch::kLong).to(x.device());
        const at::Tensor trial = at::minimum(cluster::squaredDistances(x, norms, x.index_select(0, ids), norms.index_select(0, ids)),
                                             closest.unsqueeze(1));
        const at::Tensor potentials = trial.sum(0, /*keepdim=*/false, torch::kDouble).to(torch::kCPU).contiguous();
        const double* values = potentials.data_ptr<double>();
        const auto best = static_cast<std::size_t>(std::min_element(values, values + candidates.size()) - values);  // first minimum
        potential = values[best];
        closest = trial.select(1, static_cast<int64_t>(best)).contiguous();
        chosen.push_back(static_cast<std::size_t>(candidates[best]));
    }
    return chosen;
}

FloatArray KMeansPlusPlus::choose(const FloatArray& sample, DeterministicRandom& random) const {
    if (sample.shape.size() != 2) throw InvalidArgument("k-means++ needs a [n, D] sample");
    const std::size_t d = sample.shape[1];
    FloatArray centres{{k_, d}, std::vector<float>(k_ * d)};
    const std::vector<std::size_t> rows = chooseRows(sample.values.data(), sample.shape[0], d, random);
    for (std::size_t c = 0; c < k_; ++c)
        std::copy_n(sample.values.begin() + static_cast<std::ptrdiff_t>(rows[c] * d), d, centres.values.begin() + static_cast<std::ptrdiff_t>(c * d));
    return centres;
}

std::vector<double> KMeansPlusPlus::seedFrom(const FeatureBlocks& blocks, std::size_t sampleRows, DeterministicRandom& random) const {
    const std::size_t n = blocks.rowCount();
    const std::size_t d = blocks.dimension();
    std::vector<std::size_t> rows(n);
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    if (sampleRows < n) rows = randomRows(random, n, sampleRows);
    const std::vector<float> sample = blocks.gather(rows);
    std::vector<double> centres;
    centres.reserve(k_ * d);
    for (std::size_t row : chooseRows(sample.data(), rows.size(), d, random))
        centres.insert(centres.end(), sample.begin() + static_cast<std::ptrdiff_t>(row * d),
                       sample.begin() + static_cast<std::ptrdiff_t>((row + 1) * d));
    return centres;
}

}  // namespace m2ds
