#pragma once
#include <QString>
#include <QStringList>
#include <exception>
#include <memory>

#include "views/ClusterTiers.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// What to cluster: one layer of the loaded model over recordings, with a codebook learnt from them (mini-batch
/// k-means, fairseq's settings but n_init 3) or read from a centroids .npy.
struct ClusterRequest {
    QStringList recordings;
    QString checkpointPath;  ///< the loaded model's file (names the features in the cache)
    int layer = 0;
    int clusterCount = 50;
    unsigned seed = 0;
    QString centroidsPath;   ///< empty: learn a codebook
    QString cacheDirectory;  ///< feature cache (shared with `m2ds cluster`)
};

/// A JobQueue job: features of the recordings (computed once into the feature cache), a codebook, and every
/// recording's assignments as run-length segments with their distances.
class ClusterJob {
public:
    ClusterJob(std::shared_ptr<const M2dsModel> model, ClusterRequest request) : model_(std::move(model)), request_(std::move(request)) {}
    /// Runs on a job thread; throws InputError (a bad centroids file, k above the frame count), CancelledError.
    ClusterTiers operator()(const ProgressMonitor& monitor) const;
    /// The message for an error operator() threw.
    static QString describeFailure(const std::exception& error);

private:
    std::shared_ptr<const M2dsModel> model_;
    ClusterRequest request_;
};

}  // namespace m2ds
