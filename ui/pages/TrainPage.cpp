#include "pages/TrainPage.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

#include "dialogs/RunProbeDialog.h"
#include "dialogs/SbatchScriptDialog.h"
#include "jobs/RunProbeService.h"
#include "plots/TrainingCurves.h"
#include "training/DryRunJob.h"
#include "training/CheckedLaunch.h"
#include "training/RemoteTrainingController.h"
#include "widgets/CheckpointList.h"
#include "widgets/DataUploadState.h"
#include "widgets/LaunchTargetSelector.h"
#include "widgets/PathPicker.h"
#include "widgets/RemoteRunPicker.h"
#include "widgets/TrainForm.h"

namespace m2ds {
namespace {

constexpr int kDryRunSteps = 5;
const QString kErrorStyle = QStringLiteral("color: #c62828;");

QLabel* wrappingLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

const char* const TrainPage::kActiveRunKey = "train/activeRunDirectory";
const char* const TrainPage::kActiveRemoteRunKey = "train/activeRemoteRun";

TrainPage::TrainPage(const QVector<TrainPreset>& presets, const QString& program, QWidget* parent)
    : QWidget(parent), form_(new TrainForm(presets, this)), curves_(new TrainingCurves(this)), checkpoints_(new CheckpointList(this)),
      run_(new TrainingRun(program, this)), targets_(new LaunchTargetSelector(this)), remote_(new RemoteTrainingController(this)),
      remoteRuns_(new RemoteRunPicker(this)), dryRun_(new DryRunJob(program, this)), runState_(wrappingLabel("runState", this)),
      progressLabel_(wrappingLabel("runProgress", this)), remoteStderr_(wrappingLabel("remoteStderr", this)),
      fetchLabel_(wrappingLabel("fetchState", this)), dryRunResult_(wrappingLabel("dryRunResult", this)), uploadState_(new DataUploadState(this)),
      dryRunButton_(new QPushButton(tr("Dry Run"), this)), startButton_(new QPushButton(tr("Start"), this)),
      stopButton_(new QPushButton(tr("Stop"), this)), resumeButton_(new QPushButton(tr("Resume"), this)),
      probeCheckpoints_(new QPushButton(tr("Probe checkpoints…"), this)), runProbes_(new RunProbeService({}, {}, QStringLiteral("cpu"), this)),
      checkedLaunch_(new CheckedLaunch(*remote_, this)) {
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createControls());
    splitter->addWidget(createMonitor());
    splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(splitter);
    connectControls();
    connectRun();
    connectRemote();
    runState_->setText(tr("No run. Fill in the form and press Start, or choose the output folder of an earlier run to follow it."));
    remoteRuns_->setRecords(remote_->records());
    restoreRun();
    updateControls();
}

void TrainPage::restoreRun() {
    const QStringList remote = QSettings().value(QLatin1String(kActiveRemoteRunKey)).toStringList();
    for (const RemoteRunRecord& record : remote_->records())
        if (remote.size() == 2 && record.target == remote[0] && record.directory == remote[1] && followRemoteRun(record)) return;
    const QString remembered = QSettings().value(QLatin1String(kActiveRunKey)).toString();
    if (!remembered.isEmpty()) followRun(remembered);
}

void TrainPage::connectControls() {
    connect(dryRunButton_, &QPushButton::clicked, this, &TrainPage::toggleDryRun);
    connect(startButton_, &QPushButton::clicked, this, &TrainPage::startRun);
    connect(stopButton_, &QPushButton::clicked, this, &TrainPage::stopRun);
    connect(resumeButton_, &QPushButton::clicked, this, &TrainPage::resumeRun);
    connect(form_, &TrainForm::edited, this, [this] {
        if (problemsShown_) checkForm(shownPurpose_);  // follow the user's corrections
    });
    connect(form_->outputPicker(), &PathPicker::pathChosen, this, &TrainPage::onOutputChosen);
    connect(form_, &TrainForm::uploadRequested, this, [this](const QString& field) { uploadState_->request(remote_->target(), field); });
    connect(uploadState_, &DataUploadState::uploaded, form_, &TrainForm::setDataPath);
    connect(uploadState_, &DataUploadState::uploadingChanged, this, [this](const QString& field) {
        form_->setUploading(field);
        updateControls();
    });
    connect(checkpoints_, &CheckpointList::openRequested, this, &TrainPage::openCheckpoint);
    connect(probeCheckpoints_, &QPushButton::clicked, this, &TrainPage::showRunProbe);
    connect(targets_, &LaunchTargetSelector::targetChanged, this, &TrainPage::onTargetChanged);
    connect(remoteRuns_, &RemoteRunPicker::followRequested, this, &TrainPage::followRemoteRun);
    connect(dryRun_, &DryRunJob::finished, this, &TrainPage::showDryRun);
    connect(checkedLaunch_, &CheckedLaunch::stateLine, this, &TrainPage::showState);
    connect(checkedLaunch_, &CheckedLaunch::checkingChanged, this, &TrainPage::updateControls);
    connect(dryRun_, &DryRunJob::failed, this, [this](const QString& message) {
        dryRunResult_->setStyleSheet(kErrorStyle);
        dryRunResult_->setText(tr("Dry run failed: %1").arg(message));
        updateControls();
    });
}

void TrainPage::connectRun() {
    connect(run_, &TrainingRun::recordsRead, this, &TrainPage::onRecords);
    connect(run_, &TrainingRun::ended, this, &TrainPage::onEnded);
    connect(run_, &TrainingRun::stateChanged, this, [this](TrainingRun::State state) {
        runState_->setStyleSheet({});
        if (state == TrainingRun::State::Running) runState_->setText(tr("Running (process %1) in %2").arg(run_->pid()).arg(run_->directory()));
        if (state == TrainingRun::State::Stopping) runState_->setText(tr("Stopping: the run saves a checkpoint first…"));
        updateControls();
    });
    connect(run_, &TrainingRun::launchFailed, this, [this](const QString& message) {
        runState_->setStyleSheet(kErrorStyle);
        runState_->setText(tr("Could not start: %1").arg(message));
    });
}

void TrainPage::connectRemote() {
    connect(remote_, &RemoteTrainingController::runReplaced, this, &TrainPage::connectRemoteRun);
    connectRemoteRun(remote_->run());
}

void TrainPage::connectRemoteRun(RemoteRun* run) {
    connect(run, &RemoteRun::recordsRead, this, &TrainPage::onRecords);
    connect(run, &RemoteRun::ended, this, &TrainPage::onEnded);
    connect(run, &RemoteRun::stateChanged, this, [this](RemoteRun::State state) {
        if (state == RemoteRun::State::Pending || state == RemoteRun::State::Running) rememberRemoteRun();
        if (state != RemoteRun::State::Idle) showRemoteState();
        remoteRuns_->setRecords(remote_->records());
        updateControls();
    });
    connect(run, &RemoteRun::statusChanged, this, &TrainPage::showRemoteState);
    connect(run, &RemoteRun::homeResolved, this, [this] {
        if (!awaitingHome_) return;
        awaitingHome_ = false;
        launchRemoteRun();
    });
    connect(run, &RemoteRun::launchFailed, this, [this](const QString& message) {
        awaitingHome_ = false;
        runState_->setStyleSheet(kErrorStyle);
        runState_->setText(tr("%1: %2").arg(remote_->target().name, message));
        updateControls();
    });
    connect(run, &RemoteRun::connectionLost, this, [this](const QString& message) {
        runState_->setStyleSheet(kErrorStyle);
        runState_->setText(tr("%1\nConnection lost (%2); retrying…").arg(remote_->stateLine(), message));
    });
    connect(run, &RemoteRun::connectionRestored, this, &TrainPage::showRemoteState);
    connect(run, &RemoteRun::fetchProgress, this, [this](int percent) {
        fetchLabel_->setStyleSheet({});
        fetchLabel_->setText(tr("Copying the checkpoint from %1: %2 %").arg(remote_->target().name).arg(percent));
    });
    connect(run, &RemoteRun::fetched, this, [this](const QString& local) {
        fetchLabel_->setText(tr("Copied to %1; opening it in Inspect.").arg(local));
        emit openCheckpointRequested(local);
    });
    connect(run, &RemoteRun::fetchFailed, this, [this](const QString& message) {
        fetchLabel_->setStyleSheet(kErrorStyle);
        fetchLabel_->setText(tr("Could not copy the checkpoint: %1").arg(message));
    });
}

QWidget* TrainPage::createControls() {
    auto* controls = new QWidget(this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {dryRunButton_, startButton_, stopButton_, resumeButton_}) buttons->addWidget(button);
    dryRunButton_->setObjectName(QStringLiteral("dryRunButton"));
    startButton_->setObjectName(QStringLiteral("startButton"));
    stopButton_->setObjectName(QStringLiteral("stopButton"));
    resumeButton_->setObjectName(QStringLiteral("resumeButton"));
    dryRunButton_->setToolTip(tr("Prepare the data and time %1 steps: memory, speed, time per epoch and for the schedule").arg(kDryRunSteps));
    resumeButton_->setToolTip(tr("Launch the run again from its last checkpoint (--resume auto)"));
    auto* layout = new QVBoxLayout(controls);
    layout->addWidget(targets_);
    layout->addWidget(form_);
    layout->addWidget(uploadState_);
    layout->addLayout(buttons);
    layout->addWidget(dryRunResult_);
    layout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(controls->sizeHint().width() + 24);
    return scroll;
}

QWidget* TrainPage::createMonitor() {
    auto* monitor = new QWidget(this);
    auto* layout = new QVBoxLayout(monitor);
    layout->addWidget(remoteRuns_);
    layout->addWidget(runState_);
    layout->addWidget(remoteStderr_);
    layout->addWidget(progressLabel_);
    layout->addWidget(curves_, 1);
    layout->addWidget(new QLabel(tr("Checkpoints"), monitor));
    layout->addWidget(checkpoints_);
    layout->addWidget(probeCheckpoints_, 0, Qt::AlignRight);
    layout->addWidget(fetchLabel_);
    checkpoints_->setMaximumHeight(160);
    remoteStderr_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    remoteStderr_->setToolTip(tr("The last lines of the remote run's stderr"));
    remoteStderr_->setVisible(false);
    return monitor;
}

bool TrainPage::followRun(const QString& directory) {
    if (run_->state() != TrainingRun::State::Idle || !QFileInfo::exists(QDir(directory).filePath(QStringLiteral("log.jsonl")))) return false;
    clearMonitor();
    checkpoints_->setDirectory(directory);
    run_->attach(directory);
    const QStringList command = run_->recordedCommand();
    TrainSettings settings = command.isEmpty() ? form_->settings() : TrainSettings::fromArguments(command);
    settings.outputDirectory = run_->directory();
    form_->setSettings(settings);
    rememberRun(run_->directory());
    runState_->setStyleSheet({});
    runState_->setText(tr("Reading the log of %1…").arg(run_->directory()));
    updateControls();
    return true;
}

bool TrainPage::followRemoteRun(const RemoteRunRecord& record) {
    const LaunchTarget target = targets_->find(record.target);
    if (run_->state() != TrainingRun::State::Idle || !remote_->isIdle() || isCheckingTarget()) return false;
    if (target.name.isEmpty()) {
        runState_->setStyleSheet(kErrorStyle);
        runState_->setText(tr("The run in %1 was launched on '%2', which is no longer a saved target.").arg(record.directory, record.target));
        return false;
    }
    targets_->select(target.name);  // the form switches to the host's paths
    clearMonitor();
    checkpoints_->setRemoteDirectory(record.directory);
    if (!remote_->attach(target, record)) return false;
    TrainSettings settings = TrainSettings::fromArguments(record.arguments);
    settings.outputDirectory = record.directory;
    form_->setSettings(settings);
    rememberRemoteRun();
    showRemoteState();
    updateControls();
    return true;
}

void TrainPage::clearMonitor() {
    endLine_.clear();
    curves_->clear();
    progress_.clear();
    progressLabel_->clear();
    remoteStderr_->clear();
    remoteStderr_->setVisible(false);
    fetchLabel_->clear();
}

bool TrainPage::remoteMode() const { return remote_->target().isRemote(); }

void TrainPage::onTargetChanged(const LaunchTarget& target) {
    checkedLaunch_->cancel();  // it was for the other target
    remote_->setTarget(target);
    form_->setRemotePaths(target.isRemote());
    dryRunButton_->setToolTip(target.isRemote() ? tr("A dry run times the model on this computer; remote targets have none")
                                                : tr("Prepare the data and time %1 steps: memory, speed, time per epoch and for the schedule").arg(kDryRunSteps));
    updateControls();
}

bool TrainPage::uploadData(const QString& field, const QString& localFolder, const QString& remoteFolder) {
    return remoteMode() && uploadState_->start(remote_->target(), field, localFolder, remoteFolder);
}

bool TrainPage::isUploading() const { return uploadState_->isUploading(); }

bool TrainPage::isCheckingTarget() const { return checkedLaunch_->isChecking(); }

bool TrainPage::checkForm(TrainSettingsValidator::Purpose purpose) {
    if (remoteMode() && purpose == TrainSettingsValidator::Purpose::NewRun) purpose = TrainSettingsValidator::Purpose::RemoteRun;
    const QVector<TrainSettingsProblem> problems = TrainSettingsValidator::check(form_->settings(), purpose);
    form_->showProblems(problems);
    problemsShown_ = !problems.isEmpty();
    shownPurpose_ = purpose;
    return problems.isEmpty();
}

void TrainPage::toggleDryRun() {
    if (dryRun_->isRunning()) {
        dryRun_->cancel();
        dryRunResult_->setText(tr("Dry run cancelled."));
    } else if (checkForm(TrainSettingsValidator::Purpose::DryRun)) {
        dryRun_->start(form_->settings().arguments(), kDryRunSteps);
        dryRunResult_->setStyleSheet({});
        dryRunResult_->setText(tr("Dry run: preparing the data and timing %1 steps…").arg(kDryRunSteps));
    }
    updateControls();
}

void TrainPage::startRun() {
    if (remoteMode()) {
        startRemoteRun();
        return;
    }
    if (!checkForm(TrainSettingsValidator::Purpose::NewRun)) return;
    const TrainSettings settings = form_->settings();
    clearMonitor();
    checkpoints_->setDirectory(settings.outputDirectory);
    if (run_->start(settings.arguments(), settings.outputDirectory)) rememberRun(run_->directory());
}

void TrainPage::startRemoteRun() {
    if (!checkForm(TrainSettingsValidator::Purpose::NewRun)) return;
    checkedLaunch_->start(RemoteTrainingController::remoteSettings(form_->settings(), remote_->target()).outputDirectory,
                          [this] { launchRemoteRun(); });
}

void TrainPage::launchRemoteRun() {
    const TrainSettings settings = form_->settings();
    if (remote_->target().kind == LaunchTarget::Kind::Slurm && remote_->needsHome(settings)) {  // the script shown has absolute paths
        awaitingHome_ = true;
        runState_->setStyleSheet({});
        runState_->setText(tr("Asking %1 for the home folder (the paths with ~ are in it)…").arg(remote_->target().name));
        remote_->run()->resolveHome();
        updateControls();
        return;
    }
    QString script;
    if (!confirmSbatch(remote_->sbatchScript(settings), script)) return;
    clearMonitor();
    checkpoints_->setRemoteDirectory(RemoteTrainingController::remoteSettings(settings, remote_->target()).outputDirectory);
    remote_->start(settings, script);
}

void TrainPage::resumeRemoteRun() {
    checkedLaunch_->start(remote_->run()->record().directory, [this] {
        QString script;
        if (confirmSbatch(remote_->resumeSbatchScript(), script)) remote_->run()->resume(script);
    }, endLine_);
}

void TrainPage::showState(const QString& text, bool problem) {
    runState_->setStyleSheet(problem ? kErrorStyle : QString());
    runState_->setText(text);
}

bool TrainPage::confirmSbatch(const QString& generated, QString& script) {
    if (remote_->target().kind != LaunchTarget::Kind::Slurm) return true;
    SbatchScriptDialog dialog(generated, remote_->target().name, this);
    if (dialog.exec() != QDialog::Accepted) return false;
    script = dialog.script();
    return true;
}

void TrainPage::stopRun() {
    if (isCheckingTarget()) return checkedLaunch_->stop();  // Stop is the check's Cancel
    if (remoteMode()) remote_->run()->stop();
    else run_->stop();
}

void TrainPage::openCheckpoint(const QString& path) {
    if (!remoteMode()) {
        emit openCheckpointRequested(path);
        return;
    }
    if (!remote_->run()->fetchCheckpoint(path)) return;  // a copy is already on its way
    fetchLabel_->setStyleSheet({});
    fetchLabel_->setText(tr("Copying %1 from %2…").arg(QFileInfo(path).fileName(), remote_->target().name));
}

void TrainPage::showRemoteState() {
    if (!remote_->isIdle()) {  // an ended run keeps how it ended: a status poll answering late only brings the stderr tail
        runState_->setStyleSheet({});
        runState_->setText(remote_->stateLine());
    }
    const QString tail = remote_->run()->stderrTail();
    remoteStderr_->setText(tail);
    remoteStderr_->setVisible(!tail.isEmpty());
}

void TrainPage::resumeRun() {
    if (remoteMode()) {
        resumeRemoteRun();
        return;
    }
    TrainSettings fallback = form_->settings();  // for a run started elsewhere, which recorded no command
    fallback.outputDirectory = run_->directory();
    run_->resume(fallback.arguments());
}

void TrainPage::onOutputChosen(const QString& directory) {
    if (!remoteMode() && run_->state() == TrainingRun::State::Idle && !dryRun_->isRunning() && QFileInfo(directory).absoluteFilePath() != run_->directory())
        followRun(directory);
}

void TrainPage::onRecords(const TrainingLogBatch& batch) {
    progress_.add(batch);
    curves_->append(batch.steps);
    for (const TrainingCheckpoint& checkpoint : batch.checkpoints) checkpoints_->addCheckpoint(checkpoint.path);
    progressLabel_->setText(progress_.summary());
}

void TrainPage::onEnded(const TrainingEnd& end) {
    const bool bad = end.status == QLatin1String("failed") || end.status == QLatin1String("crashed");
    runState_->setStyleSheet(bad ? kErrorStyle : QString());
    QString text;
    if (end.status == QLatin1String("finished")) text = tr("Finished.");
    else if (end.status == QLatin1String("stopped")) text = tr("Stopped. Resume continues from the last checkpoint.");
    else if (end.status == QLatin1String("crashed")) text = tr("Crashed. Resume continues from the last checkpoint.");
    else if (end.status == QLatin1String("timeout") || end.status == QLatin1String("cancelled"))
        text = end.message;  // SLURM's time limit, or a Stop while pending: where it stands, what Resume does
    else text = tr("Failed.");
    if (bad && !end.message.isEmpty()) text += QLatin1Char('\n') + end.message;  // what went wrong, e.g. stderr's last lines
    runState_->setText(text);
    endLine_ = text;
    checkpoints_->refresh();
    updateControls();
}

void TrainPage::showDryRun(const DryRunResult& result) {
    dryRunResult_->setStyleSheet({});
    dryRunResult_->setText(
        tr("Dry run on %1 (%2 steps): %3 samples/s, %4 MiB.\n%5 per epoch (%6 steps), %7 for the schedule (%8 iterations). %9 M parameters.")
            .arg(result.device).arg(result.steps).arg(result.samplesPerSecond, 0, 'f', 1).arg(result.memoryMib, 0, 'f', 0)
            .arg(TrainingProgress::formatDuration(result.secondsPerEpoch)).arg(result.stepsPerEpoch)
            .arg(TrainingProgress::formatDuration(result.secondsTotal)).arg(result.totalIterations)
            .arg(double(result.parameters) / 1e6, 0, 'f', 2));
    updateControls();
}

void TrainPage::updateControls() {
    const bool remote = remoteMode();
    const RemoteRun::State remoteState = remote_->run()->state();
    const bool checking = isCheckingTarget();
    const bool idle = run_->state() == TrainingRun::State::Idle && remoteState == RemoteRun::State::Idle && !awaitingHome_ && !checking;
    const bool dryRunning = dryRun_->isRunning();
    dryRunButton_->setText(dryRunning ? tr("Cancel Dry Run") : tr("Dry Run"));
    dryRunButton_->setEnabled(idle && !remote);
    const bool uploading = isUploading();
    startButton_->setEnabled(idle && !dryRunning && !uploading);
    stopButton_->setEnabled(remote ? checking || (remoteState != RemoteRun::State::Idle && remoteState != RemoteRun::State::Launching) : !idle);
    stopButton_->setToolTip(checking                                  ? tr("Cancel the check of the target: nothing is launched")
                            : remoteState == RemoteRun::State::Pending ? tr("Cancel the job: it has not started, nothing runs yet")
                                                                       : QString());
    resumeButton_->setEnabled((remote ? remote_->run()->canResume() : run_->canResume()) && !dryRunning && !uploading && !checking);
    form_->setEnabled(idle && !dryRunning);
    targets_->setEnabled(idle && !dryRunning && !uploading);  // an upload goes to the target it began with
    remoteRuns_->followButton()->setEnabled(idle && !dryRunning);
    probeCheckpoints_->setEnabled(!remote);
    if (runProbeDialog_) runProbeDialog_->setRunFolder(localRunFolder());  // another run: the panel follows it
    probeCheckpoints_->setToolTip(remote ? tr("Probing checkpoints needs a run on this computer")
                                         : tr("Probe every checkpoint of this run on a labelled set, and each new one as it is saved"));
}

QString TrainPage::localRunFolder() const {
    if (remoteMode()) return {};
    return run_->directory().isEmpty() ? form_->settings().outputDirectory : run_->directory();
}

RunProbeDialog* TrainPage::showRunProbe() {
    if (!runProbeDialog_) runProbeDialog_ = new RunProbeDialog(*runProbes_, this);
    runProbeDialog_->setRunFolder(localRunFolder());
    runProbeDialog_->show();
    runProbeDialog_->raise();
    return runProbeDialog_;
}

void TrainPage::rememberRun(const QString& directory) {
    QSettings settings;
    settings.setValue(QLatin1String(kActiveRunKey), directory);
    settings.remove(QLatin1String(kActiveRemoteRunKey));
}

void TrainPage::rememberRemoteRun() {
    const RemoteRunRecord& record = remote_->run()->record();
    QSettings().setValue(QLatin1String(kActiveRemoteRunKey), QStringList{record.target, record.directory});
}

}  // namespace m2ds
