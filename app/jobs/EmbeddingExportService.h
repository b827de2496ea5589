#pragma once
#include <QObject>
#include <QStringList>

#include "jobs/EmbeddingExportRequest.h"
#include "jobs/JobQueue.h"

namespace m2ds {

class ModelService;

/// File ▸ Export Embeddings…: layers of the loaded model (or hidden states of a HuBERT / wav2vec 2.0 folder) over recordings (the open ones or a labelled set) written by
/// core's embedding writers — the ones `m2ds extract` uses — with the provenance sidecar, on a queue of its own where
/// the latest request wins.
class EmbeddingExportService : public QObject {
    Q_OBJECT
public:
    explicit EmbeddingExportService(ModelService& models, QObject* parent = nullptr);

    /// Core's format names ("csv", "npy", "projector"), the default first.
    static QStringList formatNames();

    /// Starts an export; progress() then exported() or failed(). failed() at once without a model (the loaded one or the
    /// request's HuBERT folder) or recordings.
    void start(const EmbeddingExportRequest& request);
    /// Drops the running export (nothing is left under the output's name); cancelled() follows at once.
    void cancel();
    bool isRunning() const { return jobs_.isPending(current_); }

signals:
    void progress(double fraction);
    /// The export is written: one line saying what and where.
    void exported(const QString& summary);
    void failed(const QString& message);
    void cancelled();

private:
    ModelService& models_;
    JobQueue jobs_;
    int current_ = 0;
};

}  // namespace m2ds
