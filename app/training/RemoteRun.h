#pragma once
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

#include "training/LaunchTarget.h"
#include "training/RemoteFileFetch.h"
#include "training/RemoteLogFollower.h"
#include "training/RemoteRunRegistry.h"
#include "training/RemoteShell.h"
#include "training/SlurmJobState.h"
#include "training/SshFileSource.h"

class QProcess;

namespace m2ds {

/// One `m2ds train` run on an SSH host or a SLURM cluster, seen from the workbench, with the contract of the
/// local TrainingRun. SSH: started detached on the host (`setsid nohup … &`, its pid in DIR/train.pid), so
/// it outlives the ssh session and the workbench; stop = SIGINT to its process group. SLURM: DIR/train.sbatch
/// submitted with `sbatch --parsable` (job id in DIR/train.jobid); state from squeue, then sacct; stop =
/// `scancel --signal=INT`, or while the job is still pending a plain scancel: it ends "cancelled", nothing ran. Both: the log is followed by a RemoteLogFollower, stderr's last lines are polled at the
/// same pace (every second) with the process (SSH) or, every 2 s, the job (SLURM), and after the end until the
/// process or job is seen gone (at most 5 polls); resume launches the same arguments with `--resume auto`, and each
/// launch is put in the RemoteRunRegistry so that the workbench can attach again after a restart. A SLURM run
/// that its time limit ended ends "timeout", saying where it stopped and what Resume does (SlurmJobEnd). A launch
/// whose paths start with `~` first asks the host for the login's home, once, and records them absolute (RemoteHome).
class RemoteRun : public QObject {
    Q_OBJECT
public:
    /// Launching: the launch script is on its way to the host (only seen with an asynchronous ShellRunner).
    enum class State { Idle, Launching, Pending, Running, Stopping };
    Q_ENUM(State)
    /// Runs a blocking remote script (launch, stop) and hands its result to `done` on the object's thread, at once or
    /// later. The default runs it right away on the calling thread; RemoteTrainingController runs it on a job thread.
    using ShellRunner = std::function<void(const RemoteShell& shell, const QString& script, std::function<void(const RemoteResult&)> done)>;

    /// registry: where launches are recorded (not owned; null = not recorded).
    RemoteRun(const LaunchTarget& target, RemoteRunRegistry* registry, QObject* parent = nullptr,
              QString controlFolder = RemoteShell::defaultControlFolder());
    /// Kills a status poll in flight; the remote run itself goes on.
    ~RemoteRun() override;

    /// Replaces how launch and stop scripts are run (see ShellRunner).
    void setShellRunner(ShellRunner runner) { runner_ = std::move(runner); }

    /// Launches `arguments` (m2ds arguments: `train …`) for the host folder `directory`; for SLURM the batch
    /// script is `sbatchScript` (as the user edited it), or the generated one when empty. One ssh round trip
    /// through the ShellRunner. False, with launchFailed, when the host refused (with an asynchronous runner:
    /// false only when busy; a refusal arrives later as launchFailed, the state back to Idle).
    bool start(const QStringList& arguments, const QString& directory, const QString& sbatchScript = {});
    /// Launches the last arguments again with --resume auto (SLURM: the script generated for them, or `sbatchScript`).
    bool resume(const QString& sbatchScript = {});
    /// SIGINT to the process group / the job's steps: the run checkpoints and ends "stopped". A SLURM job still
    /// pending is cancelled instead (SbatchScript::stopScript) and the run ends "cancelled" when the answer comes;
    /// its record stays, and Start or Resume launches it again.
    void stop();
    /// Follows a recorded run from the start of its log.
    bool attach(const RemoteRunRecord& record);
    /// Copies a checkpoint of the run into the local cache (fetchProgress, then fetched or fetchFailed).
    bool fetchCheckpoint(const QString& remotePath);
    /// True while launching `arguments` into the host folder `directory` needs the login's home first: one of
    /// them, or the target's working folder or m2ds command, starts with `~` (RemoteHome) and home() is not known.
    /// start() and resume() then ask for it first, in one more round trip through the ShellRunner.
    bool needsHome(const QStringList& arguments, const QString& directory) const;
    /// Asks the host for the login's home (one round trip through the ShellRunner), then homeResolved, or
    /// launchFailed saying why; at once homeResolved when it is known. From then on target() has no `~`.
    void resolveHome();
    /// Takes the login's home ("/home/ada", absolute) as another round trip read it (LaunchTargetCheck's), so that
    /// no launch asks for it again: as a resolveHome() that answered, without homeResolved.
    void setHome(const QString& home);

