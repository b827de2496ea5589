#pragma once
#include <string>
#include <vector>

#include "cli/CommandContext.h"

namespace m2ds::cli {

/// `m2ds info FILE...`: the header of each recording and how the workbench will convert it.
struct InfoCommand {
    std::vector<std::string> files;

    /// Prints one block per file to context.out; unusable files get one line on context.err.
    /// Returns kSuccess, or kInputError if any file was unusable (the others are still listed).
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
