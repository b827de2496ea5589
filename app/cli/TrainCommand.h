#pragma once
#include "cli/CommandContext.h"
#include "train/TrainConfig.h"

namespace CLI {
class App;
}

namespace m2ds::cli {

/// `m2ds train --speech SRC [--noise SRC] [--teacher …] --output_dir DIR [official flags…]`: M2D-S pretraining on this
/// machine's CPU or GPU, or as one rank of a `torchrun` job (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT).
struct TrainCommand {
    TrainConfig config;
    int dryRunSteps = 0;  ///< > 0: set up, time this many iterations, print one JSON line, write nothing

    /// Registers the subcommand and its options (official flag names) on `app`.
    CLI::App* addTo(CLI::App& app);
    /// 0 finished, 130 stopped (a checkpoint was written); throws the core errors.
    int run(const CommandContext& context) const;
};

}  // namespace m2ds::cli
