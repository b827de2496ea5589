#include "training/SshCommand.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRegularExpression>

namespace m2ds {

SshCommand::SshCommand(const LaunchTarget& target, QString controlFolder, int connectTimeoutSeconds)
    : target_(target), controlFolder_(std::move(controlFolder)), connectTimeout_(connectTimeoutSeconds) {}

QStringList SshCommand::options() const {
    QStringList list{"-o", "BatchMode=yes", "-o", QStringLiteral("ConnectTimeout=%1").arg(connectTimeout_),
                     "-o", "StrictHostKeyChecking=accept-new", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"};
    if (!target_.knownHostsFile.isEmpty()) list << "-o" << QStringLiteral("UserKnownHostsFile=") + target_.knownHostsFile;
    if (!target_.identityFile.isEmpty()) list << "-o" << "IdentitiesOnly=yes" << "-i" << QDir::cleanPath(target_.identityFile);
    if (!controlFolder_.isEmpty())
        list << "-o" << "ControlMaster=auto" << "-o" << QStringLiteral("ControlPath=") + QDir(controlFolder_).filePath(connectionName())
             << "-o" << "ControlPersist=60";
    return list << "-p" << QString::number(target_.port());
}

QString SshCommand::connectionName() const {
    // %C hashes host, port and user only: the key is part of the name, so that another key never rides on a
    // connection that a different one opened.
    const QByteArray key = QCryptographicHash::hash((target_.identityFile + QLatin1Char('\n') + target_.knownHostsFile).toUtf8(), QCryptographicHash::Sha1);
    return QString::fromLatin1(key.toHex().left(8)) + QStringLiteral("-%C");
}

QString SshCommand::destination() const {
    const QString user = target_.user();
    return user.isEmpty() ? target_.host() : user + QLatin1Char('@') + target_.host();
}

QStringList SshCommand::sshArguments(const QString& remoteCommand) const { return options() << destination() << remoteCommand; }

QStringList SshCommand::scpArguments(const QString& remotePath, const QString& localPath) const {
    QStringList list = options();
    list[list.size() - 2] = QStringLiteral("-P");  // scp spells the port -P
    // scp (SFTP protocol) takes the remote path literally, so no quoting for a remote shell.
    return list << "-q" << destination() + QLatin1Char(':') + remotePath << localPath;
}

QString SshCommand::rsyncShell() const { return shellLine(QStringList{QStringLiteral("ssh")} + options()); }  // rsync splits -e like a shell

QStringList SshCommand::rsyncArguments(const QString& remotePath, const QString& localPath) const {
    return {"--partial", "--inplace", "--times", "--info=progress2", "--no-inc-recursive", "-e", rsyncShell(),
            destination() + QLatin1Char(':') + remotePath, localPath};  // rsync ≥ 3.2.4 protects remote args itself
}

QStringList SshCommand::rsyncUploadArguments(const QString& localFolder, const QString& remoteFolder) const {
    const auto slashed = [](const QString& folder) { return folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/'); };
    return {"--recursive", "--copy-links", "--times", "--partial", "--info=progress2", "--no-inc-recursive", "--stats", "-e", rsyncShell(),
            slashed(localFolder), destination() + QLatin1Char(':') + slashed(remoteFolder)};  // "folder/": its contents
}

QString SshCommand::quote(const QString& text) {
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(text).hasMatch()) return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString SshCommand::shellLine(const QStringList& words) {
    QStringList quoted;
    for (const QString& word : words) quoted << quote(word);
    return quoted.join(QLatin1Char(' '));
}

}  // namespace m2ds
