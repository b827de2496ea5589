#include "cluster/LloydKMeans.h"

#include <algorithm>
#include <queue>

#include "cluster/CentredFeatures.h"
#include "cluster/CentroidSearch.h"
#include "cluster/KMeansPlusPlus.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

constexpr std::uint64_t kLloydInitStream = 0x6c6c6f7964;  // "lloyd"

/// One E-step over all rows and the float64 sums of the M-step.
struct LloydPass {
    std::vector<double> sums;    ///< [K, D]
    std::vector<double> counts;  ///< [K]
    double inertia = 0.0;
};

LloydPass assignAndSum(const CentredFeatures& features, const CentroidSearch& search, std::vector<std::int32_t>& labels,
                       std::vector<float>& distances, const ProgressMonitor& progress) {
    const std::size_t k = search.centroidCount(), d = features.dimension();
    LloydPass pass{std::vector<double>(k * d, 0.0), std::vector<double>(k, 0.0), 0.0};
    features.blocks().forEach(
        [&](std::size_t first, std::size_t count, const float* rows) {
            search.nearest(rows, count, labels.data() + first, distances.data() + first);
            for (std::size_t i = 0; i < count; ++i) {  // in row order, so the sums do not depend on the block size
                const auto label = static_cast<std::size_t>(labels[first + i]);
                double* sum = pass.sums.data() + label * d;
                for (std::size_t j = 0; j < d; ++j) sum[j] += rows[i * d + j];
                pass.counts[label] += 1.0;
                pass.inertia += distances[first + i];
            }
        },
        progress);
    return pass;
}

/// The `count` rows of largest distance, farthest first (ties: lower row first).
std::vector<std::size_t> farthestRows(const std::vector<float>& distances, std::size_t count) {
    auto nearerFirst = [&distances](std::size_t a, std::size_t b) { return distances[a] > distances[b] || (distances[a] == distances[b] && a < b); };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(nearerFirst)> kept(nearerFirst);  // top = nearest kept
    for (std::size_t row = 0; row < distances.size(); ++row) {
        kept.push(row);
        if (kept.size() > count) kept.pop();
    }
    std::vector<std::size_t> rows;
    for (; !kept.empty(); kept.pop()) rows.push_back(kept.top());
    std::reverse(rows.begin(), rows.end());
    return rows;
}

/// sklearn's _relocate_empty_clusters_dense: each empty cluster takes one of the rows farthest from their centre,
/// which leaves its old cluster's sums. Returns whether anything moved.
bool relocateEmptyClusters(LloydPass& pass, const CentredFeatures& features, const std::vector<std::int32_t>& labels,
                           const std::vector<float>& distances) {
    std::vector<std::size_t> empty;
    for (std::size_t c = 0; c < pass.counts.size(); ++c)
        if (pass.counts[c] == 0.0) empty.push_back(c);
    if (empty.empty() || *std::max_element(distances.begin(), distances.end()) == 0.0f) return false;
    const std::vector<std::size_t> far = farthestRows(distances, empty.size());
    const std::vector<float> rows = features.blocks().gather(far);
    const std::size_t d = features.dimension();
    for (std::size_t i = 0; i < empty.size(); ++i) {
        const auto from = static_cast<std::size_t>(labels[far[i]]);
        for (std::size_t j = 0; j < d; ++j) {
            pass.sums[from * d + j] -= rows[i * d + j];
            pass.sums[empty[i] * d + j] = rows[i * d + j];
        }
        pass.counts[from] -= 1.0;
        pass.counts[empty[i]] = 1.0;
    }
    return true;
}

/// Means of the pass; a cluster still empty sits on the largest one (sklearn's _average_centers).
std::vector<double> averageCentres(const LloydPass& pass, std::size_t d) {
    const auto largest = static_cast<std::size_t>(std::max_element(pass.counts.begin(), pass.counts.end()) - pass.counts.begin());
    std::vector<double> centres(pass.sums.size());
    for (std::size_t c = 0; c < pass.counts.size(); ++c)
        for (std::size_t j = 0; j < d; ++j)
            centres[c * d + j] = pass.counts[c] > 0.0 ? pass.sums[c * d + j] / pass.counts[c] : pass.sums[largest * d + j] / pass.counts[largest];
    return centres;
}

double squaredShift(const std::vector<double>& before, const std::vector<double>& after) {
    double total = 0.0;
    for (std::size_t i = 0; i < before.size(); ++i) total += (after[i] - before[i]) * (after[i] - before[i]);
    return total;
}

