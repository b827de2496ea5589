#include "training/RemoteShell.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace m2ds {
namespace {

const char* const kRemoteInterpreter = "command -v bash >/dev/null 2>&1 && exec bash -s || exec sh -s";

QString tr(const char* text) { return QCoreApplication::translate("m2ds::RemoteShell", text); }

QString lastLine(const QString& text) {
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

}  // namespace

RemoteShell::RemoteShell(const LaunchTarget& target, QString controlFolder) : target_(target), command_(target, controlFolder) {
    if (!controlFolder.isEmpty()) QDir().mkpath(controlFolder);
}

QProcess* RemoteShell::start(const QString& script, QObject* parent) const {
    auto* process = new QProcess(parent);
    process->start(QStringLiteral("ssh"), command_.sshArguments(QLatin1String(kRemoteInterpreter)));
    process->write(script.toUtf8());
    process->closeWriteChannel();
    return process;
}

RemoteResult RemoteShell::run(const QString& script, int timeoutMs) const {
    QProcess process;
    process.start(QStringLiteral("ssh"), command_.sshArguments(QLatin1String(kRemoteInterpreter)));
    RemoteResult result;
    if (!process.waitForStarted(timeoutMs)) {
        result.err = tr("ssh could not be started: %1").arg(process.errorString());
        return result;
    }
    process.write(script.toUtf8());
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) process.kill(), process.waitForFinished(1000);
    result.out = process.readAllStandardOutput();
    result.err = QString::fromUtf8(process.readAllStandardError());
    result.exitCode = finished && process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    if (!finished) result.err += tr("no answer from %1 within %2 s").arg(target_.host()).arg(timeoutMs / 1000);
    return result;
}

QString RemoteShell::describeFailure(const RemoteResult& result) const {
    const QString where = QStringLiteral("%1:%2").arg(target_.host()).arg(target_.port());
    const QString line = lastLine(result.err);
    if (!result.sshFailed()) return line.isEmpty() ? tr("the command on %1 failed (exit %2)").arg(where).arg(result.exitCode) : line;
    if (line.contains(QLatin1String("Permission denied")))
        return tr("%1 refused the login of '%2' with %3 (%4)")
            .arg(where, command_.destination(), target_.identityFile.isEmpty() ? tr("ssh's default keys") : target_.identityFile, line);
    if (line.contains(QLatin1String("Connection refused")) || line.contains(QLatin1String("timed out")) ||
        line.contains(QLatin1String("No route")) || line.contains(QLatin1String("Could not resolve")))
        return tr("%1 is not reachable: %2").arg(where, line);
    if (line.contains(QLatin1String("Host key verification failed")) || line.contains(QLatin1String("REMOTE HOST IDENTIFICATION")))
        return tr("the host key of %1 changed since it was first seen (%2)").arg(where, line);
    return line.isEmpty() ? tr("ssh to %1 failed").arg(where) : tr("ssh to %1 failed: %2").arg(where, line);
}

QString RemoteShell::defaultControlFolder() {
    QString base = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (base.isEmpty()) base = QDir::tempPath();
    const QString folder = QDir(base).filePath(QStringLiteral("m2ds-ssh"));
    QDir().mkpath(folder);
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return folder;
}

}  // namespace m2ds
