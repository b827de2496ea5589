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

void ClusterService::learn(const QStringList& recordings, int layer, int clusterCount, unsigned seed) {
    start(recordings, layer, clusterCount, seed, {});
}

void ClusterService::assign(const QStringList& recordings, int layer, const QString& centroidsPath) { start(recordings, layer, 0, 0, centroidsPath); }

void ClusterService::cancel() {
    jobs_.cancelAll();
    emit failed(tr("Clustering cancelled."));
}

void ClusterService::start(const QStringList& recordings, int layer, int clusterCount, unsigned seed, const QString& centroidsPath) {
    if (!models_.network() || !models_.model()) return emit failed(tr("Load a model first: clusters are of one of its layers."));
    if (recordings.isEmpty()) return emit failed(tr("Open recordings first: the clusters are learnt from them."));
    const ClusterRequest request{recordings, models_.model()->path, layer, clusterCount, seed, centroidsPath, featureCache()};
    const ClusterJob job(models_.network(), request);
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
