#pragma once
#include <atomic>
#include <iosfwd>
#include <string>

#include "common/ProgressMonitor.h"

namespace m2ds::cli {

/// What every subcommand gets from the command line: its output streams and the interrupt flag.
struct CommandContext {
    std::ostream& out;
    std::ostream& err;
    const std::atomic<bool>& interrupted;
    int threads = 0;  ///< 0 = all hardware threads

    /// A monitor that draws a progress bar labelled `label` and throws CancelledError once interrupted.
    ProgressMonitor progress(const std::string& label) const;
};

}  // namespace m2ds::cli
