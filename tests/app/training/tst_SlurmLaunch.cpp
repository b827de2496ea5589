// A single-node SLURM cluster on localhost (Debian slurm-wlm + munge: munged, slurmctld and slurmd started by
// the test with a generated slurm.conf, CPU only), its login host the test's own sshd on 127.0.0.1: a tiny
// `m2ds train` submitted through the SLURM target (working folder `~/runs-tilde`: the batch script's paths are
// absolute in the login's home, which SLURM would not expand) with sbatch, seen pending (held) and then running, its log
// followed, `scancel --signal=INT` (a checkpoint, the run ends "stopped"), resumed with --resume auto as a new
// job that Stop cancels while it is pending (nothing ran, the run ends "cancelled" and is kept), resumed again as a
// job that continues where it stopped, stopped again; a job the scheduler rejects (an unknown partition) says
// why. The client commands find the cluster through the target's activation line (export SLURM_CONF=…). When
// a daemon cannot start the test says exactly why (its log's last lines): a skip on a developer's machine, a
// failure under CI=true.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "LocalTrainingHosts.h"
#include "RemoteRunRecorder.h"
#include "TestData.h"
#include "training/RemoteRun.h"

using namespace m2ds;

class TestSlurmLaunch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        M2DS_REQUIRE(test::LocalTrainingHosts::missingRecordings().isEmpty(), test::LocalTrainingHosts::missingRecordings());
        const QString noSsh = hosts_.startSsh();
        M2DS_REQUIRE(noSsh.isEmpty(), noSsh);
        const QString noCluster = hosts_.startSlurm();
        M2DS_REQUIRE(noCluster.isEmpty(), noCluster);
        target_ = hosts_.slurmTarget();
        const QString noCorpus = hosts_.prepareCorpus();
        QVERIFY2(noCorpus.isEmpty(), qPrintable(noCorpus));
    }

    void cleanupTestCase() { test::LocalTrainingHosts::closeConnection(target_, controlFolder()); }

    void rejectedJobSaysWhy() {
        LaunchTarget wrong = target_;
        wrong.partition = "nope";
        RemoteRunRegistry registry(hosts_.path("rejected-runs.json"));
        RemoteRun run(wrong, &registry, nullptr, controlFolder());
        test::RemoteRunRecorder got(run);
        QVERIFY(!run.start(hosts_.trainArguments(wrong.remotePath("rejected")), "rejected"));
        QVERIFY2(got.failures.size() == 1 && got.failures[0].contains("Invalid partition name specified"), qPrintable(got.failures.join('\n')));
        QCOMPARE(run.state(), RemoteRun::State::Idle);
        QVERIFY(registry.load().isEmpty());
    }

    void submitFollowCancelResume() {
        RemoteRunRegistry registry(hosts_.path("remote-runs.json"));
        LaunchTarget tilde = target_;
        tilde.workingFolder = "~/runs-tilde";
        RemoteRun run(tilde, &registry, nullptr, controlFolder());
        test::RemoteRunRecorder got(run);
        const QString folder = hosts_.home() + "/runs-tilde/run";
        const QStringList arguments = hosts_.trainArguments("~/runs-tilde/run");
        QVERIFY(run.needsHome(arguments, "run"));
        QVERIFY2(run.start(arguments, "run"), qPrintable(got.failures.join('\n')));
        QCOMPARE(run.record().directory, folder);
        const QString firstJob = run.record().jobId;
        QVERIFY(!firstJob.isEmpty());
        QVERIFY(QFile(folder + "/train.jobid").exists());
        QFile batch(folder + "/train.sbatch");
        QVERIFY(batch.open(QIODevice::ReadOnly));
        const QString script = QString::fromUtf8(batch.readAll());
        for (const QString& directive : {"--chdir=" + folder + "\n", "--output=" + folder + "/train-stdout.log\n", "--error=" + folder + "/train-stderr.log\n"})
            QVERIFY2(script.contains("\n#SBATCH " + directive), qPrintable(script));
        QVERIFY2(!script.contains('~'), qPrintable(script));
        QCOMPARE(run.sbatchScript(arguments, "run"), script);  // as generated for the page, now that the home is known
        QCOMPARE(run.state(), RemoteRun::State::Pending);
        QTRY_COMPARE_WITH_TIMEOUT(run.schedulerState(), QString("PENDING (JobHeldUser)"), 15000);
        release(firstJob);
        QTRY_VERIFY_WITH_TIMEOUT(run.state() == RemoteRun::State::Running && got.iterations.size() >= 3, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(run.schedulerState(), QString("RUNNING"), 10000);
        QVERIFY(got.states.indexOf(RemoteRun::State::Pending) < got.states.indexOf(RemoteRun::State::Running));
        QFile stderrLog(folder + "/train-stderr.log");  // sbatch --error: the batch script's own line comes first
        QVERIFY(stderrLog.open(QIODevice::ReadOnly) && stderrLog.readLine().startsWith("m2ds job " + firstJob.toUtf8() + " on localhost"));

        run.stop();  // scancel --signal=INT
        QTRY_COMPARE_WITH_TIMEOUT(got.ends.size(), 1, 60000);
        QCOMPARE(got.ends[0].status, QString("stopped"));
        // stderr is read once more after the end (its last lines come through srun after the log's "end").
        QTRY_VERIFY2_WITH_TIMEOUT(run.stderrTail().contains(" (stop requested)"), qPrintable(run.stderrTail()), 15000);
        QVERIFY(!got.checkpoints.isEmpty());  // SIGINT made it save
        QCOMPARE(got.iterations, test::loggedIterations(folder + "/log.jsonl"));  // every record once, in order
        QVERIFY(run.canResume());

        const qint64 stoppedAt = got.ends[0].iteration;  // the end record's: the iterations done, the stop's checkpoint's
        const qsizetype firstRun = got.iterations.size();
        QVERIFY2(run.resume(), qPrintable(got.failures.join('\n')));
        const QString cancelledJob = run.record().jobId;
        QVERIFY(!cancelledJob.isEmpty() && cancelledJob != firstJob);
        QCOMPARE(run.state(), RemoteRun::State::Pending);  // held, never released
        run.stop();  // scancel, not --signal=INT (which SLURM would retry for 95 s, then cancel or signal it as it starts)
        QCOMPARE(got.ends.size(), 2);  // in the stop's own round trip
        QCOMPARE(got.ends[1].status, QString("cancelled"));
        QCOMPARE(got.ends[1].iteration, got.iterations.last());  // the last step logged
        QVERIFY2(got.ends[1].message.startsWith(QString("Cancelled while pending: SLURM job %1 never started, nothing ran. Resume continues from checkpoint-").arg(cancelledJob)),
                 qPrintable(got.ends[1].message));
        QVERIFY2(!hosts_.queuedJobs().split('\n').contains(cancelledJob), qPrintable(hosts_.queuedJobs()));
        QCOMPARE(run.state(), RemoteRun::State::Idle);
        QVERIFY(run.canResume());
        QCOMPARE(registry.load()[0].jobId, cancelledJob);  // the run is kept

        QVERIFY2(run.resume(), qPrintable(got.failures.join('\n')));
        const QString secondJob = run.record().jobId;
        QVERIFY(!secondJob.isEmpty() && secondJob != cancelledJob);
        QTRY_COMPARE_WITH_TIMEOUT(run.schedulerState(), QString("PENDING (JobHeldUser)"), 15000);
        release(secondJob);
        QTRY_VERIFY_WITH_TIMEOUT(got.starts.size() == 2 && got.iterations.last() > stoppedAt + 1, 60000);
        QVERIFY2(!got.starts[1].resumedFrom.isEmpty(), "the second job did not resume");
        QCOMPARE(got.iterations[firstRun], stoppedAt);  // continues where it stopped
        run.stop();
        QTRY_COMPARE_WITH_TIMEOUT(got.ends.size(), 3, 60000);
        QCOMPARE(got.ends[2].status, QString("stopped"));
        QCOMPARE(got.iterations, test::loggedIterations(folder + "/log.jsonl"));
        QVERIFY(QFile(folder + "/train.sbatch").exists());
        QTRY_VERIFY_WITH_TIMEOUT(hosts_.queuedJobs().isEmpty(), 30000);  // every job left the queue
        QCOMPARE(registry.load().size(), 1);  // one run folder, recorded with its latest job
        QCOMPARE(registry.load()[0].jobId, secondJob);
    }

private:
    void release(const QString& job) {
        const QString problem = hosts_.release(job);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    QString controlFolder() const { return hosts_.path("ctl"); }

    test::LocalTrainingHosts hosts_{QStringLiteral(M2DS_EXECUTABLE)};
    LaunchTarget target_;
};

QTEST_GUILESS_MAIN(TestSlurmLaunch)
#include "tst_SlurmLaunch.moc"
