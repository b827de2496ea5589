#include "jobs/RecordingLoader.h"

#include "jobs/RecordingLoadWorker.h"

namespace m2ds {

RecordingLoader::RecordingLoader(QObject* parent) : QObject(parent), worker_(new RecordingLoadWorker) {
    qRegisterMetaType<m2ds::RecordingDataPtr>("m2ds::RecordingDataPtr");
    thread_.setObjectName(QStringLiteral("recording-loader"));
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    // Signals cross threads queued; results of cancelled requests are dropped here, on the GUI thread.
    connect(worker_, &RecordingLoadWorker::progress, this, [this](int id, double fraction) {
        if (isPending(id)) emit progress(id, fraction);
    });
    connect(worker_, &RecordingLoadWorker::loaded, this, [this](int id, RecordingDataPtr data) {
        if (pending_.remove(id)) emit loaded(id, std::move(data));
    });
    connect(worker_, &RecordingLoadWorker::failed, this, [this](int id, const QString& message) {
        if (pending_.remove(id)) emit failed(id, message);
    });
    thread_.start();
}

RecordingLoader::~RecordingLoader() {
    for (ProgressMonitor& monitor : pending_) monitor.cancel();
    thread_.quit();
    thread_.wait();
}

int RecordingLoader::request(const QString& path) {
    const int id = nextId_++;
    const ProgressMonitor cancelHandle;
    pending_.insert(id, cancelHandle);
    RecordingLoadWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [worker, id, path, cancelHandle] { worker->load(id, path, cancelHandle); },
                              Qt::QueuedConnection);
    return id;
}

void RecordingLoader::cancel(int requestId) {
    auto found = pending_.find(requestId);
    if (found == pending_.end()) return;
    found->cancel();
    pending_.erase(found);
}

}  // namespace m2ds
