#include "cluster/ClusterQuality.h"

#include <cmath>
#include <map>
#include <numeric>
#include <utility>

#include "common/Errors.h"

namespace m2ds {
namespace {

/// Joint and marginal frame counts of (y, z).
struct JointCounts {
    std::map<std::pair<std::int32_t, std::int32_t>, double> joint;
    std::map<std::int32_t, double> labels, clusters;
};

JointCounts countPairs(const std::vector<std::int32_t>& y, const std::vector<std::int32_t>& z) {
    JointCounts counts;
    for (std::size_t i = 0; i < y.size(); ++i) {
        counts.joint[{y[i], z[i]}] += 1.0;
        counts.labels[y[i]] += 1.0;
        counts.clusters[z[i]] += 1.0;
    }
    return counts;
}

}  // namespace

double ClusterQuality::inertia(const std::vector<float>& squaredDistances) {
    return std::accumulate(squaredDistances.begin(), squaredDistances.end(), 0.0);
}

std::vector<std::int64_t> ClusterQuality::clusterSizes(const std::vector<std::int32_t>& labels, std::size_t k) {
    std::vector<std::int64_t> sizes(k, 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= k)
            throw InvalidArgument("cluster label " + std::to_string(labels[i]) + " of frame " + std::to_string(i) + " is outside [0, " +
                                  std::to_string(k) + ")");
        ++sizes[static_cast<std::size_t>(labels[i])];
    }
    return sizes;
}

LabelAgreement ClusterQuality::agreement(const std::vector<std::int32_t>& referenceLabels, const std::vector<std::int32_t>& clusterLabels) {
    if (referenceLabels.size() != clusterLabels.size())
        throw InvalidArgument("cluster quality needs one reference label per frame: " + std::to_string(referenceLabels.size()) +
                              " labels for " + std::to_string(clusterLabels.size()) + " clustered frames");
    if (referenceLabels.empty()) throw InvalidArgument("cluster quality needs at least one labelled frame");
    const JointCounts counts = countPairs(referenceLabels, clusterLabels);
    const double n = static_cast<double>(referenceLabels.size());
    std::map<std::int32_t, double> bestLabelOfCluster, bestClusterOfLabel;
    LabelAgreement result;
    for (const auto& [pair, count] : counts.joint) {
        bestLabelOfCluster[pair.second] = std::max(bestLabelOfCluster[pair.second], count);
        bestClusterOfLabel[pair.first] = std::max(bestClusterOfLabel[pair.first], count);
        const double p = count / n;
        result.mutualInformation += p * std::log(p / ((counts.labels.at(pair.first) / n) * (counts.clusters.at(pair.second) / n)));
    }
    for (const auto& [label, count] : counts.labels) result.labelEntropy -= (count / n) * std::log(count / n);
    auto sumOf = [](const std::map<std::int32_t, double>& best) {
        return std::accumulate(best.begin(), best.end(), 0.0, [](double total, const auto& item) { return total + item.second; });
    };
    result.frames = referenceLabels.size();
    result.labelClasses = counts.labels.size();
    result.clusterClasses = counts.clusters.size();
    result.phonePurity = sumOf(bestLabelOfCluster) / n;
    result.clusterPurity = sumOf(bestClusterOfLabel) / n;
    result.pnmi = result.labelEntropy > 0.0 ? result.mutualInformation / result.labelEntropy : 0.0;
    return result;
}

}  // namespace m2ds
