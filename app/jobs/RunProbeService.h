#pragma once
#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <optional>

#include "jobs/JobQueue.h"
#include "jobs/RunProbeRequest.h"
#include "views/RunProbeData.h"

namespace m2ds {

/// The Train page's "Probe checkpoints": every checkpoint a run saved probed on one labelled set (RunProbeJob on one
/// queue where the latest request wins), and again whenever the run's folder gains or loses a checkpoint (a
/// QFileSystemWatcher, debounced), until cancel(). The scores of unchanged checkpoints are kept from the last results
/// of the same request, so only a new checkpoint is opened, embedded and probed.
class RunProbeService : public QObject {
    Q_OBJECT
public:
    /// presetsDirectory: head counts for checkpoints without them; cacheDirectory: the clip embedding cache (empty:
    /// core's default, $XDG_CACHE_HOME/m2ds/embeddings); device: where models and probes run.
    explicit RunProbeService(QString presetsDirectory = {}, QString cacheDirectory = {}, QString device = QStringLiteral("cpu"),
                             QObject* parent = nullptr);

    /// Probes the run's checkpoints now and follows its folder; started() then progress(), resultsReady() or failed().
    /// A folder without a checkpoint yet is followed and waiting() says so.
    void run(const RunProbeRequest& request);
    /// Drops the running job and stops following the folder; cancelled() follows at once.
    void cancel();
    /// True while a run's folder is followed (from run() until cancel()).
    bool isFollowing() const { return request_.has_value(); }
    /// The last results, or null.
    RunProbeDataPtr results() const { return results_; }
    /// Quiet time (ms) after the folder last changed before probing again: a checkpoint is written in one rename, but
    /// the run may delete an older one right after.
    void setDebounceInterval(int milliseconds) { debounce_.setInterval(milliseconds); }

signals:
    /// A job began on `checkpoints` checkpoints.
    void started(int checkpoints);
    void progress(double fraction);
    void resultsReady(m2ds::RunProbeDataPtr results);
    /// Nothing to probe yet (the message says why); the folder is still followed.
    void waiting(const QString& message);
    void failed(const QString& message);
    void cancelled();

private:
    /// Probes the folder's checkpoints when they differ from those last probed (or `always`).
    void probeFolder(bool always);

    QString presetsDirectory_;
    QString cacheDirectory_;
    QString device_;
    JobQueue jobs_;
    QFileSystemWatcher watcher_;
    QTimer debounce_;
    std::optional<RunProbeRequest> request_;
    QStringList probed_;  ///< the checkpoint paths of the last job
    int current_ = 0;
    RunProbeDataPtr results_;
    std::optional<RunProbeRequest> resultsRequest_;  ///< what results_ answer
};

}  // namespace m2ds
