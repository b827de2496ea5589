#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cli/CommandContext.h"
#include "model/M2dsModel.h"

namespace m2ds::cli {

/// `m2ds extract --model CKPT [--layers all|last|0-12|3,6] [--clip] FILES… -o OUT.csv|OUT.npy`: embeddings with the
/// official runtime's semantics, plus a provenance sidecar OUT.json.
struct ExtractCommand {
    std::string model;
    std::string layers = "last";
    bool clip = false;
    std::vector<std::string> files;
    std::string output;
    std::optional<float> mean;
    std::optional<float> std;
    std::string device = "cpu";

    int run(const CommandContext& context) const;

private:
    M2dsModel loadEncoder() const;
};

}  // namespace m2ds::cli
