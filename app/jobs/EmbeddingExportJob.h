#pragma once
#include <QString>
#include <exception>
#include <memory>

#include "jobs/EmbeddingExportRequest.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// A JobQueue job: the chosen layers of the loaded model, or hidden states of the request's HuBERT / wav2vec 2.0 folder
/// (opened on the job thread), over the request's recordings (or labelled set, whose labels go into formats that
/// carry one), one recording after another, through core's EmbeddingWriter, then the sidecar: what `m2ds extract`
/// writes for the same model, layers and files.
class EmbeddingExportJob {
public:
    /// model / checkpointPath: the loaded network and its weights file, named and hashed in the sidecar (null / empty
    /// when the request names a HuBERT folder); device: where a HuBERT folder runs.
    EmbeddingExportJob(std::shared_ptr<const M2dsModel> model, QString checkpointPath, QString device, EmbeddingExportRequest request)
        : model_(std::move(model)), checkpointPath_(std::move(checkpointPath)), device_(std::move(device)), request_(std::move(request)) {}
    /// Runs on a job thread; returns one line saying what was written where. Throws InputError (a recording or set
    /// that cannot be read, a folder that is not a model), InvalidArgument (layers, format or pooling), OutputError,
    /// CancelledError.
    QString operator()(const ProgressMonitor& monitor) const;

private:
    std::shared_ptr<const M2dsModel> model_;
    QString checkpointPath_;
    QString device_;
    EmbeddingExportRequest request_;
};

}  // namespace m2ds
