#pragma once
#include <QString>
#include <QStringList>

#include "training/LaunchTarget.h"

namespace m2ds {

/// The argument lists of ssh, scp and rsync for one remote target: never a password prompt (BatchMode=yes),
/// a bounded connection time, new host keys accepted and remembered (StrictHostKeyChecking=accept-new), the
/// port and identity file of the target and, when a control folder is given, one shared connection per host
/// (ControlMaster=auto, kept 60 s after the last use) so that polling a log costs no new handshake.
class SshCommand {
public:
    /// controlFolder: where the shared connections' sockets live (short path: sockets are limited to ~100
    /// characters); empty = every command connects on its own.
    explicit SshCommand(const LaunchTarget& target, QString controlFolder = {}, int connectTimeoutSeconds = 10);

    /// The ssh options (-o …, -p, -i) common to every command, without the destination.
    QStringList options() const;
    /// [user@]host.
    QString destination() const;
    /// ssh arguments running `remoteCommand` (one shell line, run by the remote login shell).
    QStringList sshArguments(const QString& remoteCommand) const;
    /// scp arguments copying the remote file `remotePath` to `localPath`.
    QStringList scpArguments(const QString& remotePath, const QString& localPath) const;
    /// rsync arguments copying `remotePath` to `localPath`, resumable (--partial) and reporting progress.
    QStringList rsyncArguments(const QString& remotePath, const QString& localPath) const;
    /// rsync arguments copying what the local folder `localFolder` holds into the folder `remoteFolder` on the
    /// host (an absolute path there): recursive, symbolic links as the files they name, modification times kept (so a file
    /// of the same size and time is not sent again), resumable (--partial), progress, and --stats' summary of
    /// what was sent.
    QStringList rsyncUploadArguments(const QString& localFolder, const QString& remoteFolder) const;

    /// `text` as one word of a POSIX shell line ('…' with embedded quotes escaped).
    static QString quote(const QString& text);
    /// The words quoted and joined by spaces.
    static QString shellLine(const QStringList& words);

private:
    /// The control socket's file name: the key's hash and ssh's %C.
    QString connectionName() const;
    /// rsync's -e: ssh with options(), as one shell line.
    QString rsyncShell() const;

    LaunchTarget target_;
    QString controlFolder_;
    int connectTimeout_;
};

}  // namespace m2ds