std::vector<std::int64_t> sizesOf(const std::vector<std::int32_t>& labels, std::size_t k) {
    std::vector<std::int64_t> sizes(k, 0);
    for (std::int32_t label : labels) ++sizes[static_cast<std::size_t>(label)];
    return sizes;
}

/// sklearn's _is_same_clustering: equal up to a renaming of the clusters.
bool sameClustering(const std::vector<std::int32_t>& a, const std::vector<std::int32_t>& b, std::size_t k) {
    std::vector<std::int32_t> mapping(k, -1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto& mapped = mapping[static_cast<std::size_t>(a[i])];
        if (mapped == -1) mapped = b[i];
        else if (mapped != b[i]) return false;
    }
    return true;
}

}  // namespace

LloydKMeans::LloydKMeans(KMeansSettings settings) : settings_(std::move(settings)) { settings_.validate(); }

KMeansResult LloydKMeans::fit(const FeatureSource& source, const ProgressMonitor& progress) const {
    const CentredFeatures features(source, settings_, progress.slice(0.0, 0.02));
    const KMeansPlusPlus seeding(static_cast<std::size_t>(settings_.k), settings_.localTrials(), settings_.device);
    const std::size_t sampleRows = settings_.initSampleRows(features.rowCount());
    KMeansResult best;
    for (int init = 0; init < settings_.nInit; ++init) {
        const double begin = 0.02 + 0.98 * init / settings_.nInit, end = 0.02 + 0.98 * (init + 1) / settings_.nInit;
        DeterministicRandom random{settings_.seed, kLloydInitStream, static_cast<std::uint64_t>(init)};
        KMeansResult result = run(features, seeding.seedFrom(features.blocks(), sampleRows, random), progress.slice(begin, end));
        if (init == 0 || (result.inertia < best.inertia && !sameClustering(result.labels, best.labels, result.clusterSizes.size()))) {
            result.bestInit = init;
            best = std::move(result);
        }
    }
    return best;
}

KMeansResult LloydKMeans::fitFrom(const FeatureSource& source, const FloatArray& initial, const ProgressMonitor& progress) const {
    const CentredFeatures features(source, settings_, progress.slice(0.0, 0.02));
    std::vector<double> centres = features.centre(initial);
    if (initial.shape[0] != static_cast<std::size_t>(settings_.k))
        throw InvalidArgument("initial centroids have " + std::to_string(initial.shape[0]) + " rows for k = " + std::to_string(settings_.k));
    return run(features, std::move(centres), progress.slice(0.02, 1.0));
}

KMeansResult LloydKMeans::run(const CentredFeatures& features, std::vector<double> centres, const ProgressMonitor& progress) const {
    const std::size_t n = features.rowCount(), d = features.dimension(), k = centres.size() / d;
    CentroidSearch search(settings_.device, d);
    std::vector<std::int32_t> labels(n, -1), previous(n, -1);
    std::vector<float> distances(n);
    KMeansResult result;
    bool final = false;  // labels and distances belong to the final centres
    double inertia = 0.0;
    for (int iteration = 0; iteration < settings_.maxIter; ++iteration) {
        search.setCentroids(centres);
        const ProgressMonitor passProgress = progress.slice(double(iteration) / settings_.maxIter, double(iteration + 1) / settings_.maxIter);
        LloydPass pass = assignAndSum(features, search, labels, distances, passProgress);
        relocateEmptyClusters(pass, features, labels, distances);
        std::vector<double> updated = averageCentres(pass, d);
        const double shift = squaredShift(centres, updated);
        final = updated == centres;
        inertia = pass.inertia;
        centres = std::move(updated);
        result.iterations = iteration + 1;
        if (labels == previous || shift <= features.tolerance()) {  // strict convergence, or within tol (sklearn's order)
            result.converged = true;
            break;
        }
        previous.swap(labels);
    }
    if (!result.converged) previous.swap(labels);  // the loop left the latest labels in `previous`
    if (!final) {  // sklearn's closing E-step: labels (and inertia) that match the returned centres
        search.setCentroids(centres);
        inertia = assignAndSum(features, search, labels, distances, {}).inertia;
    }
    result.centroids = features.uncentre(centres);
    result.clusterSizes = sizesOf(labels, k);
    result.inertia = inertia;
    result.steps = result.iterations;
    result.labels = std::move(labels);
    return result;
}

}  // namespace m2ds
