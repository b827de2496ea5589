#pragma once
#include <QVector>
#include <QWidget>

#include "training/TrainPresets.h"
#include "training/TrainSettingsValidator.h"
#include "training/TrainingProgress.h"
#include "training/TrainingRun.h"

class QLabel;
class QPushButton;

namespace m2ds {

class CheckpointList;
class DryRunJob;
class TrainForm;
class TrainingCurves;
struct DryRunResult;

/// The Train page: the run's settings on the left (checked before anything is launched), Dry run / Start /
/// Stop / Resume, and on the right the run's state and progress, live curves from its log and its
/// checkpoints. The run is a detached `m2ds train` process: it goes on when the workbench closes, and the
/// page follows it again at the next start (the folder is remembered in QSettings).
class TrainPage : public QWidget {
    Q_OBJECT
public:
    /// The QSettings key holding the folder of the run the page follows.
    static const char* const kActiveRunKey;

    /// presets: the model presets offered; program: the m2ds executable. Follows the remembered run, if any.
    TrainPage(const QVector<TrainPreset>& presets, const QString& program, QWidget* parent = nullptr);

    /// Follows the run in `directory`: its curves, checkpoints and, while it goes on, its progress; the form
    /// shows the run's command. False when the folder holds no training log.
    bool followRun(const QString& directory);

    TrainForm* form() const { return form_; }
    TrainingCurves* curves() const { return curves_; }
    CheckpointList* checkpoints() const { return checkpoints_; }
    TrainingRun* run() const { return run_; }

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
    DryRunJob* dryRun_;
    TrainingProgress progress_;
    QLabel* runState_;
    QLabel* progressLabel_;
    QLabel* dryRunResult_;
    QPushButton* dryRunButton_;
    QPushButton* startButton_;
    QPushButton* stopButton_;
    QPushButton* resumeButton_;
    bool problemsShown_ = false;
    TrainSettingsValidator::Purpose shownPurpose_ = TrainSettingsValidator::Purpose::DryRun;
};

}  // namespace m2ds
