// m2ds: the headless M2D-S command line. See `m2ds --help`.
#include <atomic>
#include <csignal>

#include "cli/CommandLine.h"

namespace {
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int) { interrupted.store(true); }
}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    return m2ds::cli::runCommandLine(argc, argv, interrupted);
}
