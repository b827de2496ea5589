#pragma once
#include <QString>
#include <exception>
#include <memory>

#include "jobs/EmbeddingExportRequest.h"

namespace m2ds {

class M2dsModel;
class ProgressMonitor;

/// A JobQueue job: the chosen layers of a loaded model over the request's recordings (or labelled set, whose labels
/// go into formats that carry one), one recording after another, through core's EmbeddingWriter, then the sidecar.
class EmbeddingExportJob {
public:
    /// checkpointPath: the model's weights file, named and hashed in the sidecar.
    EmbeddingExportJob(std::shared_ptr<const M2dsModel> model, QString checkpointPath, EmbeddingExportRequest request)
        : model_(std::move(model)), checkpointPath_(std::move(checkpointPath)), request_(std::move(request)) {}
    /// Runs on a job thread; returns one line saying what was written where. Throws InputError (a recording or set
    /// that cannot be read), InvalidArgument (layers, format or pooling), OutputError, CancelledError.
    QString operator()(const ProgressMonitor& monitor) const;

private:
    std::shared_ptr<const M2dsModel> model_;
    QString checkpointPath_;
    EmbeddingExportRequest request_;
};

}  // namespace m2ds
