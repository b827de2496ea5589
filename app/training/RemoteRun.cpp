#include "training/RemoteRun.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>

#include "common/Errors.h"
#include "training/RemoteHome.h"
#include "training/SbatchScript.h"
#include "training/SlurmJobEnd.h"
#include "training/TrainSettings.h"

namespace m2ds {
namespace {

constexpr int kLogMilliseconds = 1000;     ///< the log, and with the same pace the status poll (stderr's tail)
constexpr int kSchedulerEveryPolls = 2;    ///< SLURM: squeue/sacct at every second status poll, sparing the controller
constexpr int kClosingPolls = 5;           ///< after the end: status polls until the process or job is seen gone
constexpr int kStderrLines = 6;

QString section(const QString& output, const QString& marker) {
    const qsizetype at = output.indexOf(marker);
    if (at < 0) return {};
    const qsizetype end = output.indexOf(QStringLiteral("M2DS-"), at + marker.size());
    return output.mid(at + marker.size(), end < 0 ? -1 : end - at - marker.size()).trimmed();
}

/// The target's activation line and a newline, or nothing: first in the scripts that call m2ds or the SLURM
/// commands (a cluster may need `module load slurm`, or SLURM_CONF, for sbatch, squeue and scancel).
QString activationLine(const LaunchTarget& target) {
    const QString line = target.activation.trimmed();
    return line.isEmpty() ? QString() : line + QLatin1Char('\n');
}

QString launchedHow(const LaunchTarget& target, const QStringList& arguments) {
    const QString m2ds = RemoteHome::shellWord(target.m2dsPath);
    if (target.gpusPerNode <= 1) return m2ds + QLatin1Char(' ') + SshCommand::shellLine(arguments);
    return QStringLiteral("torchrun --standalone --nproc_per_node=%1 \"$(command -v %2)\" %3").arg(target.gpusPerNode).arg(m2ds, SshCommand::shellLine(arguments));
}

}  // namespace

RemoteRun::RemoteRun(const LaunchTarget& target, RemoteRunRegistry* registry, QObject* parent, QString controlFolder)
    : QObject(parent), target_(target), registry_(registry),
      runner_([](const RemoteShell& shell, const QString& script, std::function<void(const RemoteResult&)> done) { done(shell.run(script)); }),
      shell_(target, controlFolder), source_(shell_), follower_(&source_, QString()), fetch_(shell_) {
    statusTimer_.setInterval(kLogMilliseconds);
    connect(&statusTimer_, &QTimer::timeout, this, &RemoteRun::pollStatus);
    connect(&follower_, &RemoteLogFollower::recordsRead, this, &RemoteRun::onRecords);
    connect(&follower_, &RemoteLogFollower::connectionLost, this, &RemoteRun::connectionLost);
    connect(&follower_, &RemoteLogFollower::connectionRestored, this, &RemoteRun::connectionRestored);
    connect(&fetch_, &RemoteFileFetch::progress, this, &RemoteRun::fetchProgress);
    connect(&fetch_, &RemoteFileFetch::finished, this, &RemoteRun::fetched);
    connect(&fetch_, &RemoteFileFetch::failed, this, &RemoteRun::fetchFailed);
}

RemoteRun::~RemoteRun() { dropStatusPoll(); }

void RemoteRun::dropStatusPoll() {
    if (!statusProcess_) return;
    statusProcess_->disconnect(this);
    statusProcess_->kill();
    statusProcess_->waitForFinished(1000);
    statusProcess_->deleteLater();
    statusProcess_ = nullptr;
}

QString RemoteRun::sbatchScript(const QStringList& arguments, const QString& directory) const {
    return SbatchScript::generate(target_, RemoteHome::expandAll(arguments, home_), RemoteHome::expand(target_.remotePath(directory), home_));
}

bool RemoteRun::needsHome(const QStringList& arguments, const QString& directory) const {
    return home_.isEmpty() && RemoteHome::anyRefersToHome(arguments + QStringList{target_.remotePath(directory), target_.m2dsPath});
}

void RemoteRun::resolveHome() {
    if (!home_.isEmpty()) {
        emit homeResolved();
        return;
    }
    lookUpHome([this] { emit homeResolved(); }, [this](const QString& message) { emit launchFailed(message); });
}

void RemoteRun::lookUpHome(std::function<void()> done, std::function<void(const QString&)> failed) {
    runner_(shell_, RemoteHome::query(), [this, done = std::move(done), failed = std::move(failed)](const RemoteResult& result) {
        const QString home = result.ok() ? RemoteHome::parse(result.out) : QString();
        if (home.isEmpty()) {
            failed(tr("Could not learn the login's home folder on %1, where the paths with ~ are: %2")
                       .arg(target_.host(), result.ok() ? tr("$HOME is not an absolute path there") : shell_.describeFailure(result)));
            return;
        }
        setHome(home);
        done();
    });
}

void RemoteRun::setHome(const QString& home) {
    home_ = home;
    target_ = target_.withHome(home);
}

bool RemoteRun::start(const QStringList& arguments, const QString& directory, const QString& sbatchScript) {
    if (state_ != State::Idle) return false;
    const QStringList problems = target_.problems();
    if (!problems.isEmpty()) {
        emit launchFailed(problems.join(QLatin1Char(' ')));
        return false;
    }
    record_ = RemoteRunRecord();
    record_.target = target_.name;
    record_.directory = target_.remotePath(directory);
    record_.arguments = arguments;
    lastIteration_ = -1;
    lastCheckpoint_ = TrainingCheckpoint();
    follower_.stop();
    return launch(arguments, sbatchScript);
}

bool RemoteRun::resume(const QString& sbatchScript) {
    if (!canResume()) return false;
    return launch(TrainSettings::withResumeAuto(record_.arguments), sbatchScript);
}

bool RemoteRun::canResume() const {
    return state_ == State::Idle && !record_.directory.isEmpty() && !record_.arguments.isEmpty() &&
           !(lastEnd_ && lastEnd_->status == QLatin1String("finished"));
}

QString RemoteRun::launchScript(const QStringList& arguments, const QString& sbatchScript) const {
    const QString folder = RemoteHome::shellWord(record_.directory);
    const QJsonObject command{{"program", target_.m2dsPath}, {"arguments", QJsonArray::fromStringList(arguments)}, {"target", target_.name}};
    QString script = QStringLiteral("set -e\nmkdir -p %1\ncd %1\n").arg(folder);
    script += activationLine(target_);
    script += QStringLiteral("size=$(stat -c %s log.jsonl 2>/dev/null || echo 0)\nerrsize=$(stat -c %s train-stderr.log 2>/dev/null || echo 0)\n");
    script += QStringLiteral("printf '%s\\n' %1 > train-command.json\n").arg(SshCommand::quote(QString::fromUtf8(QJsonDocument(command).toJson(QJsonDocument::Compact))));
    if (target_.kind == LaunchTarget::Kind::Slurm) {
        const QString text = sbatchScript.isEmpty() ? SbatchScript::generate(target_, arguments, record_.directory) : sbatchScript;
        script += QStringLiteral("printf '%s' %1 > train.sbatch\n").arg(SshCommand::quote(text));
        script += QStringLiteral("job=$(sbatch --parsable train.sbatch)\necho \"$job\" > train.jobid\necho \"M2DS-LAUNCHED $job $size $errsize\"\n");
        return script;
    }
    script += QStringLiteral("command -v %1 >/dev/null 2>&1 || { printf \"m2ds command '%s' not found on %s\\n\" %2 \"$(hostname)\" >&2; exit 3; }\n")
                  .arg(RemoteHome::shellWord(target_.m2dsPath), SshCommand::quote(target_.m2dsPath));
    script += QStringLiteral("setsid nohup %1 </dev/null >>train-stdout.log 2>>train-stderr.log &\n").arg(launchedHow(target_, arguments));
    script += QStringLiteral("echo $! > train.pid\necho \"M2DS-LAUNCHED $! $size $errsize\"\n");
    return script;
}

bool RemoteRun::launch(const QStringList& arguments, const QString& sbatchScript) {
    stopStatusPolls();  // the last run's closing polls: their answers are not this launch's
    setState(State::Launching);
    auto outcome = std::make_shared<std::optional<bool>>();
    auto launched = [outcome](bool ok) { *outcome = ok; };
    if (!needsHome(arguments, record_.directory)) {
        sendLaunch(arguments, sbatchScript, launched);
    } else {
        lookUpHome([this, arguments, sbatchScript, launched] { sendLaunch(arguments, sbatchScript, launched); },
                   [this, launched](const QString& message) {
                       launched(false);
                       setState(State::Idle);
                       emit launchFailed(message);
                   });
    }
    return !outcome->has_value() || **outcome;  // not answered yet: launched as far as we know
}

void RemoteRun::sendLaunch(const QStringList& arguments, const QString& sbatchScript, std::function<void(bool)> launched) {
    record_.directory = RemoteHome::expand(record_.directory, home_);
    record_.arguments = RemoteHome::expandAll(record_.arguments, home_);
    follower_.setPath(record_.directory + QStringLiteral("/log.jsonl"));
    runner_(shell_, launchScript(RemoteHome::expandAll(arguments, home_), sbatchScript),
            [this, launched = std::move(launched)](const RemoteResult& result) { launched(onLaunched(result)); });
}

bool RemoteRun::onLaunched(const RemoteResult& result) {
    const QStringList words = section(QString::fromUtf8(result.out), QStringLiteral("M2DS-LAUNCHED")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!result.ok() || words.size() != 3) {
        setState(State::Idle);
        emit launchFailed(shell_.describeFailure(result));
        return false;
    }
    if (target_.kind == LaunchTarget::Kind::Slurm) record_.jobId = SbatchScript::parseJobId(words[0]);
    else record_.pid = words[0].toLongLong();
    record_.stderrOffset = words[2].toLongLong();
    record_.launched = QDateTime::currentMSecsSinceEpoch() / 1000.0;
    remember();
    forgetLastEnd();
    schedulerState_.clear();
    stderrTail_.clear();
    follower_.start(words[1].toLongLong(), kLogMilliseconds);  // an older log's records are not this launch's
    setState(target_.kind == LaunchTarget::Kind::Slurm ? State::Pending : State::Running);
    statusTimer_.start();
    return true;
}

void RemoteRun::stop() {
    if (state_ == State::Idle || state_ == State::Launching) return;
    const QString script = target_.kind == LaunchTarget::Kind::Slurm
                               ? activationLine(target_) + SbatchScript::stopScript(record_.jobId)
                               : QStringLiteral("kill -INT -- -%1 2>/dev/null || kill -INT %1\n").arg(record_.pid);
    runner_(shell_, script, [this](const RemoteResult& result) {
        if (!result.ok()) {
            emit launchFailed(tr("Could not stop the run: %1").arg(shell_.describeFailure(result)));
            return;
        }
        if (state_ == State::Idle) return;  // it ended meanwhile
        if (result.out.contains(SbatchScript::kCancelledMarker)) finish(SlurmJobEnd::cancelledWhilePending(record_.jobId, lastIteration_, lastCheckpoint_));
        else setState(State::Stopping);
    });
}

bool RemoteRun::attach(const RemoteRunRecord& record) {
    if (state_ != State::Idle || record.directory.isEmpty()) return false;
    stopStatusPolls();
    record_ = record;
    forgetLastEnd();
    lastIteration_ = -1;
    lastCheckpoint_ = TrainingCheckpoint();
    follower_.setPath(record_.directory + QStringLiteral("/log.jsonl"));
    follower_.start(0, kLogMilliseconds);
    setState(State::Running);  // corrected by the first status poll and the log
    statusTimer_.start();
    pollStatus();
    return true;
}

bool RemoteRun::fetchCheckpoint(const QString& remotePath) {
    return fetch_.start(remotePath, RemoteFileFetch::cacheFolder(target_.name, record_.directory));
}

void RemoteRun::forgetLastEnd() {
    lastEnd_.reset();
    gonePolls_ = 0;
    job_ = SlurmJobState();
    statusKnown_ = false;
    pendingEnd_.reset();
}

void RemoteRun::stopStatusPolls() {
    statusTimer_.stop();
    dropStatusPoll();
    statusPolls_ = 0;
}

bool RemoteRun::schedulerDue() {
    // SSH: `kill -0`, free. SLURM: squeue is a request to the controller; every poll asks it while an answer is awaited.
    if (target_.kind != LaunchTarget::Kind::Slurm || state_ == State::Idle || !statusKnown_ || pendingEnd_) return true;
    return ++statusPolls_ % kSchedulerEveryPolls == 0;
}

QString RemoteRun::statusScript(bool askState) const {
    QString script = QStringLiteral("cd %1 2>/dev/null || true\n").arg(RemoteHome::shellWord(record_.directory));
    if (askState)
        script += target_.kind == LaunchTarget::Kind::Slurm
                      ? activationLine(target_) + QStringLiteral("s=$(%1)\necho \"M2DS-STATE ${s:-GONE}\"\n").arg(SbatchScript::stateQuery(record_.jobId))
                      : QStringLiteral("if kill -0 %1 2>/dev/null; then echo 'M2DS-STATE RUNNING'; else echo 'M2DS-STATE GONE'; fi\n").arg(record_.pid);
    return script + QStringLiteral("echo M2DS-STDERR; tail -c +%1 train-stderr.log 2>/dev/null | tail -n %2\n").arg(record_.stderrOffset + 1).arg(kStderrLines);
}

void RemoteRun::pollStatus() {
    if (statusProcess_) return;  // the last poll has not answered yet
    if (state_ == State::Idle && ++closingPolls_ > kClosingPolls) {  // after the end, the process or job not seen gone
        statusTimer_.stop();
        return;
    }
    QProcess* process = shell_.start(statusScript(schedulerDue()), this);
    statusProcess_ = process;
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        process->deleteLater();
        statusProcess_ = nullptr;
        if (status == QProcess::NormalExit && exitCode == 0) onStatus(process->readAllStandardOutput());
    });
}

