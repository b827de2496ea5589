#pragma once
#include <QVector>
#include <QWidget>

#include "training/RemoteRunRegistry.h"
#include "training/TrainPresets.h"
#include "training/TrainSettingsValidator.h"
#include "training/TrainingProgress.h"
#include "training/TrainingRun.h"

class QLabel;
class QPushButton;

namespace m2ds {

class CheckedLaunch;
class CheckpointList;
class DataUploadState;
class DryRunJob;
class LaunchTargetSelector;
class RemoteRun;
class RemoteRunPicker;
class RunProbeDialog;
class RunProbeService;
class RemoteTrainingController;
struct LaunchTarget;
class TrainForm;
class TrainingCurves;
struct DryRunResult;

/// The Train page: where to run (this computer, an SSH host or a SLURM cluster), the run's settings on the
/// left (checked before anything is launched), Dry run / Start / Stop / Resume, and on the right the run's
/// state and progress, live curves from its log and its checkpoints. The run is a detached `m2ds train`
/// process (on a remote target: through RemoteTrainingController, after LaunchTargetCheck passed for the run's
/// folder): it goes on when the workbench closes, and the page follows it again at the next start (the folder,
/// or the remote run, is remembered in QSettings).
class TrainPage : public QWidget {
    Q_OBJECT
public:
    /// The QSettings key holding the folder of the run the page follows.
    static const char* const kActiveRunKey;
    /// The QSettings key holding the remote run the page follows: [target name, folder on the host].
    static const char* const kActiveRemoteRunKey;

    /// presets: the model presets offered; program: the m2ds executable. Follows the remembered run, if any.
    TrainPage(const QVector<TrainPreset>& presets, const QString& program, QWidget* parent = nullptr);

    /// Follows the run in `directory`: its curves, checkpoints and, while it goes on, its progress; the form
    /// shows the run's command. False when the folder holds no training log.
    bool followRun(const QString& directory);

    TrainForm* form() const { return form_; }
    TrainingCurves* curves() const { return curves_; }
    CheckpointList* checkpoints() const { return checkpoints_; }
    TrainingRun* run() const { return run_; }
    LaunchTargetSelector* targets() const { return targets_; }
    RemoteTrainingController* remote() const { return remote_; }
    RemoteRunPicker* remoteRuns() const { return remoteRuns_; }
    /// Follows a remote run of the registry on its saved target; false when the target is gone or the page is busy.
    bool followRemoteRun(const RemoteRunRecord& record);
    /// Opens "Probe checkpoints" (non-modal) on the local run's folder: its checkpoints probed on a labelled set.
    RunProbeDialog* showRunProbe();
    QPushButton* probeCheckpointsButton() const { return probeCheckpoints_; }
    /// Uploads the local folder `localFolder` to the remote target (into `remoteFolder`, empty = its
    /// `data/<folder name>`) and, once there, puts the host's path into the form's `field` ("speech" or
    /// "noise"); the progress and the outcome in the label "uploadState". False when the target is this computer
    /// or an upload is on its way.
    bool uploadData(const QString& field, const QString& localFolder, const QString& remoteFolder = {});
    bool isUploading() const;
    /// True while Start or Resume waits for the remote target's check (Stop cancels it).
    bool isCheckingTarget() const;

signals:
    /// The user asked to open a checkpoint in the Inspect view.
    void openCheckpointRequested(const QString& path);

private:
    QWidget* createControls();
    QWidget* createMonitor();
    /// Buttons, form, checkpoint list and dry run.
    void connectControls();
    /// The run's records, state and end.
    void connectRun();
    /// The remote run's, now and after each change of target.
    void connectRemote();
    /// `run`'s records, state, stderr, connection, home look-up and checkpoint copies (until it is deleted).
    void connectRemoteRun(RemoteRun* run);
    /// True when the chosen target is an SSH host or a SLURM cluster.
    bool remoteMode() const;
    /// The folder of the run on this computer (followed, or the form's output folder); empty for a remote target.
    QString localRunFolder() const;
    void onTargetChanged(const LaunchTarget& target);
    /// Start on a remote target: the form, then the target's check, then launchRemoteRun.
    void startRemoteRun();
    /// The home's look-up when still needed, the batch script (SLURM) and the launch.
    void launchRemoteRun();
    void resumeRemoteRun();
    /// The state line: `text`, in red when it is a problem.
    void showState(const QString& text, bool problem);
    void stopRun();
    void openCheckpoint(const QString& path);
    /// The batch script as the user leaves it (empty = not submitted); for an SSH host, not asked.
    bool confirmSbatch(const QString& generated, QString& script);
    /// The remote run's state line (not once it ended: then onEnded's text stays) and its stderr tail.
    void showRemoteState();
    void rememberRemoteRun();
    void restoreRun();
    /// Clears the curves, progress and checkpoints for another run.
    void clearMonitor();
    bool checkForm(TrainSettingsValidator::Purpose purpose);
    void toggleDryRun();
    void startRun();
    void resumeRun();
    void onOutputChosen(const QString& directory);
    void onRecords(const TrainingLogBatch& batch);
    void onEnded(const TrainingEnd& end);
    void showDryRun(const DryRunResult& result);
    void updateControls();
    void rememberRun(const QString& directory);

    TrainForm* form_;
    TrainingCurves* curves_;
    CheckpointList* checkpoints_;
    TrainingRun* run_;
    LaunchTargetSelector* targets_;
    RemoteTrainingController* remote_;
    RemoteRunPicker* remoteRuns_;
    DryRunJob* dryRun_;
    TrainingProgress progress_;
    QLabel* runState_;
    QLabel* progressLabel_;
    QLabel* remoteStderr_;
    QLabel* fetchLabel_;
    QLabel* dryRunResult_;
    DataUploadState* uploadState_;
    QPushButton* dryRunButton_;
    QPushButton* startButton_;
    QPushButton* stopButton_;
    QPushButton* resumeButton_;
    QPushButton* probeCheckpoints_;
    RunProbeService* runProbes_;
    RunProbeDialog* runProbeDialog_ = nullptr;
    CheckedLaunch* checkedLaunch_;
    QString endLine_;                   ///< how the followed run ended, as the state line said it; empty while none
    bool awaitingHome_ = false;  ///< Start asked the host for the login's home; the launch follows its answer
    bool problemsShown_ = false;
    TrainSettingsValidator::Purpose shownPurpose_ = TrainSettingsValidator::Purpose::DryRun;
};

}  // namespace m2ds
