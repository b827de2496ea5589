#include "cluster/MiniBatchKMeans.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cluster/CentredFeatures.h"
#include "cluster/ClusterCollective.h"
#include "cluster/CentroidSearch.h"
#include "cluster/KMeansPlusPlus.h"
#include "cluster/RandomRows.h"
#include "common/Errors.h"

namespace m2ds {
namespace {

constexpr std::uint64_t kValidationStream = 0x76616c6964;  // "valid"
constexpr std::uint64_t kSeedingStream = 0x696e6974;       // "init"
constexpr std::uint64_t kBatchStream = 0x6261746368;       // "batch"

/// Sum of squared distances of `count` rows to their nearest centre.
double inertiaOf(const CentroidSearch& search, const std::vector<float>& rows, std::size_t count) {
    std::vector<float> distances(count);
    search.nearest(rows.data(), count, nullptr, distances.data());
    return std::accumulate(distances.begin(), distances.end(), 0.0);
}

/// sklearn's _mini_batch_convergence: the smoothed batch inertia and the early-stopping decision.
class EarlyStopping {
public:
    EarlyStopping(const KMeansSettings& settings, std::size_t rows, std::size_t batch, double tolerance)
        : alpha_(std::min(2.0 * static_cast<double>(batch) / static_cast<double>(rows + 1), 1.0)),
          batch_(static_cast<double>(batch)), tolerance_(tolerance), patience_(settings.maxNoImprovement) {}

    /// After step `step` (0-based) with the batch's inertia and the total squared centre change: stop now?
    bool stop(std::int64_t step, double batchInertia, double centreChange) {
        const double perRow = batchInertia / batch_;
        if (step == 0) return false;  // the first batch measures the initialisation
        ewa_ = step == 1 ? perRow : ewa_ * (1.0 - alpha_) + perRow * alpha_;
        if (tolerance_ > 0.0 && centreChange <= tolerance_) return true;
        if (step == 1 || ewa_ < ewaMin_) {
            ewaMin_ = ewa_;
            noImprovement_ = 0;
        } else {
            ++noImprovement_;
        }
        return patience_ >= 0 && noImprovement_ >= patience_;
    }

private:
    double alpha_, batch_, tolerance_;
    int patience_;
    double ewa_ = 0.0, ewaMin_ = 0.0;
    int noImprovement_ = 0;
};

/// One process's share of a mini-batch: float64 sums [K, D], member counts [K] and the share's inertia, packed in one
/// vector so that the processes of a job add them up in one collective.
struct BatchSums {
    std::vector<double> packed;  ///< [K·D sums | K members | inertia]

