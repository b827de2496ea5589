// Times LayerProbe::evaluate on every layer of an embeddings archive, printed as one JSON object with the scores, the
// C chosen per fold and the inner folds used, so that bench/bench_probe.py can run scikit-learn on the same splits.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/NpzFile.h"
#include "probe/LayerProbe.h"
#include "probe/WeightedSumProbe.h"

namespace {

std::vector<int> integers(const m2ds::FloatArray& array) { return std::vector<int>(array.values.begin(), array.values.end()); }

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("Time the per-layer linear probe");
    std::string path;
    m2ds::ProbeSettings settings;
    app.add_option("NPZ", path, "layers [L, n, d] float32, labels [n], folds [n] (outer fold of each row)")->required();
    app.add_option("--grid", settings.regularisationGrid, "C values");
    app.add_option("--inner", settings.innerFolds);
    app.add_option("--max_iter", settings.maxIterations);
    app.add_option("--tol", settings.tolerance);
    app.add_option("--threads", settings.threads, "0 = all hardware threads");
    app.add_option("--device", settings.device);
    bool weightedSum = false;
    app.add_flag("--weighted_sum", weightedSum, "time WeightedSumProbe over all the layers instead of the per-layer probes");
    CLI11_PARSE(app, argc, argv);

    const m2ds::NpzFile::Arrays arrays = m2ds::NpzFile::read(path);
    const m2ds::FloatArray& layers = m2ds::NpzFile::member(arrays, "layers", path);
    const std::vector<int> labels = integers(m2ds::NpzFile::member(arrays, "labels", path));
    const m2ds::ProbeFolds folds = m2ds::ProbeFolds::fromAssignment(integers(m2ds::NpzFile::member(arrays, "folds", path)));
    const int classes = *std::max_element(labels.begin(), labels.end()) + 1;
    const std::size_t n = layers.shape.at(1), d = layers.shape.at(2);
    settings.folds = folds.count();

    nlohmann::json out{{"layers", nlohmann::json::array()}, {"inner_folds", nlohmann::json::array()}};
    for (int fold = 0; fold < folds.count(); ++fold) out["inner_folds"].push_back(m2ds::LayerProbe::innerFolds(labels, folds, fold, settings).foldOfRow());
    double total = 0.0;
    std::vector<m2ds::RowMatrix> matrices;
    for (std::size_t l = 0; l < layers.shape[0]; ++l)
        matrices.push_back({n, d, std::vector<float>(layers.values.begin() + std::ptrdiff_t(l * n * d), layers.values.begin() + std::ptrdiff_t((l + 1) * n * d))});
    for (const m2ds::RowMatrix& x : weightedSum ? std::vector<m2ds::RowMatrix>() : matrices) {
        const auto start = std::chrono::steady_clock::now();
        const m2ds::ProbeScore score = m2ds::LayerProbe::evaluate(x, labels, classes, folds, settings);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        total += seconds;
        out["layers"].push_back({{"accuracy", score.accuracy}, {"macro_f1", score.macroF1}, {"fold_accuracy", score.foldAccuracy},
                                 {"chosen_c", score.chosenC}, {"seconds", seconds}});
    }
    out["seconds"] = total;
    if (weightedSum) {
        const auto start = std::chrono::steady_clock::now();
        const m2ds::WeightedSumScore score = m2ds::WeightedSumProbe::evaluate(matrices, labels, classes, folds, settings);
        out["weighted_sum"] = {{"accuracy", score.accuracy}, {"weights", score.layerWeights}, {"chosen_c", score.chosenC},
                               {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}};
    }
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
