#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "probe/LayerProbe.h"
#include "probe/WeightedSumProbe.h"

namespace m2ds {

/// One layer's cross-validated probe score.
struct LayerProbeResult {
    int layer = 0;            ///< the model's layer index (0 = patch embedding / transformer input)
    ProbeScore score;
};

/// The probes of one model (checkpoint or HuBERT folder): every selected layer and their learned weighted sum.
struct ModelProbeResult {
    std::string checkpoint;   ///< path as given
    std::string identity;     ///< the extractor's identity JSON (kind, checkpoint SHA-256, layers)
    std::vector<LayerProbeResult> layers;
    WeightedSumScore weightedSum;

    /// The layer with the highest mean accuracy (first on ties); throws InvalidArgument when there is none.
    const LayerProbeResult& bestLayer() const;
};

/// What `m2ds probe` and the Probe page show: per model and layer, accuracy and macro-F1 (mean ± std over folds), the
/// weighted sum, and the log-mel mean+std baseline probed the same way on the same folds.
struct ProbeReport {
    std::string level = "clip";          ///< "clip" (one row per recording) or "frame"
    std::string pooling = "mean";        ///< clip pooling of the model layers (the baseline is always mean+std)
    std::string labelSource;             ///< the labelled set (folder or CSV) as given
    std::vector<std::string> labelNames; ///< classes, sorted
    std::vector<std::size_t> labelCounts;///< rows per class
    int folds = 0;
    std::string foldKind = "stratified"; ///< "stratified" or "group" (no group split between folds)
    std::size_t rows = 0;                ///< examples probed (recordings, or frames for frame level)
    std::vector<std::string> skipped;    ///< "FILE: reason" for every recording left out
    ProbeScore baseline;                 ///< log-mel mean+std (80 bands → 160 values per example)
    std::vector<ModelProbeResult> models;

    /// The report as JSON: {"layers": [{"layer", "accuracy", "std", "f1", "f1_std", "C"}…], "weighted_sum": {…},
    /// "baseline": {…}, "folds", "provenance": {…}, …} for the first model, all models under "checkpoints".
    std::string toJson() const;
    /// A fixed-width table (one row per layer, model columns, the baseline and weighted sum last) for the terminal.
    std::string toTable() const;
};

}  // namespace m2ds
