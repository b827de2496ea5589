#include "training/RemoteDataUpload.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include "training/RemoteHome.h"

namespace m2ds {
namespace {

constexpr qint64 kMiB = 1024 * 1024;

/// The bytes of the files under `folder`, at any depth (symbolic links counted as what they name, as rsync copies them).
qint64 folderBytes(const QString& folder) {
    qint64 bytes = 0;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext()) bytes += it.nextFileInfo().size();
    return bytes;
}

/// The number after `label` in rsync's --stats ("Number of regular files transferred: 1,234"), 0 when absent.
qint64 statistic(const QString& output, const QString& label) {
    const QRegularExpressionMatch match = QRegularExpression(label + QStringLiteral(": ([0-9][0-9,.']*)")).match(output);
    return match.hasMatch() ? match.captured(1).remove(QRegularExpression(QStringLiteral("[^0-9]"))).toLongLong() : 0;
}

QString markedLine(const QString& output, const QString& marker) {
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^") + marker + QStringLiteral(" (.*)$"), QRegularExpression::MultilineOption).match(output);
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

}  // namespace

RemoteDataUpload::RemoteDataUpload(RemoteShell shell, QObject* parent) : QObject(parent), shell_(std::move(shell)) {
    connect(&transfer_, &RsyncTransfer::progress, this, &RemoteDataUpload::progress);
    connect(&transfer_, &RsyncTransfer::finished, this, &RemoteDataUpload::onTransferred);
}

RemoteDataUpload::~RemoteDataUpload() {
    if (!check_) return;
    check_->disconnect(this);
    check_->kill();
    check_->waitForFinished(1000);
}

QString RemoteDataUpload::defaultDestination(const LaunchTarget& target, const QString& localFolder) {
    return target.remotePath(QStringLiteral("data/") + QFileInfo(QDir::cleanPath(localFolder)).fileName());
}

bool RemoteDataUpload::start(const QString& localFolder, const QString& remoteFolder) {
    if (isRunning()) return false;
    const QFileInfo local(localFolder);
    if (!local.exists()) {
        emit failed(tr("%1 does not exist on this computer.").arg(localFolder));
        return false;
    }
    if (!local.isDir()) {
        emit failed(tr("%1 is not a folder: upload the folder that holds the recordings.").arg(localFolder));
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("rsync")).isEmpty()) {
        emit failed(tr("Uploading needs rsync on this computer (Debian package rsync)."));
        return false;
    }
    localFolder_ = local.absoluteFilePath();
    destination_ = remoteFolder.trimmed().isEmpty() ? defaultDestination(shell_.target(), localFolder_) : shell_.target().remotePath(remoteFolder.trimmed());
    remoteFolder_.clear();
    localBytes_ = folderBytes(localFolder_);
    cancelled_ = false;
    QProcess* check = shell_.start(checkScript(), this);
    check_ = check;
    connect(check, &QProcess::finished, this, &RemoteDataUpload::onChecked);
    return true;
}

QString RemoteDataUpload::checkScript() const {
    return QStringLiteral(
               "d=%1\n"
               "mkdir -p -- \"$d\" && cd -- \"$d\" || exit 3\n"
               "[ -w . ] || { echo \"$(pwd -P) is not writable for $(id -un)\" >&2; exit 3; }\n"
               "command -v rsync >/dev/null 2>&1 || { echo \"rsync is not installed on $(hostname) (or not on the PATH of its login shell)\" >&2; exit 4; }\n"
               "echo \"M2DS-FOLDER $(pwd -P)\"\n"
               "echo \"M2DS-FREE-KIB $(df -Pk . | awk 'NR == 2 { print $4 }')\"\n"
               "echo \"M2DS-USED-KIB $(du -sk . | cut -f1)\"\n")
        .arg(RemoteHome::shellWord(destination_));
}

void RemoteDataUpload::onChecked(int exitCode, QProcess::ExitStatus status) {
    QProcess* check = check_;
    check_ = nullptr;
    check->deleteLater();
    if (cancelled_) {
        emit failed(tr("The upload to %1 was cancelled.").arg(where(destination_)));
        return;
    }
    const RemoteResult result{status == QProcess::NormalExit ? exitCode : -1, check->readAllStandardOutput(), QString::fromUtf8(check->readAllStandardError())};
    const QString output = QString::fromUtf8(result.out);
    remoteFolder_ = markedLine(output, QStringLiteral("M2DS-FOLDER"));
    if (!result.ok() || remoteFolder_.isEmpty()) {
        emit failed(tr("Cannot upload to %1: %2").arg(where(destination_), shell_.describeFailure(result)));
        return;
    }
    const qint64 free = markedLine(output, QStringLiteral("M2DS-FREE-KIB")).toLongLong() * 1024;
    const qint64 needed = localBytes_ - markedLine(output, QStringLiteral("M2DS-USED-KIB")).toLongLong() * 1024;
    if (needed > free) {
        emit failed(tr("Not enough space on %1 for the upload: %2 MiB more are needed, %3 MiB are free there.")
                        .arg(where(remoteFolder_)).arg(double(needed) / kMiB, 0, 'f', 1).arg(double(free) / kMiB, 0, 'f', 1));
        return;
    }
    transfer_.start(QStringLiteral("rsync"), shell_.command().rsyncUploadArguments(localFolder_, remoteFolder_));
}

void RemoteDataUpload::onTransferred(int exitCode, const QString& output, bool cancelled) {
    if (cancelled) {
        emit failed(tr("The upload to %1 was cancelled; what was copied stays there, and the next upload goes on from it.").arg(where(remoteFolder_)));
    } else if (exitCode == 0) {
        emit progress(100);
        emit finished(remoteFolder_, statistic(output, QStringLiteral("Number of (?:regular )?files transferred")),
                      statistic(output, QStringLiteral("Total transferred file size")));
    } else {
        emit failed(tr("Uploading to %1 failed: %2").arg(where(remoteFolder_), RsyncTransfer::describeFailure(output, exitCode, shell_)));
    }
}

void RemoteDataUpload::cancel() {
    if (check_) {
        cancelled_ = true;
        check_->kill();
    } else {
        transfer_.cancel();
    }
}

QString RemoteDataUpload::where(const QString& folder) const { return shell_.target().host() + QLatin1Char(':') + folder; }

}  // namespace m2ds
