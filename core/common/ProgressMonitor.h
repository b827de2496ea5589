#pragma once
#include <atomic>
#include <functional>
#include <memory>

namespace m2ds {

/// Connects long core work to its caller: progress reports and a cancel request.
/// Thread-safe: report() and cancellation may come from different threads.
class ProgressMonitor {
public:
    using Callback = std::function<void(double fraction)>;

    ProgressMonitor() = default;
    /// callback receives the done fraction in [0, 1]; it may run on a worker thread.
    explicit ProgressMonitor(Callback callback);

    /// Reports the done fraction in [0, 1] of the whole job; throws CancelledError if cancel() was called.
    void report(double fraction) const;
    /// Throws CancelledError if cancel() was called.
    void throwIfCancelled() const;
    /// Asks the work to stop at its next report(); safe from any thread.
    void cancel();
    bool isCancelled() const;
    /// A copy that shares this monitor's cancel flag and range but reports to `callback` instead.
    ProgressMonitor withCallback(Callback callback) const;
    /// A monitor for the sub-range [begin, end] of this one's fraction scale, sharing its cancel flag.
    ProgressMonitor slice(double begin, double end) const;

private:
    Callback callback_;
    std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
    double begin_ = 0.0;
    double end_ = 1.0;
};

}  // namespace m2ds
