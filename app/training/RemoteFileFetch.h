#pragma once
#include <QObject>
#include <QPointer>
#include <QProcess>

#include "training/RemoteShell.h"

namespace m2ds {

/// Copies one remote file (a checkpoint) into a local folder: rsync over the target's ssh options when this
/// computer has rsync (resumable, with progress), else scp. One copy at a time.
class RemoteFileFetch : public QObject {
    Q_OBJECT
public:
    explicit RemoteFileFetch(RemoteShell shell, QObject* parent = nullptr);

    /// Starts copying `remotePath` into `localFolder` (created); false when a copy is in flight.
    bool start(const QString& remotePath, const QString& localFolder);
    bool isRunning() const { return process_ != nullptr; }
    void cancel();

    /// `<AppCacheLocation>/remote-checkpoints/<target>/<run folder name>`.
    static QString cacheFolder(const QString& targetName, const QString& remoteRunDirectory);

signals:
    /// 0–100.
    void progress(int percent);
    void finished(const QString& localPath);
    void failed(const QString& message);

private:
    void onOutput();

    RemoteShell shell_;
    QPointer<QProcess> process_;
    QString localPath_;
};

}  // namespace m2ds
