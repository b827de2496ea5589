#pragma once
// Internal to core/probe: the nested cross-validation that LayerProbe and WeightedSumProbe share, written once over a
// Fitter that knows its data and model:
//   Data                        what a fit reads (standardised rows)
//   Model                       what a fit returns
//   std::pair<Data, Data> standardised(const std::vector<char>& heldOut) const   training and held-out rows of a fold
//   Data select(const Data& data, const std::vector<char>& keep) const          the kept rows, in order
//   Model fit(const Data& data, const std::vector<int>& labels, double c, const Model* start, int threads) const
//   std::vector<int> predict(const Model& model, const Data& data, int threads) const
// (threads: LibTorch CPU threads the call may use; fits run side by side on the probe's threads.)
#include <algorithm>
#include <cmath>
#include <mutex>
#include <tuple>
#include <numeric>
#include <string>
#include <vector>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "probe/LayerProbe.h"
#include "probe/ProbeMetrics.h"
#include "probe/ProbeTaskPool.h"

namespace m2ds::probe {

/// Mean and population standard deviation (ddof 0).
inline std::pair<double, double> meanAndStd(const std::vector<double>& values) {
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    double squares = 0.0;
    for (double v : values) squares += (v - mean) * (v - mean);
    return {mean, std::sqrt(squares / double(values.size()))};
}

inline std::vector<int> labelsWhere(const std::vector<int>& labels, const std::vector<char>& keep, bool kept) {
    std::vector<int> out;
    for (std::size_t r = 0; r < labels.size(); ++r)
        if (bool(keep[r]) == kept) out.push_back(labels[r]);
    return out;
}

/// Counts fits done across the whole probe and reports their fraction (from any thread, never going back).
class FitProgress {
public:
    FitProgress(const ProgressMonitor* monitor, std::size_t total) : monitor_(monitor), total_(std::max<std::size_t>(1, total)) {}
    void fitted() {
        if (monitor_ == nullptr) return;
        const std::lock_guard<std::mutex> lock(mutex_);
        monitor_->report(double(++done_) / double(total_));
    }
    void throwIfCancelled() const {
        if (monitor_ != nullptr) monitor_->throwIfCancelled();
    }

private:
    const ProgressMonitor* monitor_;
    std::size_t total_;
    std::size_t done_ = 0;
    std::mutex mutex_;
};

/// One outer fold's rows: standardised on its training rows, and the inner folds over those.
template <typename Fitter>
struct OuterFold {
    typename Fitter::Data train, test;
    std::vector<int> trainLabels, testLabels;
    ProbeFolds inner;
};

/// The grid's C in increasing order (indices into the grid; equal values keep grid order).
inline std::vector<std::size_t> increasingGrid(const std::vector<double>& grid) {
    std::vector<std::size_t> order(grid.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return grid[a] < grid[b]; });
    return order;
}

/// The inner CV of one (outer fold, inner fold): fits along increasing C, each from the previous one's optimum.
template <typename Fitter>
struct InnerChain {
    std::vector<double> accuracy;                 ///< [grid] held-out accuracy of the inner fold
    std::vector<typename Fitter::Model> models;   ///< [grid] the fits (kept for the first inner fold only: warm starts)
};

template <typename Fitter>
InnerChain<Fitter> runInnerChain(const Fitter& fitter, const OuterFold<Fitter>& fold, int j, const ProbeSettings& settings, int threads,
                                 FitProgress& progress) {
    const std::vector<double>& grid = settings.regularisationGrid;
    const std::vector<char> validation = fold.inner.heldOut(j);
    std::vector<char> fitting(validation.size());
    for (std::size_t r = 0; r < fitting.size(); ++r) fitting[r] = !validation[r];
    const auto fitData = fitter.select(fold.train, fitting);
    const auto validationData = fitter.select(fold.train, validation);
    const std::vector<int> fitLabels = labelsWhere(fold.trainLabels, validation, false);
    const std::vector<int> validationLabels = labelsWhere(fold.trainLabels, validation, true);
    InnerChain<Fitter> chain{std::vector<double>(grid.size(), 0.0), std::vector<typename Fitter::Model>(j == 0 ? grid.size() : 0)};
    typename Fitter::Model model;
    bool warm = false;
    for (std::size_t g : increasingGrid(grid)) {
        progress.throwIfCancelled();
        model = fitter.fit(fitData, fitLabels, grid[g], warm ? &model : nullptr, threads);
        warm = true;
        chain.accuracy[g] = ProbeMetrics::accuracy(validationLabels, fitter.predict(model, validationData, threads));
        if (j == 0) chain.models[g] = model;
        progress.fitted();
    }
    return chain;
}

