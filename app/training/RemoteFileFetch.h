#pragma once
#include <QObject>

#include "training/RemoteShell.h"
#include "training/RsyncTransfer.h"

namespace m2ds {

/// Copies one remote file (a checkpoint) into a local folder: rsync over the target's ssh options when this
/// computer has rsync (resumable, with progress), else scp; through an RsyncTransfer. One copy at a time.
class RemoteFileFetch : public QObject {
    Q_OBJECT
public:
    explicit RemoteFileFetch(RemoteShell shell, QObject* parent = nullptr);

    /// Starts copying `remotePath` into `localFolder` (created); false when a copy is in flight.
    bool start(const QString& remotePath, const QString& localFolder);
    bool isRunning() const { return transfer_.isRunning(); }
    /// Stops the copy; failed follows.
    void cancel();

    /// `<AppCacheLocation>/remote-checkpoints/<target>/<run folder name>`.
    static QString cacheFolder(const QString& targetName, const QString& remoteRunDirectory);

signals:
    /// 0–100.
    void progress(int percent);
    void finished(const QString& localPath);
    void failed(const QString& message);

private:
    void onFinished(int exitCode, const QString& output, bool cancelled);

    RemoteShell shell_;
    RsyncTransfer transfer_;
    QString localPath_;
};

}  // namespace m2ds
