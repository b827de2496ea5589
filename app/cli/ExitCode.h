#pragma once

namespace m2ds::cli {

/// Exit statuses of `m2ds` (documented in docs/user-guide.md and `m2ds --help`).
enum ExitCode : int {
    kSuccess = 0,
    kInputError = 1,     ///< an input file is missing, not audio, corrupt or too short
    kUsageError = 2,     ///< unknown command or option, missing argument
    kOutputError = 3,    ///< the result could not be written (nothing was left behind)
    kInternalError = 4,  ///< a bug: please report it with the message
    kTrainingDiverged = 5,  ///< `m2ds train` met a NaN/inf loss; the last good checkpoint is kept
    kInterrupted = 130,  ///< stopped by Ctrl-C / SIGTERM; partial outputs removed
};

}  // namespace m2ds::cli
