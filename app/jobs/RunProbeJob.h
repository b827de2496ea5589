#pragma once
#include <QString>
#include <vector>

#include "jobs/RunProbeRequest.h"
#include "views/RunProbeData.h"

namespace m2ds {

class ProgressMonitor;

/// A JobQueue job of the "Probe checkpoints" panel: every checkpoint of a run probed on one labelled set and one set of
/// folds. The checkpoints are opened one after the other (only one is in memory at a time) and their clip embeddings
/// come from core's ClipEmbeddingCache, so probing again after the run saved another checkpoint computes only the new
/// checkpoint's embeddings.
class RunProbeJob {
public:
    /// checkpoints: the run's, in training order (runCheckpoints); presetsDirectory: head counts for checkpoints
    /// without them; device: where the models and probes run ("cpu", "cuda"…); cacheDirectory: the embedding cache.
    RunProbeJob(std::vector<RunCheckpoint> checkpoints, QString presetsDirectory, QString device, QString cacheDirectory,
                RunProbeRequest request);

    /// Accuracy ± std of every chosen layer at every checkpoint, and the log-mel baseline. Throws InputError (the set, a
    /// checkpoint, checkpoints whose layers differ), InvalidArgument (layers, pooling, too few examples per fold),
    /// CancelledError.
    RunProbeData operator()(const ProgressMonitor& monitor) const;

private:
    std::vector<RunCheckpoint> checkpoints_;
    QString presetsDirectory_;
    QString device_;
    QString cacheDirectory_;
    RunProbeRequest request_;
};

}  // namespace m2ds
