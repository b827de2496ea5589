#include "cluster/MiniBatchKMeans.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cluster/CentredFeatures.h"
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

/// The per-centre learning-rate update (_minibatch_update_dense): counts and centres in float64.
void updateCentres(std::vector<double>& centres, std::vector<double>& counts, const std::vector<float>& rows,
                   const std::vector<std::int32_t>& labels, std::size_t d) {
    const std::size_t k = counts.size();
    std::vector<double> sums(k * d, 0.0), members(k, 0.0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto label = static_cast<std::size_t>(labels[i]);
        for (std::size_t j = 0; j < d; ++j) sums[label * d + j] += rows[i * d + j];
        members[label] += 1.0;
    }
    for (std::size_t c = 0; c < k; ++c) {
        if (members[c] == 0.0) continue;
        const double total = counts[c] + members[c];
        for (std::size_t j = 0; j < d; ++j) centres[c * d + j] = (centres[c * d + j] * counts[c] + sums[c * d + j]) / total;
        counts[c] = total;
    }
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

MiniBatchKMeans::MiniBatchKMeans(KMeansSettings settings) : settings_(std::move(settings)) { settings_.validate(); }

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

KMeansResult MiniBatchKMeans::optimise(const CentredFeatures& features, std::vector<double> centres, const ProgressMonitor& progress) const {
    const std::size_t n = features.rowCount(), d = features.dimension(), k = centres.size() / d;
    const std::size_t batch = std::min<std::size_t>(static_cast<std::size_t>(settings_.batchSize), n);
    const auto steps = static_cast<std::int64_t>(static_cast<std::size_t>(settings_.maxIter) * n / batch);
    CentroidSearch search(settings_.device, d);
    DeterministicRandom random{settings_.seed, kBatchStream};
    EarlyStopping stopping(settings_, n, batch, features.tolerance());
    std::vector<double> counts(k, 0.0);
    std::vector<std::int32_t> labels(batch);
    std::vector<float> distances(batch);
    std::size_t sinceReassignment = 0;
    KMeansResult result;
    for (std::int64_t step = 0; step < steps; ++step) {
        const std::vector<float> rows = features.blocks().gather(randomRows(random, n, batch));
        sinceReassignment += batch;  // sklearn's _random_reassign: due every 10·k rows, or while a centre is unused
        const bool reassign = std::find(counts.begin(), counts.end(), 0.0) != counts.end() || sinceReassignment >= 10 * k;
        if (reassign) sinceReassignment = 0;
        search.setCentroids(centres);
        search.nearest(rows.data(), batch, labels.data(), distances.data());
        const std::vector<double> before = settings_.tol > 0.0 ? centres : std::vector<double>{};
        updateCentres(centres, counts, rows, labels, d);
        if (reassign && settings_.reassignmentRatio > 0.0) reassignLowCounts(centres, counts, rows, batch, settings_.reassignmentRatio, d, random);
        double change = 0.0;
        for (std::size_t i = 0; i < before.size(); ++i) change += (centres[i] - before[i]) * (centres[i] - before[i]);
        result.steps = step + 1;
        if (stopping.stop(step, std::accumulate(distances.begin(), distances.end(), 0.0), change)) {
            result.converged = true;
            break;
        }
        progress.report(0.95 * static_cast<double>(step + 1) / static_cast<double>(steps));
    }
    result.iterations = static_cast<int>((static_cast<std::size_t>(result.steps) * batch + n - 1) / n);
    result.centroids = features.uncentre(centres);
    search.setCentroids(centres);
    result.clusterSizes.assign(k, 0);
    features.blocks().forEach(
        [&](std::size_t, std::size_t count, const float* block) {
            labels.resize(count);
            distances.resize(count);
            search.nearest(block, count, labels.data(), distances.data());
            for (std::size_t i = 0; i < count; ++i) ++result.clusterSizes[static_cast<std::size_t>(labels[i])];
            result.inertia += std::accumulate(distances.begin(), distances.end(), 0.0);
        },
        progress.slice(0.95, 1.0));
    return result;
}

}  // namespace m2ds
