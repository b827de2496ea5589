#include "training/RemoteFileFetch.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace m2ds {
namespace {

QString safeName(QString name) { return name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_")); }

}  // namespace

RemoteFileFetch::RemoteFileFetch(RemoteShell shell, QObject* parent) : QObject(parent), shell_(std::move(shell)) {
    connect(&transfer_, &RsyncTransfer::progress, this, &RemoteFileFetch::progress);
    connect(&transfer_, &RsyncTransfer::finished, this, &RemoteFileFetch::onFinished);
}

bool RemoteFileFetch::start(const QString& remotePath, const QString& localFolder) {
    if (transfer_.isRunning()) return false;
    if (!QDir().mkpath(localFolder)) {
        emit failed(tr("Could not create %1.").arg(localFolder));
        return false;
    }
    localPath_ = QDir(localFolder).filePath(remotePath.section(QLatin1Char('/'), -1));
    if (!QStandardPaths::findExecutable(QStringLiteral("rsync")).isEmpty())
        return transfer_.start(QStringLiteral("rsync"), shell_.command().rsyncArguments(remotePath, localPath_));
    return transfer_.start(QStringLiteral("scp"), shell_.command().scpArguments(remotePath, localPath_));
}

void RemoteFileFetch::cancel() { transfer_.cancel(); }

void RemoteFileFetch::onFinished(int exitCode, const QString& output, bool cancelled) {
    if (cancelled) {
        emit failed(tr("Copying from %1 was cancelled.").arg(shell_.target().host()));
    } else if (exitCode == 0 && QFileInfo::exists(localPath_)) {
        emit progress(100);
        emit finished(localPath_);
    } else {
        emit failed(tr("Copying from %1 failed: %2").arg(shell_.target().host(), RsyncTransfer::describeFailure(output, exitCode, shell_)));
    }
}

QString RemoteFileFetch::cacheFolder(const QString& targetName, const QString& remoteRunDirectory) {
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return QDir(cache).filePath(QStringLiteral("remote-checkpoints/%1/%2").arg(safeName(targetName), safeName(remoteRunDirectory.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty))));
}

}  // namespace m2ds
