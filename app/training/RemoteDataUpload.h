#pragma once
#include <QObject>
#include <QPointer>
#include <QProcess>

#include "training/RemoteShell.h"
#include "training/RsyncTransfer.h"

namespace m2ds {

/// Uploads a data folder of this computer to a target's host (the Train page's "Upload…" beside the data
/// fields) in two steps, neither of which blocks the caller: a short script over ssh creates the destination,
/// answers its absolute path and checks that it is writable, that the host has rsync, and that its free space
/// holds what the folder adds; then rsync (an RsyncTransfer, over the target's ssh options) copies what is new
/// or changed, so that a second upload of the same folder sends nothing. Nothing on the host is deleted.
/// One upload at a time.
class RemoteDataUpload : public QObject {
    Q_OBJECT
public:
    explicit RemoteDataUpload(RemoteShell shell, QObject* parent = nullptr);
    /// Kills a step in flight (no signal then).
    ~RemoteDataUpload() override;

    /// Where an upload of `localFolder` goes unless told otherwise: `data/<folder name>` under the target's
    /// working folder.
    static QString defaultDestination(const LaunchTarget& target, const QString& localFolder);

    /// Starts uploading what `localFolder` holds into `remoteFolder` on the host (created; a relative path is
    /// under the working folder; empty = defaultDestination). False when an upload is in flight (no signal),
    /// and false with failed when the local folder is not there or this computer has no rsync.
    bool start(const QString& localFolder, const QString& remoteFolder = {});
    bool isRunning() const { return check_ != nullptr || transfer_.isRunning(); }
    /// Stops the upload: what was copied stays on the host, and the next upload goes on from there. failed follows.
    void cancel();

signals:
    /// 0–100, while rsync copies.
    void progress(int percent);
    /// remoteFolder: the destination's absolute path on the host; filesSent and bytesSent: what rsync sent
    /// (0 when the host had everything already).
    void finished(const QString& remoteFolder, qint64 filesSent, qint64 bytesSent);
    /// One line: the local folder missing, the destination not writable, too little space, the host not
    /// reachable, rsync missing, or rsync's own failure.
    void failed(const QString& message);

private:
    /// The destination check: creates the folder, prints its absolute path, free and used KiB.
    QString checkScript() const;
    void onChecked(int exitCode, QProcess::ExitStatus status);
    void onTransferred(int exitCode, const QString& output, bool cancelled);
    /// Where the upload goes, as the user reads it: host:folder.
    QString where(const QString& folder) const;

    RemoteShell shell_;
    RsyncTransfer transfer_;
    QPointer<QProcess> check_;
    QString localFolder_;
    QString destination_;  ///< as asked for (may be relative to the login's home)
    QString remoteFolder_; ///< its absolute path, once checked
    qint64 localBytes_ = 0;
    bool cancelled_ = false;
};

}  // namespace m2ds
