#include "cli/CommandContext.h"

#include <memory>

#include "cli/TerminalProgress.h"
#include "common/Errors.h"

namespace m2ds::cli {

ProgressMonitor CommandContext::progress(const std::string& label) const {
    auto bar = std::make_shared<TerminalProgress>(label);
    const std::atomic<bool>* stop = &interrupted;
    return ProgressMonitor([bar, stop](double fraction) {
        if (stop->load()) throw CancelledError();
        bar->update(fraction);
    });
}

}  // namespace m2ds::cli
