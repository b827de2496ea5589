#include "LocalSlurmCluster.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

#include "LocalSshServer.h"

namespace m2ds::test {
namespace {

const char* const kDaemonNames[] = {"munged", "slurmctld", "slurmd"};
constexpr int kLogTailLines = 15;

/// The last `lines` lines of a text file, or a note that it is empty or missing.
QString lastLinesOf(const QString& path, int lines) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return QStringLiteral("(no %1)").arg(path);
    const QStringList all = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
    return all.join(QString()).isEmpty() ? QStringLiteral("(empty)") : all.mid(qMax(0, int(all.size()) - lines)).join(QLatin1Char('\n'));
}

/// MemTotal of /proc/meminfo in MiB (0 when unreadable).
qint64 totalMemoryMib() {
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : meminfo.readAll().split('\n'))
        if (line.startsWith("MemTotal:")) return line.mid(9).trimmed().split(' ').value(0).toLongLong() / 1024;
    return 0;
}

}  // namespace

LocalSlurmCluster::LocalSlurmCluster(QString folder) : folder_(std::move(folder)) {}

LocalSlurmCluster::~LocalSlurmCluster() {
    if (daemons_[Slurmctld].state() == QProcess::Running) cancelJobs();
    for (int daemon : {Slurmd, Slurmctld, Munged}) {
        QProcess& process = daemons_[daemon];
        if (process.state() == QProcess::NotRunning) continue;
        process.terminate();
        if (!process.waitForFinished(10000)) process.kill(), process.waitForFinished(1000);
    }
}

QString LocalSlurmCluster::path(const QString& name) const { return QDir(folder_).filePath(name); }
QString LocalSlurmCluster::configPath() const { return path(QStringLiteral("slurm.conf")); }

