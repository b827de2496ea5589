#include "probe/LayerProbe.h"

#include <map>
#include <string>

#include "common/DeterministicRandom.h"
#include "probe/FeatureStandardiser.h"
#include "probe/LogisticRegression.h"
#include "probe/ProbeCrossValidation.h"

namespace m2ds {
namespace {

/// LayerProbe's side of the cross-validation: one standardised matrix, a logistic regression.
class LayerFitter {
public:
    using Data = RowMatrix;
    using Model = LogisticRegression;

    LayerFitter(const RowMatrix& x, int classes, const ProbeSettings& settings) : x_(x), classes_(classes) {
        lr_.maxIterations = settings.maxIterations;
        lr_.tolerance = settings.tolerance;
        lr_.device = settings.device;
    }
    std::pair<Data, Data> standardised(const std::vector<char>& heldOut) const {
        std::vector<char> training(heldOut.size());
        for (std::size_t r = 0; r < heldOut.size(); ++r) training[r] = !heldOut[r];
        const FeatureStandardiser standardiser = FeatureStandardiser::fit(x_, training);
        return {standardiser.apply(x_, training), standardiser.apply(x_, heldOut)};
    }
    Data select(const Data& data, const std::vector<char>& keep) const {
        Data out;
        out.cols = data.cols;
        for (std::size_t r = 0; r < data.rows; ++r) {
            if (!keep[r]) continue;
            out.values.insert(out.values.end(), data.row(r), data.row(r) + data.cols);
            ++out.rows;
        }
        return out;
    }
    Model fit(const Data& data, const std::vector<int>& labels, double c, const Model* start, int threads) const {
        LogisticRegressionSettings settings = lr_;
        settings.inverseRegularisation = c;
        settings.threads = threads;
        return LogisticRegression::fit(data, labels, classes_, settings, start);
    }
    std::vector<int> predict(const Model& model, const Data& data, int /*threads*/) const { return model.predict(data); }

private:
    const RowMatrix& x_;
    int classes_;
    LogisticRegressionSettings lr_;
};

}  // namespace

void ProbeSettings::validate() const {
    if (folds < 2) throw InvalidArgument("probe: folds must be >= 2, got " + std::to_string(folds));
    if (regularisationGrid.empty()) throw InvalidArgument("probe: the C grid is empty");
    for (double c : regularisationGrid)
        if (!(c > 0.0) || !std::isfinite(c)) throw InvalidArgument("probe: every C of the grid must be positive, got " + std::to_string(c));
    if (regularisationGrid.size() > 1 && innerFolds < 2)
        throw InvalidArgument("probe: inner folds must be >= 2 to choose C, got " + std::to_string(innerFolds));
    if (maxIterations < 1) throw InvalidArgument("probe: max iterations must be >= 1, got " + std::to_string(maxIterations));
    if (!(tolerance >= 0.0)) throw InvalidArgument("probe: tolerance must be >= 0");
}

namespace probe {

void checkProbeInputs(std::size_t rows, const std::vector<int>& labels, int classes, const ProbeFolds& folds, const ProbeSettings& settings) {
    settings.validate();
    if (classes < 2) throw InvalidArgument("probe: needs at least 2 classes, got " + std::to_string(classes));
    if (labels.size() != rows)
        throw InvalidArgument("probe: " + std::to_string(labels.size()) + " labels for " + std::to_string(rows) + " embeddings");
    if (folds.foldOfRow().size() != rows)
        throw InvalidArgument("probe: folds over " + std::to_string(folds.foldOfRow().size()) + " rows for " + std::to_string(rows) + " embeddings");
    for (std::size_t r = 0; r < rows; ++r)
        if (labels[r] < 0 || labels[r] >= classes)
            throw InvalidArgument("probe: label " + std::to_string(labels[r]) + " of row " + std::to_string(r) + " outside 0.." + std::to_string(classes - 1));
}

}  // namespace probe

ProbeFolds LayerProbe::innerFolds(const std::vector<int>& labels, const ProbeFolds& folds, int fold, const ProbeSettings& settings) {
    const std::vector<char> heldOut = folds.heldOut(fold);
    const std::vector<int> trainLabels = probe::labelsWhere(labels, heldOut, false);
    const std::uint64_t seed = DeterministicRandom{settings.seed, 0x696e6e6572ull /* "inner" */, std::uint64_t(fold)}.next();
    const std::vector<int> trainGroups = folds.groupOfRow().empty() ? std::vector<int>{} : probe::labelsWhere(folds.groupOfRow(), heldOut, false);
    // A small set (a label with 4 examples, 3 speakers) still gets its C chosen: as many inner folds as it allows, down to 2.
    std::map<int, std::size_t> sizes;
    for (int key : trainGroups.empty() ? trainLabels : trainGroups) ++sizes[key];
    std::size_t limit = trainGroups.empty() ? std::size_t(-1) : sizes.size();
    if (trainGroups.empty())
        for (const auto& [label, count] : sizes) limit = std::min(limit, count);
    const int inner = int(std::max<std::size_t>(2, std::min<std::size_t>(std::size_t(settings.innerFolds), limit)));
    try {
        if (trainGroups.empty()) return ProbeFolds::stratified(trainLabels, inner, seed);
        return ProbeFolds::grouped(trainLabels, trainGroups, inner, seed);
    } catch (const InvalidArgument& error) {
        throw InvalidArgument("probe: the training rows of fold " + std::to_string(fold) + " cannot be split to choose C: " + error.what());
    }
}

ProbeScore LayerProbe::evaluate(const RowMatrix& x, const std::vector<int>& labels, int classes, const ProbeFolds& folds,
                                const ProbeSettings& settings, const ProgressMonitor* monitor) {
    probe::checkProbeInputs(x.rows, labels, classes, folds, settings);
    const LayerFitter fitter(x, classes, settings);
    return probe::summarise(probe::crossValidate(fitter, labels, classes, folds, settings, monitor));
}

}  // namespace m2ds
