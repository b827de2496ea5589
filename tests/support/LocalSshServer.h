#pragma once
// A real OpenSSH server for the remote-launch tests: /usr/sbin/sshd (Debian openssh-server) on 127.0.0.1 at a
// free port, with a throwaway host key, client key and configuration in a folder of the test's, and a home of the
// login there too (its sessions' $HOME, so that `~` on the "host" is a temporary folder). Stopped by the destructor,
// or by the kernel when the test process dies (no sshd is left behind).
#include <QProcess>
#include <QString>

namespace m2ds::test {

class LocalSshServer {
public:
    /// folder: an existing folder of the test's for the keys, sshd_config and the pid file (keep its path
    /// short: ssh's control socket paths are limited to about 100 characters).
    explicit LocalSshServer(QString folder);
    ~LocalSshServer();
    LocalSshServer(const LocalSshServer&) = delete;
    LocalSshServer& operator=(const LocalSshServer&) = delete;

    /// Generates the keys and starts sshd; empty once it accepts connections, otherwise why not (the package
    /// to install, ssh-keygen's failure, or sshd's own output). After stop(): sshd again, on the same port with
    /// the same keys.
    QString start();
    /// Stops sshd: nothing listens on port() until start(). Connections it accepted go on (end a shared one with
    /// `ssh -O exit`).
    void stop();
    int port() const { return port_; }
    /// `user@127.0.0.1:port`, the current user on this server.
    QString address() const;
    /// The private key whose public half is authorized.
    QString clientKey() const;
    /// A known_hosts file of the test's (the host key is accepted into it on first contact).
    QString knownHostsFile() const;
    /// $HOME of the sessions (sshd_config SetEnv): `home` in the folder, created by start(). Their working folder
    /// stays the user's own home (sshd changes into the password database's), so paths in tests are absolute or `~/…`.
    QString home() const;

    /// An ed25519 key pair without passphrase at `path` and `path`.pub; false when ssh-keygen failed.
    static bool generateKey(const QString& path);
    static QString currentUser();

private:
    QString path(const QString& name) const;
    QString writeConfig();
    /// The keys, the home, a free port and sshd_config: empty, or why not.
    QString prepare();
    /// Starts sshd and waits until it accepts connections: empty, or why not.
    QString listen();

    QString folder_;
    QProcess sshd_;
    int port_ = 0;
};

}  // namespace m2ds::test