void RemoteRun::onStatus(const QByteArray& bytes) {
    const QString output = QString::fromUtf8(bytes);
    const bool stateAsked = output.contains(QStringLiteral("M2DS-STATE"));
    if (stateAsked) {
        job_ = SlurmJobState::parse(section(output, QStringLiteral("M2DS-STATE")));
        statusKnown_ = true;
    }
    const QString state = job_.describe();
    const QString tail = output.mid(output.indexOf(QStringLiteral("M2DS-STDERR")) + 11).trimmed();
    if (state != schedulerState_ || tail != stderrTail_) {
        schedulerState_ = state;
        stderrTail_ = tail;
        emit statusChanged();
    }
    if (state_ == State::Idle) {  // a closing poll: stderr's last lines, until the process or job is seen gone
        if (job_.isFinal()) statusTimer_.stop();
        return;
    }
    if (!stateAsked) return;
    if (state_ == State::Pending && job_.word() == QLatin1String("RUNNING")) setState(State::Running);
    if (pendingEnd_) {
        const TrainingEnd end = *pendingEnd_;
        pendingEnd_.reset();
        finish(endOf(&end));
        return;
    }
    gonePolls_ = job_.isFinal() ? gonePolls_ + 1 : 0;
    // Gone without an "end" in the log, once the log has been read to its end after the process was seen gone.
    if (gonePolls_ >= 2 && follower_.atEnd() && !follower_.isConnectionLost() && state_ != State::Idle) {
        TrainingEnd end = endOf(nullptr);
        if (!stderrTail_.isEmpty()) end.message += (end.message.isEmpty() ? QString() : QStringLiteral("\n")) + stderrTail_;
        if (end.message.isEmpty()) end.message = tr("The training process is gone without an \"end\" record.");
        finish(end);
    } else if (gonePolls_ == 1) {
        follower_.poll();
    }
}