/// Outcome of one outer fold.
template <typename Fitter>
struct FoldResult {
    double accuracy = 0.0, macroF1 = 0.0, c = 0.0;
    typename Fitter::Model model;
};

/// Every outer fold: standardise, choose C (the grid's best mean inner accuracy, the first in grid order on a tie, as
/// GridSearchCV), refit from the first inner fold's fit at that C, score the held-out rows. The folds are prepared,
/// the inner chains run and the refits made side by side on settings.threads threads.
template <typename Fitter>
std::vector<FoldResult<Fitter>> crossValidate(const Fitter& fitter, const std::vector<int>& labels, int classes, const ProbeFolds& folds,
                                              const ProbeSettings& settings, const ProgressMonitor* monitor) {
    const std::size_t outer = std::size_t(folds.count());
    const bool chooseC = settings.regularisationGrid.size() > 1;
    const std::size_t inner = chooseC ? std::size_t(settings.innerFolds) : 0;
    FitProgress progress(monitor, outer * (inner * settings.regularisationGrid.size() + 1));
    std::vector<OuterFold<Fitter>> data(outer);
    runProbeTasks(outer, settings.threads, [&](std::size_t f, int) {
        progress.throwIfCancelled();
        const std::vector<char> heldOut = folds.heldOut(int(f));
        std::tie(data[f].train, data[f].test) = fitter.standardised(heldOut);
        data[f].trainLabels = labelsWhere(labels, heldOut, false);
        data[f].testLabels = labelsWhere(labels, heldOut, true);
        if (chooseC) data[f].inner = LayerProbe::innerFolds(labels, folds, int(f), settings);
    });
    std::vector<InnerChain<Fitter>> chains(outer * inner);
    runProbeTasks(chains.size(), settings.threads, [&](std::size_t task, int threads) {
        const OuterFold<Fitter>& fold = data[task / inner];
        if (int(task % inner) >= fold.inner.count()) {  // a small training set split into fewer inner folds
            for (std::size_t g = 0; g < settings.regularisationGrid.size(); ++g) progress.fitted();
            return;
        }
        chains[task] = runInnerChain(fitter, fold, int(task % inner), settings, threads, progress);
    });
    std::vector<FoldResult<Fitter>> results(outer);
    runProbeTasks(outer, settings.threads, [&](std::size_t f, int threads) {
        progress.throwIfCancelled();
        const typename Fitter::Model* start = nullptr;
        std::size_t best = 0;
        if (chooseC) {
            std::vector<double> mean(settings.regularisationGrid.size(), 0.0);
            const std::size_t used = std::size_t(data[f].inner.count());
            for (std::size_t j = 0; j < used; ++j)
                for (std::size_t g = 0; g < mean.size(); ++g) mean[g] += chains[f * inner + j].accuracy[g] / double(used);
            best = std::size_t(std::max_element(mean.begin(), mean.end()) - mean.begin());
            start = &chains[f * inner].models[best];
        }
        FoldResult<Fitter>& result = results[f];
        result.c = settings.regularisationGrid[best];
        result.model = fitter.fit(data[f].train, data[f].trainLabels, result.c, start, threads);
        progress.fitted();
        const std::vector<int> predicted = fitter.predict(result.model, data[f].test, threads);
        result.accuracy = ProbeMetrics::accuracy(data[f].testLabels, predicted);
        result.macroF1 = ProbeMetrics::macroF1(data[f].testLabels, predicted, classes);
    });
    return results;
}

/// Checks shared by both probes: labels [n] in [0, classes) over the folds' n rows, and the settings.
void checkProbeInputs(std::size_t rows, const std::vector<int>& labels, int classes, const ProbeFolds& folds, const ProbeSettings& settings);

/// Mean ± std over folds of the fold results, with the C of each.
template <typename Fitter>
ProbeScore summarise(const std::vector<FoldResult<Fitter>>& results) {
    ProbeScore score;
    for (const auto& result : results) {
        score.foldAccuracy.push_back(result.accuracy);
        score.foldMacroF1.push_back(result.macroF1);
        score.chosenC.push_back(result.c);
    }
    std::tie(score.accuracy, score.accuracyStd) = meanAndStd(score.foldAccuracy);
    std::tie(score.macroF1, score.macroF1Std) = meanAndStd(score.foldMacroF1);
    return score;
}

}  // namespace m2ds::probe
