#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "cli/CommandContext.h"
#include "probe/ClipProbeData.h"
#include "probe/LayerProbe.h"

namespace CLI {
class App;
}

namespace m2ds::cli {

/// `m2ds probe --model CKPT[,CKPT…] --labels (DIR|CSV|LIST) [--regex RE] [--group COLUMN] [--layers all]
/// [--pooling mean] [--folds 5] [--device D] -o REPORT.json`: per-layer linear probes of clip embeddings on a labelled
/// set, the learned weighted sum of the layers and the log-mel mean+std baseline on the same folds. Prints a table
/// (one row per layer) and writes the report as JSON; embeddings go through the clip-embedding cache.
/// With `--frame-labels DIR|CSV` (TextGrids or segment CSV) the probe is frame-level on the recordings of --labels or
/// SOURCE…, each recording kept within one fold.
struct ProbeCommand {
    std::vector<std::string> models;
    std::string labels;
    std::vector<std::string> sources;
    std::string frameLabels;
    std::string tier;
    std::size_t maxFrames = 20000;
    std::string regex;
    std::string groupColumn;
    std::string layers = "all";
    std::string pooling = "mean";
    std::string cache;
    std::string device = "cpu";
    std::string output;
    ProbeSettings settings;

    CLI::App* addTo(CLI::App& app);
    int run(const CommandContext& context) const;

private:
    int runFrames(const CommandContext& context, const std::vector<ProbedModel>& models, const ProbeSettings& probeSettings) const;
};

}  // namespace m2ds::cli
