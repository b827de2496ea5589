#pragma once
#include <optional>
#include <string>

#include "cli/CommandContext.h"

namespace m2ds::cli {

/// `m2ds melspec FILE -o OUT.npy [--mean M --std S]`: the M2D log-mel of a recording as float32 [80, T] NPY.
struct MelspecCommand {
    std::string input;
    std::string output;
    std::optional<float> mean;
    std::optional<float> std;

    /// Decodes, converts to 16 kHz mono, computes the log-mel (normalised when mean and std are given) and
    /// writes it atomically. Throws core errors; the caller maps them to exit codes.
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
