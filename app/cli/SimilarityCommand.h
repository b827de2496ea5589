#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "cli/CommandContext.h"

namespace CLI {
class App;
}

namespace m2ds::cli {

/// `m2ds similarity --model A [--model B] (SOURCE… | --labels SET) [--layers all] [--max-frames N] -o CKA.csv`: linear
/// CKA between every pair of layers of one model, or between the layers of A (rows) and B (columns), on the same
/// frames of the recordings. Writes the matrix as CSV (first column A's layer, header B's layers) and prints it.
struct SimilarityCommand {
    std::vector<std::string> models;
    std::vector<std::string> sources;
    std::string labels;
    std::string layers = "all";
    std::size_t maxFrames = 5000;
    std::string device = "cpu";
    std::string output;

    CLI::App* addTo(CLI::App& app);
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
