// Slow (label slow, over a minute: SLURM's time limits are whole minutes): what SLURM's time limit does to runs
// launched through the SLURM target on the single-node cluster of tests/support/LocalSlurmCluster, two jobs with
// --time=1 at once. A tiny `m2ds train` with the generated script gets --signal=INT@120 well before the limit
// (SLURM sends it when at most 120 s are left, or up to a minute early: at once for a 1-minute job): it saves a
// checkpoint, its log ends "stopped", the job ends FAILED (exit 130), and the run ends "timeout" saying where it
// stopped and that Resume continues; Resume does, and the resumed job meets its limit the same way. A stand-in
// that ignores SIGINT and SIGTERM (fake-m2ds.sh, deaf) is killed at the limit: TIMEOUT, no "end" in its log, and
// the run says it was killed before it could save and which checkpoint Resume continues from. The fast check of
// the same mapping, on recorded squeue/scontrol lines, is tst_SlurmJobEnd (in CI).
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "LocalTrainingHosts.h"
#include "RemoteRunRecorder.h"
#include "TestData.h"
#include "training/RemoteRun.h"
#include "training/SbatchScript.h"

using namespace m2ds;

namespace {

/// The last record of a log.jsonl.
QJsonObject lastRecord(const QString& log) {
    QFile file(log);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

}  // namespace

class TestSlurmTimeLimit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        M2DS_REQUIRE(test::LocalTrainingHosts::missingRecordings().isEmpty(), test::LocalTrainingHosts::missingRecordings());
        const QString noSsh = hosts_.startSsh();
        M2DS_REQUIRE(noSsh.isEmpty(), noSsh);
        const QString noCluster = hosts_.startSlurm();
        M2DS_REQUIRE(noCluster.isEmpty(), noCluster);
        const QString noCorpus = hosts_.prepareCorpus();
        QVERIFY2(noCorpus.isEmpty(), qPrintable(noCorpus));
        limited_ = hosts_.slurmTarget();
        limited_.extraSbatchLines.clear();  // not held: both start at once
        limited_.timeLimit = "1";           // minutes, the least SLURM takes
        deaf_ = limited_;
        deaf_.name = "deaf-cluster";
        deaf_.m2dsPath = QStringLiteral(M2DS_FAKE_M2DS);
        deaf_.activation += "\nexport FAKE_M2DS_MODE=deaf FAKE_M2DS_STEPS=1000000";
    }

    void cleanupTestCase() { test::LocalTrainingHosts::closeConnection(limited_, controlFolder()); }

    void theLimitStopsARunAtACheckpointAndKillsOneThatDoesNotStop() {
        QElapsedTimer clock;
        clock.start();
        RemoteRunRegistry registry(hosts_.path("remote-runs.json"));
        RemoteRun run(limited_, &registry, nullptr, controlFolder());
        RemoteRun stubborn(deaf_, &registry, nullptr, controlFolder());
        test::RemoteRunRecorder got(run), seen(stubborn);
        const QString folder = limited_.remotePath("run"), deafFolder = deaf_.remotePath("deaf");
        QVERIFY2(run.start(hosts_.trainArguments(folder), "run"), qPrintable(got.failures.join('\n')));
        QVERIFY2(stubborn.start(hosts_.trainArguments(deafFolder), "deaf"), qPrintable(seen.failures.join('\n')));

        // The generated script's SIGINT well before the limit: a checkpoint, "end: stopped", the job FAILED (exit 130).
        QTRY_COMPARE_WITH_TIMEOUT(got.ends.size(), 1, 150000);
        qInfo("m2ds job %s ended after %.0f s: %s", qPrintable(run.record().jobId), clock.elapsed() / 1000.0, qPrintable(got.ends[0].message));
        QCOMPARE(got.ends[0].status, QString("timeout"));
        QVERIFY(!got.checkpoints.isEmpty());
        const QString saved = QFileInfo(got.checkpoints.last()).fileName();
        QCOMPARE(got.ends[0].message, QString("Reached its time limit (1 min): stopped at iteration %1, %2 saved. Resume continues from it.")
                                          .arg(got.ends[0].iteration).arg(saved));
        const QJsonObject end = lastRecord(folder + "/log.jsonl");
        QCOMPARE(end.value("event").toString(), QString("end"));
        QCOMPARE(end.value("message").toString(), QString("stopped on request"));
        const SlurmJobState signalled = finalState(run.record().jobId);
        QCOMPARE(signalled.describe(), QString("FAILED (NonZeroExitCode)"));  // not TIMEOUT: it ended before the limit
        QVERIFY(signalled.elapsedSeconds < 60);
        QVERIFY(run.canResume());

        const qint64 stoppedAt = got.ends[0].iteration;
        QVERIFY2(run.resume(), qPrintable(got.failures.join('\n')));
        QTRY_COMPARE_WITH_TIMEOUT(got.ends.size(), 2, 150000);
        QVERIFY2(got.starts.size() == 2 && !got.starts[1].resumedFrom.isEmpty(), "the second job did not resume");
        QVERIFY(got.iterations.last() > stoppedAt);
        QCOMPARE(got.ends[1].status, QString("timeout"));  // its limit again
        QCOMPARE(got.iterations, test::loggedIterations(folder + "/log.jsonl"));

        // A process that ignores both signals: SIGTERM at the limit, SIGKILL KillWait (5 s) later, TIMEOUT, no "end".
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 1, 200000);
        qInfo("deaf job %s ended after %.0f s: %s", qPrintable(stubborn.record().jobId), clock.elapsed() / 1000.0, qPrintable(seen.ends[0].message));
        QCOMPARE(seen.ends[0].status, QString("timeout"));
        QVERIFY(!seen.checkpoints.isEmpty());
        const QString last = QFileInfo(seen.checkpoints.last()).fileName();
        QVERIFY2(seen.ends[0].message.startsWith(QString("Killed by SLURM at its time limit (1 min) at iteration %1, before it could stop and save. "
                                                         "Resume continues from %2 (iteration ").arg(seen.iterations.last()).arg(last)),
                 qPrintable(seen.ends[0].message));
        QVERIFY2(seen.ends[0].message.contains("DUE TO TIME LIMIT"), qPrintable(seen.ends[0].message));  // slurmstepd's line in the stderr tail
        QCOMPARE(lastRecord(deafFolder + "/log.jsonl").value("event").toString(), QString("step"));
        const SlurmJobState killed = finalState(stubborn.record().jobId);
        QCOMPARE(killed.describe(), QString("TIMEOUT (TimeLimit)"));
        QVERIFY(killed.elapsedSeconds >= 60);
        QVERIFY(stubborn.canResume());
        qInfo("both jobs: %.0f s", clock.elapsed() / 1000.0);
    }

private:
    /// The job's state as the status query sees it now (the controller still knows it: MinJobAge).
    SlurmJobState finalState(const QString& job) const {
        const RemoteResult result = RemoteShell(limited_, controlFolder()).run(limited_.activation + "\n" + SbatchScript::stateQuery(job));
        const QString line = QString::fromUtf8(result.out).trimmed();
        qInfo("job %s: %s", qPrintable(job), qPrintable(line));
        return SlurmJobState::parse(line);
    }

    QString controlFolder() const { return hosts_.path("ctl"); }

    test::LocalTrainingHosts hosts_{M2DS_EXECUTABLE};
    LaunchTarget limited_;
    LaunchTarget deaf_;
};

QTEST_GUILESS_MAIN(TestSlurmTimeLimit)
#include "tst_SlurmTimeLimit.moc"
