#include "jobs/EmbeddingExportService.h"

#include "analysis/EmbeddingExportOptions.h"
#include "jobs/EmbeddingExportJob.h"
#include "jobs/ModelService.h"

namespace m2ds {

EmbeddingExportService::EmbeddingExportService(ModelService& models, QObject* parent)
    : QObject(parent), models_(models), jobs_(QStringLiteral("m2ds embedding export"), JobQueue::Policy::LatestWins, this) {
    connect(&jobs_, &JobQueue::progress, this, [this](int id, double fraction) {
        if (id == current_) emit progress(fraction);
    });
    connect(&jobs_, &JobQueue::failed, this, [this](int id, const QString& message) {
        if (id == current_) emit failed(message);
    });
}

QStringList EmbeddingExportService::formatNames() {
    QStringList names;
    for (EmbeddingFormat format : {EmbeddingFormat::Csv, EmbeddingFormat::Npy, EmbeddingFormat::Projector})
        names << QString::fromStdString(embeddingFormatName(format));
    return names;
}

void EmbeddingExportService::start(const EmbeddingExportRequest& request) {
    const bool loaded = models_.network() && models_.model();
    if (request.hubertFolder.isEmpty() && !loaded)
        return emit failed(tr("Load a model first, or choose a HuBERT folder: the embeddings are its layers."));
    if (request.recordings.isEmpty() && request.labelSource.isEmpty()) return emit failed(tr("Open recordings or choose a labelled set first."));
    if (request.output.isEmpty()) return emit failed(tr("Choose where to write the embeddings."));
    const EmbeddingExportJob job(models_.network(), loaded ? models_.model()->path : QString(), models_.encoderDevice(), request);
    current_ = jobs_.run<QString>([job](const ProgressMonitor& monitor) { return job(monitor); },
                                  [this](int, const QString& summary) { emit exported(summary); });
    emit progress(0.0);
}

void EmbeddingExportService::cancel() {
    jobs_.cancelAll();
    emit cancelled();
}

}  // namespace m2ds
