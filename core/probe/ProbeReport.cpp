#include "probe/ProbeReport.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/Errors.h"

namespace m2ds {
namespace {

nlohmann::json scoreJson(const ProbeScore& score) {
    return {{"accuracy", score.accuracy}, {"std", score.accuracyStd}, {"f1", score.macroF1}, {"f1_std", score.macroF1Std}, {"C", score.chosenC}};
}

nlohmann::json layersJson(const ModelProbeResult& model) {
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerProbeResult& layer : model.layers) {
        nlohmann::json entry = scoreJson(layer.score);
        entry["layer"] = layer.layer;
        layers.push_back(std::move(entry));
    }
    return layers;
}

nlohmann::json weightedSumJson(const ModelProbeResult& model) {
    if (model.layers.size() < 2) return nullptr;
    const WeightedSumScore& sum = model.weightedSum;
    nlohmann::json weights = nlohmann::json::array();
    for (std::size_t l = 0; l < sum.layerWeights.size() && l < model.layers.size(); ++l)
        weights.push_back({{"layer", model.layers[l].layer}, {"weight", sum.layerWeights[l]}});
    return {{"accuracy", sum.accuracy}, {"std", sum.accuracyStd}, {"f1", sum.macroF1}, {"f1_std", sum.macroF1Std},
            {"weights", sum.layerWeights}, {"layer_weights", weights}};
}

nlohmann::json modelJson(const ModelProbeResult& model) {
    nlohmann::json identity = nlohmann::json::parse(model.identity.empty() ? "{}" : model.identity, nullptr, false);
    return {{"checkpoint", model.checkpoint}, {"model", identity.is_discarded() ? nlohmann::json(model.identity) : identity},
            {"layers", layersJson(model)}, {"weighted_sum", weightedSumJson(model)}};
}

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%5.1f", 100.0 * fraction);
    return text;
}

std::string cell(double mean, double std) { return percent(mean) + " ± " + percent(std).substr(1); }

}  // namespace

const LayerProbeResult& ModelProbeResult::bestLayer() const {
    if (layers.empty()) throw InvalidArgument("probe: " + checkpoint + " has no probed layer");
    return *std::max_element(layers.begin(), layers.end(),
                             [](const LayerProbeResult& a, const LayerProbeResult& b) { return a.score.accuracy < b.score.accuracy; });
}

std::string ProbeReport::toJson() const {
    nlohmann::json counts = nlohmann::json::object();
    for (std::size_t c = 0; c < labelNames.size() && c < labelCounts.size(); ++c) counts[labelNames[c]] = labelCounts[c];
    nlohmann::json baselineJson = scoreJson(baseline);
    baselineJson["features"] = "log-mel mean+std";
    nlohmann::json checkpoints = nlohmann::json::array();
    for (const ModelProbeResult& model : models) checkpoints.push_back(modelJson(model));
    nlohmann::json report = {
        {"level", level}, {"pooling", pooling}, {"folds", folds}, {"fold_kind", foldKind}, {"examples", rows}, {"labels", counts},
        {"baseline", baselineJson}, {"checkpoints", checkpoints}, {"skipped", skipped},
        {"provenance", {{"labels", labelSource}, {"m2ds_version", M2DS_VERSION},
                        {"probe", "standardised features, multinomial logistic regression (L2, C by inner CV), accuracy and macro-F1 over folds"}}}};
    if (!models.empty()) {
        report["layers"] = layersJson(models.front());
        report["weighted_sum"] = weightedSumJson(models.front());
        report["provenance"]["checkpoint"] = models.front().checkpoint;
    }
    return report.dump(2) + "\n";
}

std::string ProbeReport::toTable() const {
    std::ostringstream table;
    table << "layer";
    for (std::size_t m = 0; m < models.size(); ++m) table << "  " << (models.size() > 1 ? "model " + std::to_string(m + 1) + " " : "") << "accuracy %     macro-F1 %";
    table << '\n';
    std::size_t rowsOfLayers = 0;
    for (const ModelProbeResult& model : models) rowsOfLayers = std::max(rowsOfLayers, model.layers.size());
    for (std::size_t l = 0; l < rowsOfLayers; ++l) {
        char name[16];
        std::snprintf(name, sizeof name, "%5d", models.front().layers.size() > l ? models.front().layers[l].layer : int(l));
        table << name;
        for (const ModelProbeResult& model : models) {
            if (l >= model.layers.size()) continue;
            const ProbeScore& score = model.layers[l].score;
            table << "  " << cell(score.accuracy, score.accuracyStd) << "  " << cell(score.macroF1, score.macroF1Std);
        }
        table << '\n';
    }
    for (std::size_t m = 0; m < models.size(); ++m)
        if (models[m].layers.size() > 1)
            table << "sum  " << "  " << cell(models[m].weightedSum.accuracy, models[m].weightedSum.accuracyStd) << "  "
                  << cell(models[m].weightedSum.macroF1, models[m].weightedSum.macroF1Std) << "   (learned weighted sum"
                  << (models.size() > 1 ? " of model " + std::to_string(m + 1) : std::string()) << ")\n";
    table << "mel  " << "  " << cell(baseline.accuracy, baseline.accuracyStd) << "  " << cell(baseline.macroF1, baseline.macroF1Std)
          << "   (log-mel mean+std baseline)\n";
    table << rows << " examples, " << labelNames.size() << " labels, " << folds << "-fold " << foldKind << " cross-validation";
    if (!skipped.empty()) table << ", " << skipped.size() << " recording(s) skipped";
    table << '\n';
    return table.str();
}

}  // namespace m2ds
