#include "jobs/RunProbeService.h"

#include <QDir>

#include "common/UserCacheFolder.h"
#include "jobs/RunProbeJob.h"
#include "training/RunCheckpoints.h"

namespace m2ds {

RunProbeService::RunProbeService(QString presetsDirectory, QString cacheDirectory, QString device, QObject* parent)
    : QObject(parent), presetsDirectory_(std::move(presetsDirectory)),
      cacheDirectory_(cacheDirectory.isEmpty() ? QString::fromStdString(userCacheFolder("embeddings")) : std::move(cacheDirectory)),
      device_(std::move(device)), jobs_(QStringLiteral("m2ds run probe"), JobQueue::Policy::LatestWins, this) {
    debounce_.setSingleShot(true);
    debounce_.setInterval(1500);
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, &debounce_, qOverload<>(&QTimer::start));
    connect(&debounce_, &QTimer::timeout, this, [this] { probeFolder(false); });
    connect(&jobs_, &JobQueue::progress, this, [this](int id, double fraction) {
        if (id == current_) emit progress(fraction);
    });
    connect(&jobs_, &JobQueue::failed, this, [this](int id, const QString& message) {
        if (id == current_) emit failed(message);
    });
}

void RunProbeService::run(const RunProbeRequest& request) {
    if (request.probe.labelSource.isEmpty()) {
        emit failed(tr("Choose a labelled set: a folder with a sub-folder per label, or a CSV file,label[,group]."));
        return;
    }
    if (!watcher_.directories().isEmpty()) watcher_.removePaths(watcher_.directories());
    request_ = request;
    if (!watcher_.addPath(request.runFolder)) {
        request_.reset();
        emit failed(tr("%1: cannot follow this folder (does it exist?)").arg(request.runFolder));
        return;
    }
    probeFolder(true);
}

void RunProbeService::probeFolder(bool always) {
    if (!request_) return;
    std::vector<RunCheckpoint> checkpoints = runCheckpoints(request_->runFolder);
    QStringList paths;
    for (const RunCheckpoint& checkpoint : checkpoints) paths << checkpoint.path;
    if (!always && paths == probed_) return;
    probed_ = paths;
    if (checkpoints.empty()) {
        jobs_.cancelAll();
        emit waiting(tr("%1: no checkpoint yet; probing starts when the run saves one").arg(request_->runFolder));
        return;
    }
    const bool comparable = results_ && resultsRequest_ && sameRunProbe(*resultsRequest_, *request_);
    const RunProbeJob job(std::move(checkpoints), presetsDirectory_, device_, cacheDirectory_, *request_, comparable ? results_ : nullptr);
    current_ = jobs_.run<RunProbeData>(job, [this, request = *request_](int, RunProbeData data) {
        results_ = std::make_shared<const RunProbeData>(std::move(data));
        resultsRequest_ = request;
        emit resultsReady(results_);
    });
    emit started(int(paths.size()));
    emit progress(0.0);
}

void RunProbeService::cancel() {
    jobs_.cancelAll();
    debounce_.stop();
    if (!watcher_.directories().isEmpty()) watcher_.removePaths(watcher_.directories());
    request_.reset();
    probed_.clear();
    emit cancelled();
}

}  // namespace m2ds
