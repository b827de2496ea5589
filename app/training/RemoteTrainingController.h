#pragma once
#include <QObject>
#include <QVector>

#include "jobs/JobQueue.h"
#include "training/LaunchTarget.h"
#include "training/RemoteRun.h"
#include "training/RemoteRunRegistry.h"
#include "training/TrainSettings.h"

namespace m2ds {

/// The Train page's remote runs: one RemoteRun on the chosen SSH or SLURM target, whose blocking ssh round
/// trips (launch, stop, the home's look-up) run on a job thread so that the window never waits for the network;
/// the form's settings as paths on the host, and the registry of launched runs for attaching again after a
/// restart. The run's records, state, stderr tail and checkpoint copies are its own signals: connect to run(),
/// again at each runReplaced.
class RemoteTrainingController : public QObject {
    Q_OBJECT
public:
    /// controlFolder: as for RemoteShell; registryPath: as for RemoteRunRegistry (empty = the default file).
    explicit RemoteTrainingController(QObject* parent = nullptr, QString controlFolder = RemoteShell::defaultControlFolder(),
                                      QString registryPath = {});
    /// Drops the ssh round trips in flight (their answers are not waited for beyond the one running).
    ~RemoteTrainingController() override;

    /// Launches go to `target` from now on; false (nothing changes) while a run is followed.
    bool setTarget(const LaunchTarget& target);
    const LaunchTarget& target() const { return run_->target(); }
    /// The run on the target: its state, record, signals, stop, resume and checkpoint copies. Owned here; setTarget
    /// deletes it and makes another (runReplaced).
    RemoteRun* run() const { return run_; }
    bool isIdle() const { return run_->state() == RemoteRun::State::Idle; }

    /// Launches `settings` (paths on the host: remoteSettings() applied) on the target; `sbatchScript` as for
    /// RemoteRun::start. False when busy or the target is not remote; otherwise the outcome follows as
    /// stateChanged or launchFailed.
    bool start(const TrainSettings& settings, const QString& sbatchScript = {});
    /// Follows the recorded run on `target` (which must be the record's): setTarget, then RemoteRun::attach.
    bool attach(const LaunchTarget& target, const RemoteRunRecord& record);
    /// The runs launched from this workbench, newest last.
    QVector<RemoteRunRecord> records() const { return registry_.load(); }

    /// The batch script a SLURM launch of `settings` submits (before the user edits it); its paths absolute once
    /// the login's home is known (see needsHome).
    QString sbatchScript(const TrainSettings& settings) const;
    /// The batch script RemoteRun::resume submits for the followed run.
    QString resumeSbatchScript() const;
    /// True while launching `settings` needs the login's home first (a path with `~`, RemoteRun::needsHome):
    /// start() asks for it on its own, but sbatchScript() is only absolute after RemoteRun::resolveHome.
    bool needsHome(const TrainSettings& settings) const;
    /// One line for the page: what the run is doing, its scheduler state, where.
    QString stateLine() const;

    /// `settings` with its paths as paths on `target`'s host: absolute ones and those in the login's home (`~/…`) as
    /// typed, others under its working folder.
    static TrainSettings remoteSettings(TrainSettings settings, const LaunchTarget& target);

signals:
    /// setTarget deleted the run and made `run`, on the new target: connect to its signals.
    void runReplaced(m2ds::RemoteRun* run);

private:
    void replaceRun(const LaunchTarget& target);

    QString controlFolder_;
    RemoteRunRegistry registry_;
    JobQueue queue_;
    RemoteRun* run_ = nullptr;
};

}  // namespace m2ds
