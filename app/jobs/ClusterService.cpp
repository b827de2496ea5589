#include "jobs/ClusterService.h"

#include "common/UserCacheFolder.h"
#include "jobs/ClusterJob.h"
#include "jobs/ModelService.h"

namespace m2ds {
namespace {

/// The feature cache `m2ds cluster` uses by default.
QString featureCache() { return QString::fromStdString(userCacheFolder("features")); }

}  // namespace

ClusterService::ClusterService(ModelService& models, QObject* parent)
    : QObject(parent), models_(models), jobs_(QStringLiteral("m2ds clusters"), JobQueue::Policy::LatestWins, this) {
    connect(&jobs_, &JobQueue::progress, this, [this](int id, double fraction) {
        if (id == current_) emit progress(fraction);
    });
    connect(&jobs_, &JobQueue::failed, this, [this](int id, const QString& message) {
        if (id == current_) emit failed(message);
    });
}

void ClusterService::learn(const QStringList& recordings, const QString& hubertFolder, int layer, int clusterCount, unsigned seed) {
    ClusterRequest request;
    request.recordings = recordings;
    request.hubertFolder = hubertFolder;
    request.layer = layer;
    request.clusterCount = clusterCount;
    request.seed = seed;
    start(std::move(request));
}

void ClusterService::assign(const QStringList& recordings, const QString& hubertFolder, int layer, const QString& centroidsPath) {
    ClusterRequest request;
    request.recordings = recordings;
    request.hubertFolder = hubertFolder;
    request.layer = layer;
    request.centroidsPath = centroidsPath;
    start(std::move(request));
}

void ClusterService::cancel() {
    jobs_.cancelAll();
    emit failed(tr("Clustering cancelled."));
}

void ClusterService::start(ClusterRequest request) {
    const bool loaded = models_.network() && models_.model();
    if (request.hubertFolder.isEmpty() && !loaded)
        return emit failed(tr("Load a model first, or choose a HuBERT folder: clusters are of one of their layers."));
    if (request.recordings.isEmpty()) return emit failed(tr("Open recordings first: the clusters are learnt from them."));
    if (loaded) request.checkpointPath = models_.model()->path;
    request.device = models_.encoderDevice();
    request.cacheDirectory = featureCache();
    const ClusterJob job(models_.network(), std::move(request));
    current_ = jobs_.run<ClusterTiers>(
        [job](const ProgressMonitor& monitor) { return job(monitor); },
        [this](int, ClusterTiers tiers) {
            tiers_ = std::make_shared<const ClusterTiers>(std::move(tiers));
            emit tiersReady(tiers_);
        },
        &ClusterJob::describeFailure);
    emit progress(0.0);
}

}  // namespace m2ds