    /// rows: [count, D] float32 with their labels and squared distances [count].
    BatchSums(const float* rows, const std::vector<std::int32_t>& labels, const std::vector<float>& distances, std::size_t count,
              std::size_t k, std::size_t d)
        : packed(k * d + k + 1, 0.0) {
        for (std::size_t i = 0; i < count; ++i) {
            const auto label = static_cast<std::size_t>(labels[i]);
            for (std::size_t j = 0; j < d; ++j) packed[label * d + j] += rows[i * d + j];
            packed[k * d + label] += 1.0;
            packed.back() += distances[i];
        }
    }
    double inertia() const { return packed.back(); }
};

/// The per-centre learning-rate update (_minibatch_update_dense): counts and centres in float64.
void updateCentres(std::vector<double>& centres, std::vector<double>& counts, const BatchSums& batch, std::size_t d) {
    const std::size_t k = counts.size();
    for (std::size_t c = 0; c < k; ++c) {
        const double members = batch.packed[k * d + c];
        if (members == 0.0) continue;
        const double total = counts[c] + members;
        for (std::size_t j = 0; j < d; ++j) centres[c * d + j] = (centres[c * d + j] * counts[c] + batch.packed[c * d + j]) / total;
        counts[c] = total;
    }
}

/// This process's share [first, first + count) of `rows` rows: contiguous, the whole for a single process.
std::pair<std::size_t, std::size_t> shareOf(std::size_t rows, const ClusterCollective* collective) {
    if (!collective) return {0, rows};
    const auto world = static_cast<std::size_t>(collective->worldSize()), rank = static_cast<std::size_t>(collective->rank());
    const std::size_t first = rows * rank / world;
    return {first, rows * (rank + 1) / world - first};
}

/// sklearn's random reassignment of low-count centres to distinct rows of the batch.
void reassignLowCounts(std::vector<double>& centres, std::vector<double>& counts, const std::vector<float>& rows, std::size_t batch,
                       double ratio, std::size_t d, DeterministicRandom& random) {
    const double threshold = ratio * *std::max_element(counts.begin(), counts.end());
    std::vector<bool> moved(counts.size());
    for (std::size_t c = 0; c < counts.size(); ++c) moved[c] = counts[c] < threshold;
    const auto limit = static_cast<std::size_t>(0.5 * static_cast<double>(batch));
    if (static_cast<std::size_t>(std::count(moved.begin(), moved.end(), true)) > limit) {  // keep the smallest counts only
        std::vector<std::size_t> order(counts.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&counts](std::size_t a, std::size_t b) { return counts[a] < counts[b]; });
        for (std::size_t i = limit; i < order.size(); ++i) moved[order[i]] = false;
    }
    std::vector<std::size_t> pool(batch);  // distinct batch rows by a partial Fisher-Yates shuffle
    std::iota(pool.begin(), pool.end(), std::size_t{0});
    double smallestKept = -1.0;
    for (std::size_t c = 0, taken = 0; c < counts.size(); ++c) {
        if (!moved[c]) {
            smallestKept = smallestKept < 0.0 ? counts[c] : std::min(smallestKept, counts[c]);
            continue;
        }
        std::swap(pool[taken], pool[taken + random.index(batch - taken)]);
        std::copy_n(rows.begin() + static_cast<std::ptrdiff_t>(pool[taken++] * d), d, centres.begin() + static_cast<std::ptrdiff_t>(c * d));
    }
    for (std::size_t c = 0; c < counts.size(); ++c)
        if (moved[c] && smallestKept >= 0.0) counts[c] = smallestKept;
}

}  // namespace

MiniBatchKMeans::MiniBatchKMeans(KMeansSettings settings, ClusterCollective* collective)
    : settings_(std::move(settings)), collective_(collective) {
    settings_.validate();
}

KMeansResult MiniBatchKMeans::fit(const FeatureSource& source, const ProgressMonitor& progress) const {
    const CentredFeatures features(source, settings_, progress.slice(0.0, 0.02));
    const std::size_t n = features.rowCount(), sampleRows = settings_.initSampleRows(n);
    DeterministicRandom validationRandom{settings_.seed, kValidationStream};
    const std::vector<float> validation = features.blocks().gather(randomRows(validationRandom, n, sampleRows));
    const KMeansPlusPlus seeding(static_cast<std::size_t>(settings_.k), settings_.localTrials(), settings_.device);
    CentroidSearch search(settings_.device, features.dimension());
    std::vector<double> best;
    double bestInertia = 0.0;
    int bestInit = 0;
    for (int init = 0; init < settings_.nInit; ++init) {
        DeterministicRandom random{settings_.seed, kSeedingStream, static_cast<std::uint64_t>(init)};
        std::vector<double> centres = seeding.seedFrom(features.blocks(), sampleRows, random);
        search.setCentroids(centres);
        const double inertia = inertiaOf(search, validation, sampleRows);
        if (init == 0 || inertia < bestInertia) {
            best = std::move(centres);
            bestInertia = inertia;
            bestInit = init;
        }
        progress.report(0.02 + 0.08 * (init + 1) / settings_.nInit);
    }
    KMeansResult result = optimise(features, std::move(best), progress.slice(0.1, 1.0));
    result.bestInit = bestInit;
    return result;
}

KMeansResult MiniBatchKMeans::fitFrom(const FeatureSource& source, const FloatArray& initial, const ProgressMonitor& progress) const {
    const CentredFeatures features(source, settings_, progress.slice(0.0, 0.02));
    std::vector<double> centres = features.centre(initial);
    if (initial.shape[0] != static_cast<std::size_t>(settings_.k))
        throw InvalidArgument("initial centroids have " + std::to_string(initial.shape[0]) + " rows for k = " + std::to_string(settings_.k));
    return optimise(features, std::move(centres), progress.slice(0.02, 1.0));
}