void RemoteRun::onRecords(const TrainingLogBatch& batch) {
    if (!batch.starts.isEmpty() && state_ == State::Pending) setState(State::Running);
    if (!batch.steps.isEmpty()) lastIteration_ = batch.steps.last().iteration;
    if (!batch.checkpoints.isEmpty()) lastCheckpoint_ = batch.checkpoints.last();
    emit recordsRead(batch);
    if (batch.ends.isEmpty() || follower_.parser().isOpen()) return;
    const TrainingEnd& end = batch.ends.last();
    const bool unasked = end.status == QLatin1String("stopped") && state_ != State::Stopping;
    if (target_.kind == LaunchTarget::Kind::Slurm && unasked && !statusKnown_) pendingEnd_ = end;  // its time limit's?
    else finish(endOf(&end));
}

TrainingEnd RemoteRun::endOf(const TrainingEnd* logEnd) const {
    const bool stopRequested = state_ == State::Stopping;
    if (target_.kind == LaunchTarget::Kind::Slurm) return SlurmJobEnd::describe(logEnd, job_, lastIteration_, lastCheckpoint_, stopRequested);
    if (logEnd) return *logEnd;
    TrainingEnd end;
    end.status = stopRequested ? QStringLiteral("stopped") : QStringLiteral("crashed");
    end.iteration = lastIteration_;
    return end;
}

void RemoteRun::finish(const TrainingEnd& end) {
    follower_.stop();
    lastEnd_ = end;
    closingPolls_ = 0;
    setState(State::Idle);
    emit ended(end);
    if (job_.isFinal()) statusTimer_.stop();  // seen gone: that answer brought stderr's last lines
    else pollStatus();  // unless one is on its way: stderr's last lines (they may follow the log's end) and the final state
}

void RemoteRun::setState(State state) {
    if (state == state_) return;
    state_ = state;
    emit stateChanged(state);
}

void RemoteRun::remember() {
    if (!registry_) return;
    try {
        registry_->put(record_);
    } catch (const Error& error) {
        emit launchFailed(tr("The run was launched, but could not be recorded for later: %1").arg(QString::fromStdString(error.what())));
    }
}

}  // namespace m2ds
