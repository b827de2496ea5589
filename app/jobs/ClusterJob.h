#pragma once
#include <QString>
#include <QStringList>
#include <exception>
#include <memory>

#include "views/ClusterTiers.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// What to cluster: one layer of the loaded model, or one hidden state of a HuBERT / wav2vec 2.0 folder, over
/// recordings, with a codebook learnt from them (mini-batch k-means, fairseq's settings but n_init 3) or read from a
/// centroids .npy.
struct ClusterRequest {
    QStringList recordings;
    QString checkpointPath;  ///< the loaded model's file (names the features in the cache); unused with hubertFolder
    QString hubertFolder;    ///< a Hugging Face HuBERT / wav2vec 2.0 folder to take the features from; empty: the loaded model
    QString device = QStringLiteral("cpu");  ///< where the HuBERT folder runs
    int layer = 0;           ///< the loaded model's layer (0 = patch embedding), or the folder's hidden_states index
    int clusterCount = 50;
    unsigned seed = 0;
    QString centroidsPath;   ///< empty: learn a codebook
    QString cacheDirectory;  ///< feature cache (shared with `m2ds cluster`)
};

/// A JobQueue job: features of the recordings (computed once into the feature cache), a codebook, and every
/// recording's assignments as run-length segments with their distances, in seconds at the features' frame rate
/// (1 / (patch width · hop) for M2D layers, 50 Hz for HuBERT).
class ClusterJob {
public:
    /// model: the loaded network (may be null when the request names a HuBERT folder).
    ClusterJob(std::shared_ptr<const M2dsModel> model, ClusterRequest request) : model_(std::move(model)), request_(std::move(request)) {}
    /// Runs on a job thread (a HuBERT folder is opened here); throws InputError (a folder that is not a model, a bad
    /// centroids file, k above the frame count), InvalidArgument (a layer outside the model), CancelledError.
    ClusterTiers operator()(const ProgressMonitor& monitor) const;
    /// The message for an error operator() threw.
    static QString describeFailure(const std::exception& error);

private:
    std::shared_ptr<const M2dsModel> model_;
    ClusterRequest request_;
};

}  // namespace m2ds
