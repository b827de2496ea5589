#include "probe/ProbeExperiment.h"

#include <algorithm>
#include <map>
#include <string>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "probe/ProbeFolds.h"
#include "probe/WeightedSumProbe.h"

namespace m2ds {
namespace {

std::vector<std::size_t> countPerLabel(const ProbeExamples& examples) {
    std::vector<std::size_t> counts(examples.labelNames.size(), 0);
    for (int label : examples.labels) {
        if (label < 0 || std::size_t(label) >= counts.size())
            throw InvalidArgument("probe: label index " + std::to_string(label) + " outside the " + std::to_string(counts.size()) + " labels");
        ++counts[std::size_t(label)];
    }
    return counts;
}

void checkRows(const ProbeEmbeddings& model, std::size_t rows) {
    if (model.layers.empty()) throw InvalidArgument("probe: " + model.checkpoint + " has no layer to probe");
    if (model.layers.size() != model.layerIds.size())
        throw InvalidArgument("probe: " + model.checkpoint + " has " + std::to_string(model.layers.size()) + " matrices for " +
                              std::to_string(model.layerIds.size()) + " layers");
    for (const RowMatrix& layer : model.layers)
        if (layer.rows != rows)
            throw InvalidArgument("probe: " + model.checkpoint + " has " + std::to_string(layer.rows) + " examples, the labels " +
                                  std::to_string(rows));
}

ProbeFolds foldsFor(const ProbeExamples& examples, const ProbeSettings& settings) {
    if (examples.groups.empty()) return ProbeFolds::stratified(examples.labels, settings.folds, settings.seed);
    if (examples.groups.size() != examples.labels.size())
        throw InvalidArgument("probe: " + std::to_string(examples.groups.size()) + " groups for " + std::to_string(examples.labels.size()) +
                              " examples");
    return ProbeFolds::grouped(examples.labels, examples.groups, settings.folds, settings.seed);
}

/// Layers probed, plus one weighted sum per model with several layers, plus the baseline: the work units of a run.
std::size_t unitsOf(const std::vector<ProbeEmbeddings>& models) {
    std::size_t units = 1;
    for (const ProbeEmbeddings& model : models) units += model.layers.size() + (model.layers.size() > 1 ? 1 : 0);
    return units;
}

}  // namespace

ProbeReport ProbeExperiment::run(const ProbeExamples& examples, const std::vector<ProbeEmbeddings>& models, const ProbeSettings& settings,
                                 const ProgressMonitor* monitor) {
    ProbeReport report;
    report.labelNames = examples.labelNames;
    report.labelCounts = countPerLabel(examples);
    report.rows = examples.labels.size();
    report.folds = settings.folds;
    report.foldKind = examples.groups.empty() ? "stratified" : "group";
    for (const ProbeEmbeddings& model : models) checkRows(model, report.rows);
    if (examples.baseline.rows != report.rows)
        throw InvalidArgument("probe: the baseline has " + std::to_string(examples.baseline.rows) + " examples, the labels " +
                              std::to_string(report.rows));
    const ProbeFolds folds = foldsFor(examples, settings);
    const int classes = int(examples.labelNames.size());
    const std::size_t units = unitsOf(models);
    std::size_t done = 0;
    const ProgressMonitor none;
    const ProgressMonitor& progress = monitor ? *monitor : none;
    auto next = [&]() {
        const ProgressMonitor slice = progress.slice(double(done) / double(units), double(done + 1) / double(units));
        ++done;
        return slice;
    };
    {
        const ProgressMonitor slice = next();
        report.baseline = LayerProbe::evaluate(examples.baseline, examples.labels, classes, folds, settings, &slice);
    }
    for (const ProbeEmbeddings& model : models) {
        ModelProbeResult result;
        result.checkpoint = model.checkpoint;
        result.identity = model.identity;
        for (std::size_t l = 0; l < model.layers.size(); ++l) {
            const ProgressMonitor slice = next();
            result.layers.push_back({model.layerIds[l], LayerProbe::evaluate(model.layers[l], examples.labels, classes, folds, settings, &slice)});
        }
        if (model.layers.size() > 1) {
            const ProgressMonitor slice = next();
            result.weightedSum = WeightedSumProbe::evaluate(model.layers, examples.labels, classes, folds, settings, &slice);
        }
        report.models.push_back(std::move(result));
    }
    progress.report(1.0);
    return report;
}

}  // namespace m2ds
