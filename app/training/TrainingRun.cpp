#include "training/TrainingRun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <csignal>
#include <sys/types.h>

#include "training/TrainSettings.h"

namespace m2ds {
namespace {

constexpr int kPollMilliseconds = 100;  // the log is read at most 10 times a second
constexpr int kStderrLines = 6;         // shown when a run crashed

/// kill(pid, 0) == 0, and, where /proc tells, not a zombie and still an `m2ds train` (pids are reused).
bool processAlive(qint64 pid) {
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0) return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray text = stat.readAll();
        if (text.mid(text.lastIndexOf(')') + 2, 1) == "Z") return false;
    }
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return !cmdline.open(QIODevice::ReadOnly) || cmdline.readAll().split('\0').contains("train");
}

}  // namespace

TrainingRun::TrainingRun(QString program, QObject* parent) : QObject(parent), program_(std::move(program)) {
    timer_.setInterval(kPollMilliseconds);
    connect(&timer_, &QTimer::timeout, this, &TrainingRun::poll);
}

bool TrainingRun::start(const QStringList& arguments, const QString& directory) {
    if (state_ != State::Idle) return false;
    directory_ = QFileInfo(directory).absoluteFilePath();
    reader_ = TrainingLogReader(filePath(QStringLiteral("log.jsonl")));
    do reader_.readNew(); while (!reader_.atEnd());  // an old log in the folder is not this run's
    if (!QDir().mkpath(directory_)) {
        emit launchFailed(tr("Could not create the output folder %1.").arg(directory_));
        return false;
    }
    QFile command(filePath(QStringLiteral("train-command.json")));
    const QJsonObject record{{"program", program_}, {"arguments", QJsonArray::fromStringList(arguments)}};
    if (!command.open(QIODevice::WriteOnly) || command.write(QJsonDocument(record).toJson()) < 0) {
        emit launchFailed(tr("Could not write %1: %2").arg(command.fileName(), command.errorString()));
        return false;
    }
    command.close();
    return launch(arguments);
}

bool TrainingRun::resume(const QStringList& fallbackArguments) {
    if (!canResume()) return false;
    const QStringList recorded = recordedCommand();
    if (recorded.isEmpty() && fallbackArguments.isEmpty()) {
        emit launchFailed(tr("%1 records no command to resume.").arg(directory_));
        return false;
    }
    return launch(TrainSettings::withResumeAuto(recorded.isEmpty() ? fallbackArguments : recorded));
}

void TrainingRun::stop() {
    if (state_ == State::Idle || pid_ <= 0) return;
    ::kill(pid_t(pid_), SIGINT);
    setState(State::Stopping);
}

bool TrainingRun::attach(const QString& directory) {
    if (state_ != State::Idle) return false;
    const QString log = QDir(directory).filePath(QStringLiteral("log.jsonl"));
    if (!QFileInfo::exists(log)) return false;
    directory_ = QFileInfo(directory).absoluteFilePath();
    reader_ = TrainingLogReader(log);
    pid_ = 0;
    awaitingStart_ = false;
    stderrOffset_ = 0;
    lastEnd_.reset();
    timer_.start();
    return true;
}

QStringList TrainingRun::recordedCommand() const {
    QFile file(filePath(QStringLiteral("train-command.json")));
    if (directory_.isEmpty() || !file.open(QIODevice::ReadOnly)) return {};
    QStringList arguments;
    for (const QJsonValue& value : QJsonDocument::fromJson(file.readAll()).object().value("arguments").toArray())
        arguments << value.toString();
    return arguments;
}

bool TrainingRun::canResume() const {
    return state_ == State::Idle && !timer_.isActive() && !directory_.isEmpty() &&
           !(lastEnd_ && lastEnd_->status == QLatin1String("finished"));
}

bool TrainingRun::launch(const QStringList& arguments) {
    QProcess process;
    process.setProgram(program_);
    process.setArguments(arguments);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(filePath(QStringLiteral("train-stdout.log")), QIODevice::Append);
    process.setStandardErrorFile(filePath(QStringLiteral("train-stderr.log")), QIODevice::Append);
    stderrOffset_ = QFileInfo(filePath(QStringLiteral("train-stderr.log"))).size();
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        emit launchFailed(tr("Could not run %1: %2").arg(program_, process.errorString()));
        return false;
    }
    pid_ = pid;
    awaitingStart_ = true;
    lastEnd_.reset();
    setState(State::Running);
    timer_.start();
    return true;
}

void TrainingRun::poll() {
    const qint64 pidBefore = pid_;
    const bool alive = processAlive(pid_);  // asked before reading: a process gone by now has written everything
    const TrainingLogBatch batch = reader_.readNew();
    if (!batch.starts.isEmpty()) {
        awaitingStart_ = false;
        pid_ = batch.starts.last().pid;
    }
    if (!batch.isEmpty()) emit recordsRead(batch);
    if (!reader_.atEnd() || pid_ != pidBefore) return;  // catching up, or a process to look at next time
    if (awaitingStart_ || reader_.isOpen()) {
        if (!alive) finish(lostEnd());
        else if (state_ == State::Idle) setState(State::Running);
        return;
    }
    if (reader_.lastEnd()) finish(*reader_.lastEnd());
    else finish({});  // an empty log: nothing ran
}

void TrainingRun::finish(const TrainingEnd& end) {
    timer_.stop();
    pid_ = 0;
    awaitingStart_ = false;
    if (!end.status.isEmpty()) lastEnd_ = end;
    setState(State::Idle);
    if (!end.status.isEmpty()) emit ended(end);
}

TrainingEnd TrainingRun::lostEnd() const {
    TrainingEnd end;
    end.status = state_ == State::Stopping ? QStringLiteral("stopped") : awaitingStart_ ? QStringLiteral("failed") : QStringLiteral("crashed");
    end.message = stderrTail();
    if (end.message.isEmpty())
        end.message = awaitingStart_ ? tr("m2ds train ended before training began.") : tr("The training process is gone without an \"end\" record.");
    return end;
}

QString TrainingRun::stderrTail() const {
    QFile file(filePath(QStringLiteral("train-stderr.log")));
    if (!file.open(QIODevice::ReadOnly)) return {};
    file.seek(qMax(stderrOffset_, file.size() - 16384));
    QStringList lines;
    for (const QByteArray& line : file.readAll().replace('\r', '\n').split('\n'))
        if (!line.trimmed().isEmpty()) lines << QString::fromUtf8(line.trimmed());
    return lines.mid(qMax(0, int(lines.size()) - kStderrLines)).join(QLatin1Char('\n'));
}

void TrainingRun::setState(State state) {
    if (state == state_) return;
    state_ = state;
    emit stateChanged(state);
}

QString TrainingRun::filePath(const QString& name) const { return QDir(directory_).filePath(name); }

}  // namespace m2ds
