#pragma once
#include <QString>
#include <memory>

#include "jobs/ProbeRequest.h"
#include "views/ProbeResultsData.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;
struct ProbeReport;

/// What a probe run gives: what the page draws, and core's report (for saving it as `m2ds probe` would).
struct ProbeOutcome {
    ProbeResultsDataPtr results;
    std::shared_ptr<const ProbeReport> report;
};

/// JobQueue jobs of the Probe page. The models are the loaded one (if any) and the request's extra checkpoints (M2D
/// files, or Hugging Face HuBERT / wav2vec 2.0 folders), opened on the job thread; the labelled set's clip embeddings
/// of each come from core's ClipEmbeddingCache (computed once, then read back), the log-mel mean+std baseline too.
class ProbeJob {
public:
    /// loaded / loadedPath: the model open in the workbench (null: none); presetsDirectory: head counts for
    /// checkpoints without them; device: where probes fit ("cpu", "cuda"…); cacheDirectory: the embedding cache.
    ProbeJob(std::shared_ptr<const M2dsModel> loaded, QString loadedPath, QString presetsDirectory, QString device, QString cacheDirectory,
             ProbeRequest request);

    /// What run() would compute: recordings, cached entries, disk and audio still to process. Throws InputError (the set,
    /// a model), InvalidArgument (layers, pooling).
    ProbeEstimateData estimate(const ProgressMonitor& monitor) const;
    /// The study: embeddings → ProbeExperiment → CKA of the first model's layers (with the second's when there are two)
    /// → PCA of the first model's best layer. Throws as estimate(), plus InvalidArgument from the probe (one label,
    /// too few examples per fold), CancelledError.
    ProbeOutcome run(const ProgressMonitor& monitor) const;

private:
    std::shared_ptr<const M2dsModel> loaded_;
    QString loadedPath_;
    QString presetsDirectory_;
    QString device_;
    QString cacheDirectory_;
    ProbeRequest request_;
};

}  // namespace m2ds
