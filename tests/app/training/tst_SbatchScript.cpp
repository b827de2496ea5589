// The SLURM batch script generated from a target and the train arguments, sbatch's job id, the job state query and
// the stop, which cancels a pending job and signals a started one (run by /bin/sh against stand-in squeue, sacct,
// scontrol and scancel commands).
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <utility>

#include "training/SbatchScript.h"

using namespace m2ds;

namespace {

LaunchTarget cluster() {
    LaunchTarget target;
    target.name = "cluster";
    target.kind = LaunchTarget::Kind::Slurm;
    target.address = "me@login.example.org";
    target.partition = "gpu";
    target.account = "proj42";
    target.gpusPerNode = 4;
    target.nodes = 2;
    target.timeLimit = "2-00:00:00";
    target.activation = "module load m2ds/0.1.0";
    target.extraSbatchLines = {"--mem=64G", "#SBATCH --constraint=a100"};
    return target;
}

}  // namespace

class TestSbatchScript : public QObject {
    Q_OBJECT
private slots:
    void multiNodeScriptLaunchesTorchrunThroughSrun() {
        const QString script = SbatchScript::generate(cluster(), {"train", "--speech", "/data/my speech", "--output_dir", "/runs/a"}, "/runs/a", 29555);
        const QString expected =
            "#!/bin/bash\n"
            "#SBATCH --job-name=m2ds-a\n"
            "#SBATCH --partition=gpu\n"
            "#SBATCH --account=proj42\n"
            "#SBATCH --nodes=2\n"
            "#SBATCH --ntasks-per-node=1\n"
            "#SBATCH --gpus-per-node=4\n"
            "#SBATCH --time=2-00:00:00\n"
            "#SBATCH --chdir=/runs/a\n"
            "#SBATCH --output=/runs/a/train-stdout.log\n"
            "#SBATCH --error=/runs/a/train-stderr.log\n"
            "#SBATCH --open-mode=append\n"
            "#SBATCH --signal=INT@120\n"
            "#SBATCH --mem=64G\n"
            "#SBATCH --constraint=a100\n"
            "set -e\n"
            "module load m2ds/0.1.0\n"
            "HEAD=$(scontrol show hostnames \"$SLURM_JOB_NODELIST\" | head -n1)\n"
            "echo \"m2ds job $SLURM_JOB_ID on $SLURM_JOB_NODELIST\" >&2\n"
            "exec srun --kill-on-bad-exit=1 torchrun --nnodes=\"$SLURM_NNODES\" --nproc_per_node=4 --rdzv_id=\"$SLURM_JOB_ID\" \\\n"
            "    --rdzv_backend=c10d --rdzv_endpoint=\"$HEAD:29555\" \"$(command -v m2ds)\" train --speech '/data/my speech' --output_dir /runs/a\n";
        QCOMPARE(script, expected);
    }

    void oneProcessRunsM2dsDirectly() {
        LaunchTarget target = cluster();
        target.nodes = 1;
        target.gpusPerNode = 0;  // a CPU partition
        target.partition.clear();
        target.account.clear();
        target.timeLimit.clear();
        target.extraSbatchLines.clear();
        target.activation.clear();
        target.m2dsPath = "/opt/m2ds/bin/m2ds";
        const QString script = SbatchScript::generate(target, {"--threads", "2", "train", "--output_dir", "/r/it's"}, "/r/it's");
        QVERIFY(!script.contains("--partition") && !script.contains("--gpus-per-node") && !script.contains("--time") && !script.contains("HEAD="));
        QVERIFY(script.contains("#SBATCH --job-name=m2ds-it_s\n"));
        QVERIFY(script.endsWith("exec srun --kill-on-bad-exit=1 /opt/m2ds/bin/m2ds --threads 2 train --output_dir '/r/it'\\''s'\n"));
    }

    void jobIdsOfParsableOutput() {
        QCOMPARE(SbatchScript::parseJobId("1234\n"), QString("1234"));
        QCOMPARE(SbatchScript::parseJobId("987;cluster2\n"), QString("987"));
        QCOMPARE(SbatchScript::parseJobId("sbatch: error: invalid partition specified: gpux\n"), QString());
    }

