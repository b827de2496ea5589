#pragma once
#include <QByteArray>
#include <QString>

#include "training/LaunchTarget.h"
#include "training/SshCommand.h"

class QObject;
class QProcess;

namespace m2ds {

/// What a remote script printed and returned. ssh itself exits 255 when it could not connect or log in.
struct RemoteResult {
    int exitCode = -1;  ///< -1: ssh did not finish (could not start, or timed out)
    QByteArray out;
    QString err;

    bool ok() const { return exitCode == 0; }
    bool sshFailed() const { return exitCode == 255 || exitCode == -1; }
};

/// Runs shell scripts on a target's host: `ssh … 'exec bash -s'` (sh when the host has no bash) with the
/// script on standard input, so that nothing in it needs quoting for ssh. Blocking for short commands
/// (launch, stop, checks), or started for the caller to watch (log and state polls).
class RemoteShell {
public:
    explicit RemoteShell(const LaunchTarget& target, QString controlFolder = defaultControlFolder());

    /// Runs `script` to its end, at most timeoutMs milliseconds (then ssh is killed and exitCode is -1).
    RemoteResult run(const QString& script, int timeoutMs = 30000) const;
    /// Starts `script`; the process belongs to `parent`, its stdin already written and closed.
    QProcess* start(const QString& script, QObject* parent) const;
    const SshCommand& command() const { return command_; }
    const LaunchTarget& target() const { return target_; }

    /// One line for the user when ssh could not connect or log in: unreachable host, refused key, unknown name,
    /// time-out; otherwise the script's last stderr line.
    QString describeFailure(const RemoteResult& result) const;
    /// `<runtime folder>/m2ds-ssh`: the shared connections' sockets (created, mode 0700).
    static QString defaultControlFolder();

private:
    LaunchTarget target_;
    SshCommand command_;
};

}  // namespace m2ds
