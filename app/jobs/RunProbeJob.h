#pragma once
#include <QString>
#include <vector>

#include "jobs/RunProbeRequest.h"
#include "views/RunProbeData.h"

namespace m2ds {

class ProgressMonitor;

/// A JobQueue job of the "Probe checkpoints" panel: every checkpoint of a run probed on one labelled set and one set of
/// folds. The checkpoints are opened one after the other (only one is in memory at a time) and their clip embeddings
/// come from core's ClipEmbeddingCache. Given the results of the same request before, the scores of checkpoints whose
/// files are unchanged are kept (the folds are a function of the examples only), so after the run saved another
/// checkpoint only that one is opened, embedded and probed, unless the set's recordings changed meanwhile.
class RunProbeJob {
public:
    /// checkpoints: the run's, in training order (runCheckpoints); presetsDirectory: head counts for checkpoints
    /// without them; device: where the models and probes run ("cpu", "cuda"…); cacheDirectory: the embedding cache;
    /// previous: the last results of the same request (sameRunProbe), or null.
    RunProbeJob(std::vector<RunCheckpoint> checkpoints, QString presetsDirectory, QString device, QString cacheDirectory,
                RunProbeRequest request, RunProbeDataPtr previous = {});

    /// Accuracy ± std of every chosen layer at every checkpoint, and the log-mel baseline. Throws InputError (the set, a
    /// checkpoint, checkpoints whose layers differ), InvalidArgument (layers, pooling, too few examples per fold),
    /// CancelledError.
    RunProbeData operator()(const ProgressMonitor& monitor) const;

private:
    /// Per checkpoint, its column in previous_ when its file is unchanged, else -1.
    std::vector<int> keptColumns() const;

    std::vector<RunCheckpoint> checkpoints_;
    QString presetsDirectory_;
    QString device_;
    QString cacheDirectory_;
    RunProbeRequest request_;
    RunProbeDataPtr previous_;
};

}  // namespace m2ds