void MiniBatchKMeans::finalPass(const CentredFeatures& features, const CentroidSearch& search, KMeansResult& result,
                                const ProgressMonitor& progress) const {
    const std::size_t k = search.centroidCount();
    std::vector<double> totals(k + 1, 0.0);  // [K sizes | inertia], this process's blocks, then summed over the job
    std::vector<std::int32_t> labels;
    std::vector<float> distances;
    std::size_t block = 0;
    const auto world = collective_ ? static_cast<std::size_t>(collective_->worldSize()) : 1, rank = collective_ ? static_cast<std::size_t>(collective_->rank()) : 0;
    features.blocks().forEach(
        [&](std::size_t, std::size_t count, const float* rows) {
            if (block++ % world != rank) return;  // blocks dealt round-robin over the processes
            labels.resize(count);
            distances.resize(count);
            search.nearest(rows, count, labels.data(), distances.data());
            for (std::size_t i = 0; i < count; ++i) totals[static_cast<std::size_t>(labels[i])] += 1.0;
            totals[k] += std::accumulate(distances.begin(), distances.end(), 0.0);
        },
        progress);
    if (collective_) collective_->sumInPlace(totals);
    result.clusterSizes.assign(k, 0);
    for (std::size_t c = 0; c < k; ++c) result.clusterSizes[c] = static_cast<std::int64_t>(totals[c]);
    result.inertia = totals[k];
}

KMeansResult MiniBatchKMeans::optimise(const CentredFeatures& features, std::vector<double> centres, const ProgressMonitor& progress) const {
    const std::size_t n = features.rowCount(), d = features.dimension(), k = centres.size() / d;
    const std::size_t batch = std::min<std::size_t>(static_cast<std::size_t>(settings_.batchSize), n);
    const auto steps = static_cast<std::int64_t>(static_cast<std::size_t>(settings_.maxIter) * n / batch);
    CentroidSearch search(settings_.device, d);
    DeterministicRandom random{settings_.seed, kBatchStream};
    EarlyStopping stopping(settings_, n, batch, features.tolerance());
    std::vector<double> counts(k, 0.0);
    const auto share = shareOf(batch, collective_);
    std::vector<std::int32_t> labels(share.second);
    std::vector<float> distances(share.second);
    std::size_t sinceReassignment = 0;
    KMeansResult result;
    for (std::int64_t step = 0; step < steps; ++step) {
        const std::vector<float> rows = features.blocks().gather(randomRows(random, n, batch));
        sinceReassignment += batch;  // sklearn's _random_reassign: due every 10·k rows, or while a centre is unused
        const bool reassign = std::find(counts.begin(), counts.end(), 0.0) != counts.end() || sinceReassignment >= 10 * k;
        if (reassign) sinceReassignment = 0;
        search.setCentroids(centres);
        search.nearest(rows.data() + share.first * d, share.second, labels.data(), distances.data());
        BatchSums sums(rows.data() + share.first * d, labels, distances, share.second, k, d);
        if (collective_) collective_->sumInPlace(sums.packed);
        const std::vector<double> before = settings_.tol > 0.0 ? centres : std::vector<double>{};
        updateCentres(centres, counts, sums, d);
        if (reassign && settings_.reassignmentRatio > 0.0) reassignLowCounts(centres, counts, rows, batch, settings_.reassignmentRatio, d, random);
        double change = 0.0;
        for (std::size_t i = 0; i < before.size(); ++i) change += (centres[i] - before[i]) * (centres[i] - before[i]);
        result.steps = step + 1;
        if (stopping.stop(step, sums.inertia(), change)) {
            result.converged = true;
            break;
        }
        progress.report(0.95 * static_cast<double>(step + 1) / static_cast<double>(steps));
    }
    result.iterations = static_cast<int>((static_cast<std::size_t>(result.steps) * batch + n - 1) / n);
    result.centroids = features.uncentre(centres);
    search.setCentroids(centres);
    finalPass(features, search, result, progress.slice(0.95, 1.0));
    return result;
}

}  // namespace m2ds
