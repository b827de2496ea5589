#pragma once
#include <chrono>
#include <cstdio>
#include <string>

namespace m2ds::cli {

/// Shows the progress of one task on stderr: a redrawn bar on a terminal, a plain line per 10 % otherwise.
class TerminalProgress {
public:
    /// label: what is being done, e.g. the file name.
    explicit TerminalProgress(std::string label, std::FILE* stream = stderr);
    ~TerminalProgress();
    /// fraction in [0, 1]; cheap to call often (redraws at most every 100 ms).
    void update(double fraction);

private:
    std::string label_;
    std::FILE* stream_;
    bool interactive_;
    int lastDecile_ = -1;
    std::chrono::steady_clock::time_point started_;
    std::chrono::steady_clock::time_point lastDraw_{};
};

}  // namespace m2ds::cli