    State state() const { return state_; }
    /// The target, its working folder and m2ds command absolute once home() is known.
    const LaunchTarget& target() const { return target_; }
    /// The login's home on the host ("/home/ada"), once asked; empty before.
    QString home() const { return home_; }
    const RemoteRunRecord& record() const { return record_; }
    /// SLURM's state and reason ("PENDING (Resources)"), or "RUNNING"/"GONE" for an SSH process.
    QString schedulerState() const { return schedulerState_; }
    /// The last polled state of the job (SLURM: with its run time and limit).
    const SlurmJobState& job() const { return job_; }
    /// The last lines of the run's stderr since its launch.
    QString stderrTail() const { return stderrTail_; }
    bool canResume() const;
    RemoteLogFollower* follower() { return &follower_; }
    SshFileSource* source() { return &source_; }

    /// The batch script for `arguments` in the host folder `directory` on the SLURM target, every path absolute
    /// (SLURM expands no `~` in #SBATCH lines): ask for the home first when needsHome().
    QString sbatchScript(const QStringList& arguments, const QString& directory) const;

signals:
    void recordsRead(const m2ds::TrainingLogBatch& batch);
    void stateChanged(m2ds::RemoteRun::State state);
    void ended(const m2ds::TrainingEnd& end);
    void launchFailed(const QString& message);
    /// The login's home is known (home()).
    void homeResolved();
    /// schedulerState() or stderrTail() changed.
    void statusChanged();
    void connectionLost(const QString& message);
    void connectionRestored();
    void fetchProgress(int percent);
    void fetched(const QString& localPath);
    void fetchFailed(const QString& message);

private:
    /// Asks the login's home first when needsHome(), then sends the launch script.
    bool launch(const QStringList& arguments, const QString& sbatchScript);
    /// Sends the launch script of `arguments`, every `~` made absolute with home().
    void sendLaunch(const QStringList& arguments, const QString& sbatchScript, std::function<void(bool)> launched);
    /// Asks the host for the login's home: sets home() and makes target() absolute, then `done`; or `failed` with
    /// the message to show.
    void lookUpHome(std::function<void()> done, std::function<void(const QString&)> failed);
    /// The launch script's answer: follows the launched run, or reports why it failed.
    bool onLaunched(const RemoteResult& result);
    /// Forgets how the last launch ended and what its polls saw of the process or job (a new launch or attach).
    void forgetLastEnd();
    QString launchScript(const QStringList& arguments, const QString& sbatchScript) const;
    /// askState: with the process's or job's state (else stderr's tail only).
    QString statusScript(bool askState) const;
    /// Whether this poll asks for the process's or job's state (see kSchedulerEveryPolls).
    bool schedulerDue();
    void pollStatus();
    /// Stops the status polls and drops one in flight (a launch or attach: no answer about the last run arrives).
    void stopStatusPolls();
    void dropStatusPoll();
    void onStatus(const QByteArray& output);
    void onRecords(const TrainingLogBatch& batch);
    /// The end to report: the log's `logEnd` (null: the process or job is gone without one), for SLURM as
    /// SlurmJobEnd tells it.
    TrainingEnd endOf(const TrainingEnd* logEnd) const;
    void finish(const TrainingEnd& end);
    void setState(State state);
    void remember();

    LaunchTarget target_;
    RemoteRunRegistry* registry_;
    ShellRunner runner_;
    RemoteShell shell_;
    SshFileSource source_;
    RemoteLogFollower follower_;
    RemoteFileFetch fetch_;
    QTimer statusTimer_;
    QPointer<QProcess> statusProcess_;
    RemoteRunRecord record_;
    State state_ = State::Idle;
    QString home_;
    QString schedulerState_;
    SlurmJobState job_;
    bool statusKnown_ = false;  ///< a status poll answered since the launch or attach
    /// A stop of a SLURM run nobody here asked for, read before any status: the job's state decides whether its
    /// time limit stopped it, so the end waits for the next status answer.
    std::optional<TrainingEnd> pendingEnd_;
    qint64 lastIteration_ = -1;
    TrainingCheckpoint lastCheckpoint_;  ///< the last one the log named (of any launch of the run)
    QString stderrTail_;
    int gonePolls_ = 0;  ///< status polls in a row that found the process or job gone
    int statusPolls_ = 0;   ///< since the launch or attach, for kSchedulerEveryPolls
    int closingPolls_ = 0;  ///< since the end
    std::optional<TrainingEnd> lastEnd_;
};

}  // namespace m2ds
