#pragma once
#include <QString>
#include <QStringList>

#include "training/LaunchTarget.h"
#include "training/RemoteShell.h"

namespace m2ds {

/// What a target's host says before a launch, in one ssh round trip: it is reachable and lets us in, the m2ds
/// command is there (after the activation line) and of this workbench's version, the run folder can be
/// created (nothing is created: the nearest existing folder above it is writable) and has room; for SLURM, sbatch
/// is there. The same round trip reads the login's home, which a launch with `~` paths needs (RemoteRun::setHome).
struct LaunchTargetReport {
    QStringList problems;     ///< one line each; empty = ready
    QString remoteVersion;    ///< "m2ds 0.1.0" as the host prints it
    qint64 freeMib = -1;      ///< free space in the run folder's file system
    QString home;             ///< the login's home ("/home/ada"); empty when $HOME is not absolute there

    bool ok() const { return problems.isEmpty(); }
};

class LaunchTargetCheck {
public:
    /// runDirectory: the run folder on the host; minimumFreeMib: less free space is a problem.
    /// controlFolder: as for RemoteShell.
    static LaunchTargetReport check(const LaunchTarget& target, const QString& runDirectory, qint64 minimumFreeMib = 1024,
                                    const QString& controlFolder = RemoteShell::defaultControlFolder(), int timeoutMs = 30000);
    /// The first line of `m2ds --version` this workbench expects ("m2ds " M2DS_VERSION).
    static QString expectedVersion();
};

}  // namespace m2ds
