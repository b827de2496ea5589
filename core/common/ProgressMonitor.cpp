#include "common/ProgressMonitor.h"

#include <algorithm>

#include "common/Errors.h"

namespace m2ds {

ProgressMonitor::ProgressMonitor(Callback callback) : callback_(std::move(callback)) {}

void ProgressMonitor::report(double fraction) const {
    throwIfCancelled();
    if (callback_) callback_(begin_ + (end_ - begin_) * std::clamp(fraction, 0.0, 1.0));
}

void ProgressMonitor::throwIfCancelled() const {
    if (cancelled_->load(std::memory_order_relaxed)) throw CancelledError();
}

void ProgressMonitor::cancel() { cancelled_->store(true); }

bool ProgressMonitor::isCancelled() const { return cancelled_->load(std::memory_order_relaxed); }

ProgressMonitor ProgressMonitor::withCallback(Callback callback) const {
    ProgressMonitor copy = *this;
    copy.callback_ = std::move(callback);
    return copy;
}

ProgressMonitor ProgressMonitor::slice(double begin, double end) const {
    ProgressMonitor part = *this;
    part.begin_ = begin_ + (end_ - begin_) * begin;
    part.end_ = begin_ + (end_ - begin_) * end;
    return part;
}

}  // namespace m2ds
