#include "LocalSshServer.h"

#include <QDir>
#include <QFile>
#include <QThread>
#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ProcessJob.h"

namespace m2ds::test {
namespace {

const QString kSshd = QStringLiteral("/usr/sbin/sshd");

/// True when something accepts TCP connections on 127.0.0.1:port.
bool acceptsConnectionsOn(int port) {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected = ::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(socket);
    return connected;
}

}  // namespace

LocalSshServer::LocalSshServer(QString folder) : folder_(std::move(folder)) {}

LocalSshServer::~LocalSshServer() { stop(); }

void LocalSshServer::stop() {
    if (sshd_.state() == QProcess::NotRunning) return;
    sshd_.terminate();
    if (!sshd_.waitForFinished(5000)) sshd_.kill(), sshd_.waitForFinished(1000);
}

QString LocalSshServer::path(const QString& name) const { return QDir(folder_).filePath(name); }
QString LocalSshServer::clientKey() const { return path(QStringLiteral("client_key")); }
QString LocalSshServer::knownHostsFile() const { return path(QStringLiteral("known_hosts")); }
QString LocalSshServer::home() const { return path(QStringLiteral("home")); }
QString LocalSshServer::address() const { return QStringLiteral("%1@127.0.0.1:%2").arg(currentUser()).arg(port_); }

QString LocalSshServer::currentUser() { return QString::fromLocal8Bit(::getpwuid(::getuid())->pw_name); }

bool LocalSshServer::generateKey(const QString& path) {
    return runProgram(QStringLiteral("ssh-keygen"), {"-q", "-t", "ed25519", "-N", "", "-C", "m2ds-test", "-f", path}, 30000).exitCode == 0;
}

QString LocalSshServer::writeConfig() {
    QFile config(path(QStringLiteral("sshd_config")));
    if (!config.open(QIODevice::WriteOnly)) return QStringLiteral("cannot write %1").arg(config.fileName());
    config.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2\nAuthorizedKeysFile %3\nPidFile %4\n"
                                "StrictModes no\nUsePAM no\nPermitRootLogin yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                                "Subsystem sftp internal-sftp\nMaxSessions 50\nMaxStartups 50\nLogLevel ERROR\nSetEnv HOME=%5\n")
                     .arg(port_).arg(path("host_key"), path("authorized_keys"), path("sshd.pid"), home()).toUtf8());
    return {};
}

QString LocalSshServer::start() {
    if (!QFile::exists(kSshd)) return kSshd + QStringLiteral(" is missing: install the Debian package openssh-server (packaging/install-deps.sh --tests)");
    if (port_ == 0)
        if (const QString problem = prepare(); !problem.isEmpty()) return problem;
    return listen();
}

QString LocalSshServer::prepare() {
    if (!generateKey(path("host_key")) || !generateKey(clientKey())) return QStringLiteral("ssh-keygen could not write keys in %1").arg(folder_);
    QFile::remove(path("authorized_keys"));
    if (!QFile::copy(clientKey() + ".pub", path("authorized_keys"))) return QStringLiteral("cannot write %1").arg(path("authorized_keys"));
    if (!QDir().mkpath(home())) return QStringLiteral("cannot create %1").arg(home());
    port_ = freePort();
    return writeConfig();
}

QString LocalSshServer::listen() {
    if (::getuid() == 0) QDir().mkpath(QStringLiteral("/run/sshd"));  // sshd's privilege separation folder
    sshd_.setProcessChannelMode(QProcess::MergedChannels);
    sshd_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    sshd_.start(kSshd, {"-D", "-e", "-f", path("sshd_config")});
    if (!sshd_.waitForStarted(10000)) return QStringLiteral("sshd could not be started: ") + sshd_.errorString();
    bool listening = false;
    for (int attempt = 0; attempt < 100 && !listening && sshd_.state() == QProcess::Running; ++attempt) {
        listening = acceptsConnectionsOn(port_);
        if (!listening) QThread::msleep(50);
    }
    if (listening) return {};
    sshd_.waitForReadyRead(10);
    return QStringLiteral("sshd (%1 -D -e -f %2) did not listen on 127.0.0.1:%3: %4")
        .arg(kSshd, path("sshd_config")).arg(port_).arg(QString::fromUtf8(sshd_.readAll()).trimmed());
}

}  // namespace m2ds::test