ProcessRun LocalSlurmCluster::client(const QString& program, const QStringList& arguments, int timeoutMs) const {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SLURM_CONF"), configPath());
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) process.kill(), process.waitForFinished(1000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString LocalSlurmCluster::writeMungeKey() const {
    QFile key(path(QStringLiteral("munge/munge.key")));
    QByteArray bytes(128, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    if (!key.open(QIODevice::WriteOnly) || key.write(bytes) != bytes.size()) return QStringLiteral("cannot write %1").arg(key.fileName());
    key.close();
    key.setPermissions(QFile::ReadOwner | QFile::WriteOwner);  // munged refuses a key others can read
    return {};
}

QString LocalSlurmCluster::writeConfig() const {
    const QString user = LocalSshServer::currentUser();
    const long cpus = qMax(1L, ::sysconf(_SC_NPROCESSORS_ONLN));
    const qint64 memory = qMax<qint64>(256, totalMemoryMib() * 9 / 10);
    QFile config(configPath());
    if (!config.open(QIODevice::WriteOnly)) return QStringLiteral("cannot write %1").arg(config.fileName());
    config.write(QStringLiteral(
        "ClusterName=m2ds-test\nSlurmctldHost=localhost\nSlurmctldPort=%1\nSlurmdPort=%2\nSlurmUser=%3\nSlurmdUser=%3\n"
        "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=%4\n"
        "StateSaveLocation=%5\nSlurmdSpoolDir=%6\nSlurmctldPidFile=%7\nSlurmdPidFile=%8\n"
        "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nSelectType=select/cons_tres\nSelectTypeParameters=CR_Core\n"
        "MpiDefault=none\nReturnToService=2\nSlurmdParameters=config_overrides\nKillWait=5\n"
        "JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\nJobCompType=jobcomp/none\n"
        "NodeName=localhost NodeAddr=127.0.0.1 CPUs=%9 RealMemory=%10 State=UNKNOWN\n"
        "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n")
                     .arg(freePort()).arg(freePort()).arg(user, path("munge/munge.socket"), path("state"), path("spool"),
                          path("slurmctld.pid"), path("slurmd.pid"))
                     .arg(cpus).arg(memory).toUtf8());
    return {};
}

QString LocalSlurmCluster::startDaemon(Daemon daemon, const QString& program, const QStringList& arguments) {
    QProcess& process = daemons_[daemon];
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SLURM_CONF"), configPath());
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardOutputFile(path(QString::fromLatin1(kDaemonNames[daemon]) + QStringLiteral(".log")));
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    process.start(program, arguments);
    if (process.waitForStarted(10000)) return {};
    return QStringLiteral("%1 could not be started: %2").arg(program, process.errorString());
}

QString LocalSlurmCluster::failureReport(const QString& what) const {
    QString report = what;
    for (int daemon : {Munged, Slurmctld, Slurmd}) {
        const QString log = path(QString::fromLatin1(kDaemonNames[daemon]) + QStringLiteral(".log"));
        if (daemons_[daemon].state() == QProcess::NotRunning && !QFile::exists(log)) continue;  // not started yet
        report += QStringLiteral("\n--- %1 (%2), last lines:\n%3").arg(QString::fromLatin1(kDaemonNames[daemon]), log, lastLinesOf(log, kLogTailLines));
    }
    return report;
}

QString LocalSlurmCluster::waitFor(const std::function<bool()>& ready, const QString& what, int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    while (!ready()) {
        for (int daemon : {Munged, Slurmctld, Slurmd}) {
            QProcess& process = daemons_[daemon];
            if (!process.program().isEmpty() && (process.state() == QProcess::NotRunning || process.waitForFinished(0)))  // started, and gone
                return failureReport(QStringLiteral("%1 exited (status %2) before %3").arg(QString::fromLatin1(kDaemonNames[daemon])).arg(process.exitCode()).arg(what));
        }
        if (clock.elapsed() > timeoutMs) return failureReport(QStringLiteral("no %1 after %2 s").arg(what).arg(timeoutMs / 1000));
        QThread::msleep(100);
    }
    return {};
}

QString LocalSlurmCluster::start(int timeoutMs) {
    for (const char* program : {"/usr/sbin/munged", "/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch"})
        if (!QFile::exists(QString::fromLatin1(program)))
            return QStringLiteral("%1 is missing: install the Debian packages slurm-wlm and munge (packaging/install-deps.sh --tests)").arg(program);
    const QFile::Permissions open = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup |
                                    QFile::ReadOther | QFile::ExeOther;
    for (const QString& folder : {QStringLiteral("munge"), QStringLiteral("state"), QStringLiteral("spool")}) QDir().mkpath(path(folder));
    QFile::setPermissions(folder_, open);  // munged: "execute permissions for all required" on its socket's folders
    QFile::setPermissions(path("munge"), open);
    if (QString problem = writeMungeKey(); !problem.isEmpty()) return problem;
    if (QString problem = writeConfig(); !problem.isEmpty()) return problem;

    QString problem = startDaemon(Munged, QStringLiteral("/usr/sbin/munged"),
                                  {"--foreground", "--key-file=" + path("munge/munge.key"), "--socket=" + path("munge/munge.socket"),
                                   "--pid-file=" + path("munge/munged.pid"), "--seed-file=" + path("munge/munged.seed"),
                                   "--log-file=" + path("munged.log")});
    if (problem.isEmpty()) problem = waitFor([this] { return QFile::exists(path("munge/munge.socket")); }, QStringLiteral("munge socket"), timeoutMs);
    if (problem.isEmpty()) problem = startDaemon(Slurmctld, QStringLiteral("/usr/sbin/slurmctld"), {"-D"});
    if (problem.isEmpty()) problem = startDaemon(Slurmd, QStringLiteral("/usr/sbin/slurmd"), {"-D", "-N", "localhost"});
    if (!problem.isEmpty()) return problem;
    QString state;
    problem = waitFor([this, &state] {
        state = client(QStringLiteral("sinfo"), {"-h", "-N", "-n", "localhost", "-o", "%T"}, 5000).out.trimmed();
        return state == QLatin1String("idle");
    }, QStringLiteral("idle node 'localhost'"), timeoutMs);
    return problem.isEmpty() ? problem : problem + QStringLiteral("\n--- sinfo's node state: ") + (state.isEmpty() ? QStringLiteral("(none)") : state);
}

void LocalSlurmCluster::cancelJobs() {
    client(QStringLiteral("scancel"), {"--user=" + LocalSshServer::currentUser()});
    for (int attempt = 0; attempt < 150; ++attempt) {
        if (client(QStringLiteral("squeue"), {"-h", "-o", "%i"}, 5000).out.trimmed().isEmpty()) return;
        QThread::msleep(100);
    }
}

}  // namespace m2ds::test
