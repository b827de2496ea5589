#pragma once
#include <atomic>

namespace m2ds::cli {

/// Parses argv, runs the chosen subcommand and returns an ExitCode. Never throws; errors go to stderr
/// as one line. `interrupted` is polled during long work (set it from a SIGINT handler).
int runCommandLine(int argc, char** argv, const std::atomic<bool>& interrupted);

}  // namespace m2ds::cli
