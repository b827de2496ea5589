#pragma once
#include <QObject>

#include "jobs/JobQueue.h"
#include "training/LaunchTargetCheck.h"

namespace m2ds {

/// LaunchTargetCheck off the GUI thread (it waits for an ssh round trip, up to 30 s): the target dialog's Check.
/// A new check replaces the one in flight, whose answer is dropped.
class LaunchTargetCheckJob : public QObject {
    Q_OBJECT
public:
    /// controlFolder: as for RemoteShell.
    explicit LaunchTargetCheckJob(QObject* parent = nullptr, QString controlFolder = RemoteShell::defaultControlFolder());

    /// Checks `target` for a run in the host folder `runDirectory`; finished() follows on this thread.
    void start(const LaunchTarget& target, const QString& runDirectory);
    /// Drops the check in flight: no signal follows.
    void cancel();
    bool isRunning() const { return queue_.pendingCount() > 0; }

signals:
    void finished(const m2ds::LaunchTargetReport& report);

private:
    JobQueue queue_;
    QString controlFolder_;
};

}  // namespace m2ds
