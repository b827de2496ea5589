#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "analysis/LinearReadout.h"
#include "probe/LayerProbe.h"
#include "probe/ProbeReport.h"

namespace m2ds {

class ProgressMonitor;

/// The clip (or frame) embeddings of one model on the examples of a probe: one [n, P] matrix per layer, rows in the
/// order of the examples.
struct ProbeEmbeddings {
    std::string checkpoint;
    std::string identity;
    std::vector<int> layerIds;
    std::vector<RowMatrix> layers;
};

/// The examples of a probe: their labels (indices into labelNames), optional groups (e.g. speaker; empty = none) and
/// the baseline features [n, 160] (log-mel mean+std) computed on the same examples.
struct ProbeExamples {
    std::vector<std::string> labelNames;
    std::vector<int> labels;
    std::vector<int> groups;
    RowMatrix baseline;
};

/// Runs a probe study: folds once for all (group k-fold when groups are given, else stratified), then every layer of
/// every model, their weighted sum and the baseline on those folds, so that the numbers are comparable.
class ProbeExperiment {
public:
    /// Throws InvalidArgument (one label only, a label with fewer examples than folds, fewer groups than folds, models
    /// whose row counts differ from the examples'), CancelledError through monitor (may be null).
    static ProbeReport run(const ProbeExamples& examples, const std::vector<ProbeEmbeddings>& models,
                           const ProbeSettings& settings, const ProgressMonitor* monitor = nullptr);
};

}  // namespace m2ds
