#include "training/RemoteTrainingController.h"

#include <QDateTime>
#include <QProcess>

namespace m2ds {

RemoteTrainingController::RemoteTrainingController(QObject* parent, QString controlFolder, QString registryPath)
    : QObject(parent), controlFolder_(std::move(controlFolder)), registry_(std::move(registryPath)),
      queue_(QStringLiteral("remote-ssh"), JobQueue::Policy::RunAll) {
    replaceRun(LaunchTarget::local());
}

RemoteTrainingController::~RemoteTrainingController() { queue_.cancelAll(); }

bool RemoteTrainingController::setTarget(const LaunchTarget& target) {
    if (!isIdle()) return false;
    replaceRun(target);
    return true;
}

void RemoteTrainingController::replaceRun(const LaunchTarget& target) {
    queue_.cancelAll();  // an answer still on its way belongs to the old run
    delete run_;
    run_ = new RemoteRun(target, &registry_, this, controlFolder_);
    run_->setShellRunner([this](const RemoteShell& shell, const QString& script, std::function<void(const RemoteResult&)> done) {
        queue_.run<RemoteResult>([shell, script](const ProgressMonitor&) { return shell.run(script); },
                                 [done = std::move(done)](int, RemoteResult result) { done(result); });
    });
    emit runReplaced(run_);
}

TrainSettings RemoteTrainingController::remoteSettings(TrainSettings settings, const LaunchTarget& target) {
    for (QString* path : {&settings.speech, &settings.noise, &settings.teacherPath, &settings.outputDirectory}) {
        *path = path->trimmed();
        if (!path->isEmpty()) *path = target.remotePath(*path);
    }
    return settings;
}

bool RemoteTrainingController::start(const TrainSettings& settings, const QString& sbatchScript) {
    if (!target().isRemote()) return false;
    const TrainSettings remote = remoteSettings(settings, target());
    return run_->start(remote.arguments(), remote.outputDirectory, sbatchScript);
}

bool RemoteTrainingController::attach(const LaunchTarget& target, const RemoteRunRecord& record) {
    return target.name == record.target && setTarget(target) && run_->attach(record);
}

QString RemoteTrainingController::sbatchScript(const TrainSettings& settings) const {
    const TrainSettings remote = remoteSettings(settings, target());
    return run_->sbatchScript(remote.arguments(), remote.outputDirectory);
}

QString RemoteTrainingController::resumeSbatchScript() const {
    const RemoteRunRecord& record = run_->record();
    return run_->sbatchScript(TrainSettings::withResumeAuto(record.arguments), record.directory);
}

bool RemoteTrainingController::needsHome(const TrainSettings& settings) const {
    const TrainSettings remote = remoteSettings(settings, target());
    return run_->needsHome(remote.arguments(), remote.outputDirectory);
}

QString RemoteTrainingController::stateLine() const {
    const RemoteRunRecord& record = run_->record();
    const bool slurm = target().kind == LaunchTarget::Kind::Slurm;
    const QString where = slurm ? tr("SLURM job %1 on %2").arg(record.jobId, target().name)
                                : tr("process %1 on %2").arg(record.pid).arg(target().name);
    const QString scheduler = slurm && !run_->schedulerState().isEmpty() ? QStringLiteral(": ") + run_->schedulerState() : QString();
    switch (run_->state()) {
    case RemoteRun::State::Launching: return tr("Launching on %1 (%2)…").arg(target().name, target().address);
    case RemoteRun::State::Pending: return tr("Pending: %1%2, in %3").arg(where, scheduler, record.directory);
    case RemoteRun::State::Running: return tr("Running: %1%2, in %3").arg(where, scheduler, record.directory);
    case RemoteRun::State::Stopping: return tr("Stopping %1: the run saves a checkpoint first…").arg(where);
    case RemoteRun::State::Idle: break;
    }
    return record.directory.isEmpty() ? QString() : tr("%1 in %2%3").arg(where, record.directory, scheduler);
}

}  // namespace m2ds
