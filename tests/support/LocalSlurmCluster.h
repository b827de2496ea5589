#pragma once
// A single-node SLURM cluster on localhost for the sbatch tests (Debian slurm-wlm + munge): munged with a
// generated key and its own socket, slurmctld and slurmd in the foreground (-D) as the current user, with a
// generated slurm.conf (free ports; state, spool and logs in the test's folder; no cgroups, no accounting
// database: sacct does not answer, squeue and scontrol do). One partition "debug" with the node "localhost".
// The destructor cancels the cluster's jobs and stops the daemons; the kernel stops them when the test dies.
#include <QProcess>
#include <QString>
#include <QStringList>
#include <array>
#include <functional>

#include "ProcessJob.h"

namespace m2ds::test {

class LocalSlurmCluster {
public:
    /// folder: an existing folder of the test's; it is made readable by all (munged wants its socket's
    /// folders so), and holds munge/, slurm.conf, state/, spool/ and the daemons' logs (*.log).
    explicit LocalSlurmCluster(QString folder);
    ~LocalSlurmCluster();
    LocalSlurmCluster(const LocalSlurmCluster&) = delete;
    LocalSlurmCluster& operator=(const LocalSlurmCluster&) = delete;

    /// Starts munged, slurmctld and slurmd and waits, at most timeoutMs, until the node is idle. Empty then;
    /// otherwise exactly why not: the package to install, or which daemon failed with its log's last lines.
    QString start(int timeoutMs = 30000);
    /// The generated slurm.conf: what SLURM_CONF must name for sbatch, squeue, scontrol and scancel.
    QString configPath() const;
    /// Runs a SLURM client command (squeue, scontrol, …) against this cluster, at most timeoutMs.
    ProcessRun client(const QString& program, const QStringList& arguments, int timeoutMs = 15000) const;

private:
    enum Daemon { Munged, Slurmctld, Slurmd };

    QString path(const QString& name) const;
    QString writeMungeKey() const;
    QString writeConfig() const;
    QString startDaemon(Daemon daemon, const QString& program, const QStringList& arguments);
    QString waitFor(const std::function<bool()>& ready, const QString& what, int timeoutMs);
    QString failureReport(const QString& what) const;
    void cancelJobs();

    QString folder_;
    std::array<QProcess, 3> daemons_;
};

}  // namespace m2ds::test
