#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace m2ds {

/// Where a training run goes: this computer, a host reached over SSH, or a SLURM cluster whose login host is
/// reached over SSH. Paths of a remote target (working folder, data, output, the m2ds command) are paths on that
/// host, where `~` and `~/…` mean the login's home (RemoteHome).
struct LaunchTarget {
    enum class Kind { Local, Ssh, Slurm };

    QString name;                 ///< unique among the saved targets, shown in the selector
    Kind kind = Kind::Local;
    QString address;              ///< [user@]host[:port] (SSH and SLURM)
    QString identityFile;         ///< a private key; empty = ssh's defaults
    QString knownHostsFile;       ///< empty = ~/.ssh/known_hosts (new hosts are accepted and remembered)
    QString workingFolder;        ///< on the host (absolute, or `~/…`): where relative run folders go and commands start
    QString m2dsPath = QStringLiteral("m2ds");  ///< the m2ds command on the host (a path, or a name on its PATH)
    QString activation;           ///< a shell line run first, e.g. `module load m2ds` or `. ~/venv/bin/activate`
    int gpusPerNode = 1;          ///< processes per node: > 1 launches through torchrun
    // SLURM only.
    QString partition;
    QString account;
    int nodes = 1;
    QString timeLimit;            ///< sbatch --time, e.g. 2-00:00:00; empty = the partition's default
    QStringList extraSbatchLines; ///< further directives, with or without the leading "#SBATCH"

    bool isRemote() const { return kind != Kind::Local; }
    /// The user part of address (empty = the local user name ssh uses), the host, the port (22 when absent).
    QString user() const;
    QString host() const;
    int port() const;
    /// A remote path of a run folder: absolute paths and paths in the login's home (`~/…`) as they are, others
    /// under workingFolder.
    QString remotePath(const QString& path) const;
    /// This target with the leading `~` of its working folder and m2ds command replaced by `home`, the login's
    /// home on the host (RemoteHome::expand).
    LaunchTarget withHome(const QString& home) const;
    /// What is wrong with the target, one line each, naming the field; empty when it can be used.
    QStringList problems() const;

    QJsonObject toJson() const;
    static LaunchTarget fromJson(const QJsonObject& json);
    static QString kindName(Kind kind);
    /// "this computer", the built-in local target.
    static LaunchTarget local();
};

}  // namespace m2ds
