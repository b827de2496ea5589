#pragma once
#include <QHash>
#include <QObject>
#include <QString>
#include <QThread>
#include <exception>
#include <functional>
#include <memory>

namespace m2ds {

class ProgressMonitor;  // core/common: jobs report and cancel through it (kept out of this header, which ui sees)

/// The one way the workbench runs long computations (decoding a recording, loading a model, forward passes) off the
/// GUI thread. A queue owns one thread and runs its jobs one after another there; each job gets a ProgressMonitor
/// whose progress reaches progress() on the GUI thread (about 20 Hz) and whose cancel flag cancel() sets. A job's
/// result is delivered on the GUI thread only while the job is still wanted. With Policy::LatestWins a new job
/// cancels all older ones of the queue, so a burst of interactive requests runs at most the one in flight and the
/// newest. Jobs share read-only data (such as a loaded model) through the shared pointers they capture.
class JobQueue : public QObject {
    Q_OBJECT
public:
    enum class Policy { RunAll, LatestWins };
    /// Runs on the GUI thread with the job's result bound in; gets the job id.
    using Delivery = std::function<void(int jobId)>;
    /// Runs on the job thread; returns what to do with its result on the GUI thread. Throws to fail.
    using Work = std::function<Delivery(const ProgressMonitor& monitor)>;
    /// Turns an exception that escaped a job into the message of failed().
    using FailureText = std::function<QString(const std::exception& error)>;

    /// threadName: the thread's object name (shown in debuggers).
    JobQueue(const QString& threadName, Policy policy, QObject* parent = nullptr);
    /// Cancels every job and joins the thread (a job that does not poll its monitor finishes first).
    ~JobQueue() override;

    /// Queues `work`; returns the id the signals carry. Without describeFailure, failed() carries what().
    int submit(Work work, FailureText describeFailure = {});
    /// Queues `compute` (Result(const ProgressMonitor&), on the job thread); `done(id, Result)` gets its result on the
    /// GUI thread.
    template <class Result, class Compute, class Done>
    int run(Compute compute, Done done, FailureText describeFailure = {}) {
        return submit(
            [compute = std::move(compute), done = std::move(done)](const ProgressMonitor& monitor) -> Delivery {
                auto result = std::make_shared<Result>(compute(monitor));
                return [done, result](int jobId) { done(jobId, std::move(*result)); };
            },
            std::move(describeFailure));
    }
    /// Drops a job: its monitor is cancelled and nothing about it arrives after this call.
    void cancel(int jobId);
    /// Drops every job of this queue.
    void cancelAll();
    /// Jobs queued or running that are still wanted.
    int pendingCount() const { return int(pending_.size()); }
    /// True while `jobId` is queued or running and wanted.
    bool isPending(int jobId) const { return pending_.contains(jobId); }

signals:
    void progress(int jobId, double fraction);
    void failed(int jobId, const QString& message);

private:
    /// On the job thread.
    void execute(int jobId, const std::shared_ptr<ProgressMonitor>& cancelHandle, const Work& work, const FailureText& describeFailure);
    /// Posts `action` to the GUI thread, run only if `jobId` is still wanted; `last` ends the job.
    void postIfWanted(int jobId, bool last, std::function<void()> action);

    Policy policy_;
    QThread thread_;
    QObject* context_;  // lives on thread_: queued calls to it run there
    QHash<int, std::shared_ptr<ProgressMonitor>> pending_;
    int nextId_ = 1;
};

}  // namespace m2ds
