#include "training/DryRunJob.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace m2ds {
namespace {

bool parseResult(const QByteArray& line, DryRunResult& result) {
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    if (o.value("event").toString() != QLatin1String("dry_run")) return false;
    result.steps = o.value("steps").toInt();
    result.samplesPerSecond = o.value("samples_per_s").toDouble();
    result.memoryMib = o.value("memory_mib").toDouble();
    result.secondsPerEpoch = o.value("seconds_per_epoch").toDouble();
    result.secondsTotal = o.value("seconds_total").toDouble();
    result.stepsPerEpoch = o.value("steps_per_epoch").toInteger();
    result.totalIterations = o.value("total_iterations").toInteger();
    result.parameters = o.value("parameters").toInteger();
    result.device = o.value("device").toString();
    return true;
}

/// The last line of a program's output; a progress bar's carriage returns count as line ends.
QString lastLine(QByteArray text) {
    const QList<QByteArray> lines = text.replace('\r', '\n').trimmed().split('\n');
    return QString::fromUtf8(lines.last().trimmed());
}

}  // namespace

DryRunJob::DryRunJob(QString program, QObject* parent) : QObject(parent), program_(std::move(program)) {
    connect(&process_, &QProcess::finished, this, &DryRunJob::onFinished);
    connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) emit failed(tr("Could not run %1: %2").arg(program_, process_.errorString()));
    });
}

DryRunJob::~DryRunJob() { cancel(); }

void DryRunJob::start(const QStringList& trainArguments, int steps) {
    cancel();
    process_.start(program_, QStringList(trainArguments) << QStringLiteral("--dry_run") << QString::number(steps));
}

void DryRunJob::cancel() {
    if (!isRunning()) return;
    const QSignalBlocker blocker(process_);
    process_.kill();
    process_.waitForFinished(2000);
}

void DryRunJob::onFinished(int exitCode, QProcess::ExitStatus status) {
    DryRunResult result;
    const QList<QByteArray> lines = process_.readAllStandardOutput().split('\n');
    for (auto line = lines.rbegin(); line != lines.rend(); ++line)
        if (status == QProcess::NormalExit && exitCode == 0 && parseResult(line->trimmed(), result)) {
            emit finished(result);
            return;
        }
    emit failed(failureMessage(exitCode, status));
}

QString DryRunJob::failureMessage(int exitCode, QProcess::ExitStatus status) {
    const QString stderrLine = lastLine(process_.readAllStandardError());
    if (!stderrLine.isEmpty()) return stderrLine;
    if (status == QProcess::CrashExit) return tr("%1 crashed during the dry run.").arg(program_);
    if (exitCode != 0) return tr("%1 exited with code %2 during the dry run.").arg(program_).arg(exitCode);
    return tr("%1 printed no dry-run result.").arg(program_);
}

}  // namespace m2ds
