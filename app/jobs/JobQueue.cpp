#include "jobs/JobQueue.h"

#include <QElapsedTimer>

#include "common/Errors.h"
#include "common/ProgressMonitor.h"

namespace m2ds {
namespace {
constexpr qint64 kProgressIntervalMs = 50;
}  // namespace

JobQueue::JobQueue(const QString& threadName, Policy policy, QObject* parent)
    : QObject(parent), policy_(policy), context_(new QObject) {
    thread_.setObjectName(threadName);
    context_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
    thread_.start();
}

JobQueue::~JobQueue() {
    cancelAll();
    thread_.quit();
    thread_.wait();
}

int JobQueue::submit(Work work, FailureText describeFailure) {
    if (policy_ == Policy::LatestWins) cancelAll();
    const int id = nextId_++;
    const auto cancelHandle = std::make_shared<ProgressMonitor>();
    pending_.insert(id, cancelHandle);
    QMetaObject::invokeMethod(
        context_,
        [this, id, cancelHandle, work = std::move(work), describeFailure = std::move(describeFailure)] {
            execute(id, cancelHandle, work, describeFailure);
        },
        Qt::QueuedConnection);
    return id;
}

void JobQueue::cancel(int jobId) {
    auto found = pending_.find(jobId);
    if (found == pending_.end()) return;
    (*found)->cancel();
    pending_.erase(found);
}

void JobQueue::cancelAll() {
    for (const std::shared_ptr<ProgressMonitor>& monitor : pending_) monitor->cancel();
    pending_.clear();
}

void JobQueue::execute(int jobId, const std::shared_ptr<ProgressMonitor>& cancelHandle, const Work& work, const FailureText& describeFailure) {
    if (cancelHandle->isCancelled()) return;  // dropped or superseded while queued: never starts
    QElapsedTimer sinceReport;
    sinceReport.start();
    const ProgressMonitor monitor = cancelHandle->withCallback([&](double fraction) {
        if (sinceReport.elapsed() < kProgressIntervalMs && fraction < 1.0) return;
        sinceReport.restart();
        postIfWanted(jobId, false, [this, jobId, fraction] { emit progress(jobId, fraction); });
    });
    try {
        Delivery delivery = work(monitor);
        postIfWanted(jobId, true, [jobId, delivery = std::move(delivery)] { delivery(jobId); });
    } catch (const CancelledError&) {
        // Nobody wants it any more: say nothing.
    } catch (const std::exception& error) {
        const QString message = describeFailure ? describeFailure(error) : QString::fromUtf8(error.what());
        postIfWanted(jobId, true, [this, jobId, message] { emit failed(jobId, message); });
    }
}

void JobQueue::postIfWanted(int jobId, bool last, std::function<void()> action) {
    QMetaObject::invokeMethod(
        this,
        [this, jobId, last, action = std::move(action)] {
            if (!pending_.contains(jobId)) return;
            if (last) pending_.remove(jobId);
            action();
        },
        Qt::QueuedConnection);
}

}  // namespace m2ds
