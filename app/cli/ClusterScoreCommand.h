#pragma once
#include <string>

#include "cli/CommandContext.h"

namespace CLI {
class App;
}

namespace m2ds::cli {

/// `m2ds cluster score --km OUT.km (--textgrid DIR [--tier NAME] | --labels CSV)`: how well the clusters match
/// reference labels — the HuBERT paper's phone purity, cluster purity and PNMI over the labelled frames — and the
/// cluster-size histogram. Frames and recordings come from OUT.km.json (written by `cluster assign`).
struct ClusterScoreCommand {
    std::string km;
    std::string textgrids;
    std::string tier;
    std::string labels;

    CLI::App* addTo(CLI::App& cluster);
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
