#include "LocalTrainingHosts.h"

#include <QDir>
#include <QFile>

#include "ProcessJob.h"
#include "training/SshCommand.h"

namespace m2ds::test {
namespace {

const QString kSpeech = QStringLiteral("/usr/share/pocketsphinx/test/data");
const QString kNoise = QStringLiteral("/usr/share/sonic-pi/samples");

}  // namespace

LocalTrainingHosts::LocalTrainingHosts(QString m2ds)
    : m2ds_(std::move(m2ds)), folder_(QDir::tempPath() + QStringLiteral("/m2ds-hosts-XXXXXX")),
      clusterFolder_(QDir::tempPath() + QStringLiteral("/m2ds-cluster-XXXXXX")), sshd_(folder_.path()), cluster_(clusterFolder_.path()) {}

QString LocalTrainingHosts::missingRecordings() {
    if (!QFile::exists(kSpeech + QStringLiteral("/cards/001.wav"))) return QStringLiteral("pocketsphinx-testdata is missing (packaging/install-deps.sh --tests)");
    if (!QDir(kNoise).exists()) return QStringLiteral("sonic-pi-samples is missing (packaging/install-deps.sh --tests)");
    return {};
}

QString LocalTrainingHosts::startSsh() {
    if (!folder_.isValid()) return QStringLiteral("cannot make a temporary folder: ") + folder_.errorString();
    return sshd_.start();
}

QString LocalTrainingHosts::startSlurm() {
    if (!clusterFolder_.isValid()) return QStringLiteral("cannot make a temporary folder: ") + clusterFolder_.errorString();
    const QString problem = cluster_.start();
    return problem.isEmpty() ? problem : QStringLiteral("the single-node SLURM cluster did not start: ") + problem;
}

QString LocalTrainingHosts::prepareCorpus() const {
    const QList<QStringList> commands = {{"prepare", kSpeech, "-o", path("speech"), "--teacher", "mfcc"},
                                         {"prepare", "--noise", kNoise, "-o", path("noise")}};
    for (const QStringList& arguments : commands) {
        const ProcessRun run = runProgram(m2ds_, arguments);
        if (run.exitCode != 0) return QStringLiteral("m2ds %1 exited with %2: %3").arg(arguments.join(' ')).arg(run.exitCode).arg(run.err.trimmed());
    }
    return {};
}

LaunchTarget LocalTrainingHosts::sshTarget() const {
    LaunchTarget target;
    target.name = QStringLiteral("loopback");
    target.kind = LaunchTarget::Kind::Ssh;
    target.address = sshd_.address();
    target.identityFile = sshd_.clientKey();
    target.knownHostsFile = sshd_.knownHostsFile();
    target.workingFolder = path("remote");
    target.m2dsPath = m2ds_;
    return target;
}

LaunchTarget LocalTrainingHosts::slurmTarget() const {
    LaunchTarget target = sshTarget();
    target.name = QStringLiteral("localhost-cluster");
    target.kind = LaunchTarget::Kind::Slurm;
    target.activation = QStringLiteral("export SLURM_CONF=") + cluster_.configPath();
    target.gpusPerNode = 0;  // a CPU partition
    target.partition = QStringLiteral("debug");
    target.extraSbatchLines = {QStringLiteral("--hold")};  // each job waits for the test's release: pending is seen
    return target;
}

QString LocalTrainingHosts::release(const QString& job) const {
    const ProcessRun released = cluster_.client(QStringLiteral("scontrol"), {"release", job});
    return released.exitCode == 0 ? QString() : QStringLiteral("scontrol release %1: %2").arg(job, released.err.trimmed());
}

QString LocalTrainingHosts::queuedJobs() const { return cluster_.client(QStringLiteral("squeue"), {"-h", "-o", "%i"}).out.trimmed(); }

void LocalTrainingHosts::closeConnection(const LaunchTarget& target, const QString& controlFolder) {
    runProgram(QStringLiteral("ssh"), SshCommand(target, controlFolder).options() << "-O" << "exit" << target.host(), 10000);
}

QString LocalTrainingHosts::path(const QString& name) const { return QDir(folder_.path()).filePath(name); }

QStringList LocalTrainingHosts::trainArguments(const QString& out) const {
    return {"--threads", "2", "train", "--speech", path("speech"), "--noise", path("noise"), "--model", "m2d_s_vit_tiny",
            "--output_dir", out, "--batch_size", "2", "--epochs", "20000", "--warmup_epochs", "1", "--log_every", "1",
            "--save_freq", "100", "--eval_freq", "100", "--rankme_samples", "8"};
}

}  // namespace m2ds::test
