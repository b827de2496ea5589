#include "training/RemoteFileFetch.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

namespace m2ds {
namespace {

QString safeName(QString name) { return name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_")); }

}  // namespace

RemoteFileFetch::RemoteFileFetch(RemoteShell shell, QObject* parent) : QObject(parent), shell_(std::move(shell)) {}

bool RemoteFileFetch::start(const QString& remotePath, const QString& localFolder) {
    if (process_) return false;
    if (!QDir().mkpath(localFolder)) {
        emit failed(tr("Could not create %1.").arg(localFolder));
        return false;
    }
    localPath_ = QDir(localFolder).filePath(remotePath.section(QLatin1Char('/'), -1));
    const bool rsync = !QStandardPaths::findExecutable(QStringLiteral("rsync")).isEmpty();
    auto* process = new QProcess(this);
    process_ = process;
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::readyReadStandardOutput, this, &RemoteFileFetch::onOutput);
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        const QString output = QString::fromUtf8(process->readAll()).trimmed();
        process->deleteLater();
        process_ = nullptr;
        if (status == QProcess::NormalExit && exitCode == 0 && QFileInfo::exists(localPath_)) {
            emit progress(100);
            emit finished(localPath_);
        } else {
            const QString last = output.section(QLatin1Char('\n'), -1).trimmed();
            emit failed(tr("Copying from %1 failed: %2").arg(shell_.target().host(), last.isEmpty() ? tr("exit %1").arg(exitCode) : last));
        }
    });
    if (rsync) process->start(QStringLiteral("rsync"), shell_.command().rsyncArguments(remotePath, localPath_));
    else process->start(QStringLiteral("scp"), shell_.command().scpArguments(remotePath, localPath_));
    return true;
}

void RemoteFileFetch::cancel() {
    if (process_) process_->kill();
}

void RemoteFileFetch::onOutput() {
    if (!process_) return;
    // rsync --info=progress2 rewrites one line with '\r': "  1,234,567  45%  1.2MB/s  0:00:01"
    static const QRegularExpression percent(QStringLiteral("(\\d{1,3})%"));
    const QString text = QString::fromUtf8(process_->peek(process_->bytesAvailable()));
    QRegularExpressionMatchIterator it = percent.globalMatch(text);
    int last = -1;
    while (it.hasNext()) last = it.next().captured(1).toInt();
    if (last >= 0) emit progress(qBound(0, last, 100));
}

QString RemoteFileFetch::cacheFolder(const QString& targetName, const QString& remoteRunDirectory) {
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return QDir(cache).filePath(QStringLiteral("remote-checkpoints/%1/%2").arg(safeName(targetName), safeName(remoteRunDirectory.section(QLatin1Char('/'), -1, -1, QString::SectionSkipEmpty))));
}

}  // namespace m2ds
