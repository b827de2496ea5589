#pragma once
#include <QObject>
#include <QStringList>

#include "jobs/JobQueue.h"
#include "views/ClusterTiers.h"

namespace m2ds {

class ModelService;
struct ClusterRequest;

/// The Clusters dock's jobs: cluster one layer of the loaded model, or one hidden state of a HuBERT / wav2vec 2.0
/// folder, over the open recordings, with a codebook learnt from them or read from a centroids file, on a queue of its
/// own where the latest request wins. Features go through the same cache as `m2ds cluster`
/// ($XDG_CACHE_HOME/m2ds/features), so a second codebook or k is quick.
class ClusterService : public QObject {
    Q_OBJECT
public:
    explicit ClusterService(ModelService& models, QObject* parent = nullptr);

    /// Learns `clusterCount` clusters on `layer` of `recordings` (paths) and assigns them. hubertFolder: a HuBERT /
    /// wav2vec 2.0 folder whose hidden_states[layer] are clustered (run where the loaded model runs, else on the CPU);
    /// empty: the loaded model's layer, failed() without one.
    void learn(const QStringList& recordings, const QString& hubertFolder, int layer, int clusterCount, unsigned seed);
    /// Assigns `recordings` with the [K, D] centroids in `centroidsPath` (D must be the layer's width).
    void assign(const QStringList& recordings, const QString& hubertFolder, int layer, const QString& centroidsPath);
    /// Drops the running job.
    void cancel();
    /// The last assignments, or null.
    ClusterTiersPtr tiers() const { return tiers_; }

signals:
    void progress(double fraction);
    void tiersReady(m2ds::ClusterTiersPtr tiers);
    void failed(const QString& message);

private:
    void start(ClusterRequest request);

    ModelService& models_;
    JobQueue jobs_;
    ClusterTiersPtr tiers_;
    int current_ = 0;
};

}  // namespace m2ds
