#include "cli/TerminalProgress.h"

#include <unistd.h>

namespace m2ds::cli {

TerminalProgress::TerminalProgress(std::string label, std::FILE* stream)
    : label_(std::move(label)), stream_(stream), interactive_(::isatty(::fileno(stream)) != 0),
      started_(std::chrono::steady_clock::now()) {}

TerminalProgress::~TerminalProgress() {
    if (interactive_ && lastDecile_ >= 0) std::fputc('\n', stream_);
}

void TerminalProgress::update(double fraction) {
    if (!interactive_) {
        if (lastDecile_ < 0 && fraction >= 1.0) return;  // finished before the first line was due
        // Plain lines only for work that takes a while; short jobs stay quiet in logs.
        if (fraction < 1.0 && std::chrono::steady_clock::now() - started_ < std::chrono::seconds(1)) return;
        const int decile = static_cast<int>(fraction * 10.0);
        if (decile == lastDecile_) return;
        lastDecile_ = decile;
        std::fprintf(stream_, "%s: %d%%\n", label_.c_str(), decile * 10);
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (fraction < 1.0 && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;
    lastDecile_ = 0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::fprintf(stream_, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), static_cast<int>(fraction * 100.0));
    std::fflush(stream_);
}

}  // namespace m2ds::cli
