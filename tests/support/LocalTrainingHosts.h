#pragma once
// The "remote" hosts of the remote-launch tests, all on this machine: a LocalSshServer on 127.0.0.1 and, for the
// SLURM tests, a LocalSlurmCluster whose login host it is; the LaunchTargets that reach them; and the tiny corpus
// of tst_m2dsTrain (pocketsphinx-testdata speech with an mfcc teacher, sonic-pi noise) prepared once, the "host's"
// data. Everything lives in two short temporary folders (ssh's control socket paths are limited).
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "LocalSlurmCluster.h"
#include "LocalSshServer.h"
#include "training/LaunchTarget.h"

namespace m2ds::test {

class LocalTrainingHosts {
public:
    /// m2ds: the m2ds executable, run on the hosts and to prepare the corpus.
    explicit LocalTrainingHosts(QString m2ds);

    /// Empty when the packaged recordings of the corpus are installed; otherwise the packages to install.
    static QString missingRecordings();
    /// Starts sshd: empty, or why not (as LocalSshServer::start). Again after stopSsh(): the same port and keys.
    QString startSsh();
    /// Stops sshd (as LocalSshServer::stop): the hosts are unreachable until startSsh().
    void stopSsh() { sshd_.stop(); }
    /// Starts the single-node cluster: empty, or exactly why not (as LocalSlurmCluster::start).
    QString startSlurm();
    /// Prepares speech/ and noise/ with `m2ds prepare`: empty, or the failing command's exit code and stderr.
    QString prepareCorpus() const;

    /// "loopback": the current user on the sshd, working folder remote/, m2ds the given executable, one process.
    LaunchTarget sshTarget() const;
    /// "localhost-cluster": the sshd as the cluster's login host, SLURM_CONF in the activation line, the CPU
    /// partition "debug" (no GPUs), and every job submitted held (--hold): pending until release().
    LaunchTarget slurmTarget() const;
    /// `scontrol release job`: empty, or scontrol's error.
    QString release(const QString& job) const;
    /// The job ids in the cluster's queue (squeue), one per line; empty when none.
    QString queuedJobs() const;
    /// Ends the shared ssh connection that `target`'s commands keep in `controlFolder` (ssh -O exit).
    static void closeConnection(const LaunchTarget& target, const QString& controlFolder);

    /// A path in the test's folder (where remote/, speech/ and noise/ are).
    QString path(const QString& name) const;
    /// The home of the login on the sshd ($HOME there, what `~` means on the "host"): a folder in the test's.
    QString home() const { return sshd_.home(); }
    /// The arguments of a tiny `m2ds train` of the corpus into the host folder `out`: batch 2, a record each
    /// step, 20000 epochs of 5 steps (it runs until stopped: minutes even at 300 steps/s), 2 threads.
    QStringList trainArguments(const QString& out) const;

private:
    QString m2ds_;
    QTemporaryDir folder_;
    QTemporaryDir clusterFolder_;  // made readable by all for munged
    LocalSshServer sshd_;
    LocalSlurmCluster cluster_;
};

}  // namespace m2ds::test