    void jobStateFromSqueueThenSacctThenScontrol() {
        QTemporaryDir bin;  // the whole PATH: the stand-ins and the tools the query uses
        for (const QString tool : {"grep", "sed", "head", "tail"}) QVERIFY(QFile::link(QStandardPaths::findExecutable(tool), bin.filePath(tool)));
        // squeue knows job 1 and gets no answer for job 4; sacct answers as on a cluster without accounting;
        // scontrol still knows job 2 (its line as slurm-wlm 22.05.8 printed it for a job killed at its limit).
        writeFakeCommand(bin.filePath("squeue"), "[ \"$3\" = 1 ] && [ \"$5\" = '%T|%r|%M|%l' ] && echo 'PENDING|Resources|0:00|1:00' && exit 0\n"
                                                 "[ \"$3\" = 4 ] && echo 'slurm_load_jobs error: Unable to contact slurm controller (connect failure)' >&2 && exit 1\n"
                                                 "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1");
        writeFakeCommand(bin.filePath("sacct"), "echo 'Slurm accounting storage is disabled' >&2; exit 1");
        writeFakeCommand(bin.filePath("scontrol"),
                         "[ \"$4\" = 2 ] && echo 'JobId=2 JobName=ignore UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901757 Nice=0 "
                         "Account=(null) QOS=(null) JobState=TIMEOUT Reason=TimeLimit Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 "
                         "ExitCode=0:9 RunTime=00:01:14 TimeLimit=00:01:00 TimeMin=N/A SubmitTime=2026-12-01T13:23:46 Partition=debug Power= ' && exit 0\n"
                         "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1");
        QCOMPARE(stateOf("1", bin.path()), QString("PENDING|Resources|0:00|1:00"));
        QCOMPARE(stateOf("2", bin.path()), QString("TIMEOUT|TimeLimit|00:01:14|00:01:00"));
        QCOMPARE(stateOf("3", bin.path()), QString());  // nobody knows it: gone
        QCOMPARE(stateOf("4", bin.path()), QString("UNKNOWN|slurm_load_jobs error: Unable to contact slurm controller (connect failure)"));
        writeFakeCommand(bin.filePath("sacct"), "[ \"$7\" = State,Reason,Elapsed,Timelimit ] || exit 1\n"
                                                "echo 'CANCELLED by 1000|None|00:03:10|UNLIMITED'; echo 'CANCELLED|None|00:03:10|UNLIMITED'");
        QCOMPARE(stateOf("2", bin.path()), QString("CANCELLED by 1000|None|00:03:10|UNLIMITED"));  // accounting comes before scontrol
        QFile::remove(bin.filePath("squeue"));
        QVERIFY(stateOf("1", bin.path()).startsWith("UNKNOWN|"));  // no squeue on the PATH is no answer either
    }

    void stopCancelsAPendingJobAndSignalsAStartedOne() {
        QTemporaryDir bin;  // squeue prints the job's state from a file; scancel --state=PENDING moves `next` there
        for (const QString tool : {"grep", "cat", "mv"}) QVERIFY(QFile::link(QStandardPaths::findExecutable(tool), bin.filePath(tool)));
        writeFakeCommand(bin.filePath("squeue"), "[ \"$3\" = 7 ] && [ \"$5\" = %T ] && cat " + bin.filePath("state"));
        writeFakeCommand(bin.filePath("scancel"), "echo \"$*\" >> " + bin.filePath("log") + "\n[ \"$1\" != --state=PENDING ] || mv " +
                                                      bin.filePath("next") + " " + bin.filePath("state"));
        QCOMPARE(stopOf(bin, "PENDING", ""), QString("M2DS-CANCELLED\n--state=PENDING 7"));  // gone from squeue at once, as on slurm-wlm 22.05
        QCOMPARE(stopOf(bin, "PENDING", "CANCELLED"), QString("M2DS-CANCELLED\n--state=PENDING 7"));  // still listed, cancelled
        QCOMPARE(stopOf(bin, "PENDING", "RUNNING"), QString("\n--state=PENDING 7\n--signal=INT 7"));  // it started in between: left alone, then signalled
        QCOMPARE(stopOf(bin, "RUNNING", "RUNNING"), QString("\n--signal=INT 7"));
    }

private:
    /// What SbatchScript::stopScript("7") prints, a newline and what the fake scancel in `bin` was called with, the
    /// job's state being `state` and, once `scancel --state=PENDING` ran, `next`.
    static QString stopOf(const QTemporaryDir& bin, const QString& state, const QString& next) {
        for (const auto& [name, text] : {std::pair{QString("state"), state}, std::pair{QString("next"), next}}) {
            QFile file(bin.filePath(name));
            if (!file.open(QIODevice::WriteOnly)) return "cannot write " + file.fileName();
            file.write(text.isEmpty() ? QByteArray() : (text + "\n").toUtf8());
        }
        QFile::remove(bin.filePath("log"));
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("PATH", bin.path());
        shell.setProcessEnvironment(environment);
        shell.start("/bin/sh", {"-c", SbatchScript::stopScript("7")});
        shell.waitForFinished(10000);
        QFile log(bin.filePath("log"));
        static_cast<void>(log.open(QIODevice::ReadOnly));
        return QString::fromUtf8(shell.readAllStandardOutput()).trimmed() + "\n" + QString::fromUtf8(log.readAll()).trimmed();
    }

    static void writeFakeCommand(const QString& path, const QString& body) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(("#!/bin/sh\n" + body + "\n").toUtf8());
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }

    /// What SbatchScript::stateQuery prints when the SLURM commands are the ones in `bin`.
    static QString stateOf(const QString& jobId, const QString& bin) {
        QProcess shell;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("PATH", bin);
        shell.setProcessEnvironment(environment);
        shell.start("/bin/sh", {"-c", SbatchScript::stateQuery(jobId)});
        shell.waitForFinished(10000);
        return QString::fromUtf8(shell.readAllStandardOutput()).trimmed();
    }
};

QTEST_GUILESS_MAIN(TestSbatchScript)
#include "tst_SbatchScript.moc"
