#pragma once
#include <optional>
#include <string>

#include "cli/CommandContext.h"

namespace m2ds::cli {

/// `m2ds ckpt info CKPT`: format, contents, geometry and where it came from, parameters, parts, norm stats.
struct CkptInfoCommand {
    std::string path;
    int run(const CommandContext& context) const;
};

/// `m2ds ckpt convert IN OUT [--mean M --std S]`: to our .safetensors (geometry in the header) or to a .pth
/// that torch.load(weights_only=True) and the official runtime accept.
struct CkptConvertCommand {
    std::string input;
    std::string output;
    std::optional<float> mean;
    std::optional<float> std;
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
