#pragma once
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

#include "jobs/JobQueue.h"
#include "jobs/ProbeJob.h"
#include "jobs/ProbeRequest.h"
#include "views/ProbeResultsData.h"

namespace m2ds {

class ModelService;
struct ProbeReport;

/// The Probe page's jobs on one queue where the latest request wins: estimate() (what a run would cost: recordings,
/// cached embeddings, disk, audio) and run() (the labelled set's clip embeddings for the loaded model and the extra
/// models through the embedding cache `m2ds probe` uses, linear probes on every layer with the weighted sum and the
/// log-mel baseline on shared folds, linear CKA between layers, PCA of the best layer). A failure is one line naming
/// the file and the problem.
class ProbeService : public QObject {
    Q_OBJECT
public:
    /// presetsDirectory: models/presets as installed (head counts of extra checkpoints); cacheDirectory: the clip
    /// embedding cache (empty: core's default, $XDG_CACHE_HOME/m2ds/embeddings).
    ProbeService(ModelService& models, QString presetsDirectory, QString cacheDirectory = {}, QObject* parent = nullptr);
    ~ProbeService() override;

    /// Counts what run(request) would compute; estimateReady() or failed() follows.
    void estimate(const ProbeRequest& request);
    /// Runs the study; progress() then resultsReady() or failed().
    void run(const ProbeRequest& request);
    /// Drops the running job; cancelled() follows at once.
    void cancel();
    /// The last results, or null.
    ProbeResultsDataPtr results() const { return results_; }
    /// Writes the last report to `path`: .json (the report `m2ds probe` writes) or .csv (layer,model,accuracy,std,f1,
    /// f1_std), atomically. Returns an empty string or one line naming the file and the problem.
    QString saveResults(const QString& path) const;

signals:
    void progress(double fraction);
    void estimateReady(const m2ds::ProbeEstimateData& estimate);
    void resultsReady(m2ds::ProbeResultsDataPtr results);
    void failed(const QString& message);
    void cancelled();

private:
    /// The job for `request`, or none (with failed() emitted) when there is nothing to probe.
    std::optional<ProbeJob> jobFor(const ProbeRequest& request);

    ModelService& models_;
    QString presetsDirectory_;
    QString cacheDirectory_;
    JobQueue jobs_;
    int current_ = 0;
    ProbeResultsDataPtr results_;
    std::shared_ptr<const ProbeReport> report_;
};

}  // namespace m2ds
