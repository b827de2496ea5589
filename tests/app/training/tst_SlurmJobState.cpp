// SlurmJobState: the lines SbatchScript::stateQuery prints, as recorded from slurm-wlm 22.05.8 (the test cluster of
// tests/support/LocalSlurmCluster, jobs with --time=1): squeue's '%T|%r|%M|%l' while a job is pending, running,
// past its limit and completing, and for ended jobs `scontrol -o show job` through the query's sed; durations in
// every form squeue, sacct and scontrol print; what is final.
#include <QtTest>

#include "training/SlurmJobState.h"

using namespace m2ds;

class TestSlurmJobState : public QObject {
    Q_OBJECT
private slots:
    void durationsAsSlurmPrintsThem() {
        QCOMPARE(SlurmJobState::parseDuration("0:19"), 19);           // squeue %M
        QCOMPARE(SlurmJobState::parseDuration("1:14"), 74);
        QCOMPARE(SlurmJobState::parseDuration("1:02:03"), 3723);
        QCOMPARE(SlurmJobState::parseDuration("1-02:03:04"), 93784);
        QCOMPARE(SlurmJobState::parseDuration("00:01:00"), 60);       // scontrol and sacct
        QCOMPARE(SlurmJobState::parseDuration("2-00:00:00"), 172800);
        for (const char* none : {"UNLIMITED", "INVALID", "NOT_SET", "Partition_Limit", "", "1:xx"}) QCOMPARE(SlurmJobState::parseDuration(none), -1);
    }

    void recordedSqueueLines() {
        const SlurmJobState pending = SlurmJobState::parse("PENDING|None|0:00|1:00");
        QCOMPARE(pending.describe(), QString("PENDING"));
        QCOMPARE(pending.limitSeconds, 60);
        QVERIFY(!pending.isFinal());
        QCOMPARE(SlurmJobState::parse("PENDING|JobHeldUser|0:00|1:00").describe(), QString("PENDING (JobHeldUser)"));
        const SlurmJobState running = SlurmJobState::parse("RUNNING|None|0:14|1:00");  // when --signal=INT@120 came
        QCOMPARE(running.word(), QString("RUNNING"));
        QVERIFY(running.reason.isEmpty());
        QCOMPARE(running.elapsedSeconds, 14);
        const SlurmJobState over = SlurmJobState::parse("RUNNING|None|1:14|1:00");  // SLURM enforces limits periodically, not to the second
        QVERIFY(over.elapsedSeconds > over.limitSeconds);
        const SlurmJobState completing = SlurmJobState::parse("COMPLETING|TimeLimit|1:14|1:00");
        QCOMPARE(completing.describe(), QString("COMPLETING (TimeLimit)"));
        QVERIFY(!completing.isFinal());
    }

    void recordedEndsOfScontrol() {
        const SlurmJobState signalled = SlurmJobState::parse("FAILED|NonZeroExitCode|00:00:19|00:01:00");  // INT@120, exit 130
        QVERIFY(signalled.isFinal());
        QCOMPARE(signalled.describe(), QString("FAILED (NonZeroExitCode)"));
        QCOMPARE(signalled.elapsedSeconds, 19);
        const SlurmJobState timeout = SlurmJobState::parse("TIMEOUT|TimeLimit|00:01:14|00:01:00");
        QVERIFY(timeout.isFinal());
        QCOMPARE(timeout.word(), QString("TIMEOUT"));
        QCOMPARE(timeout.elapsedSeconds, 74);
        QCOMPARE(timeout.limitSeconds, 60);
    }

    void otherAnswers() {
        const SlurmJobState cancelled = SlurmJobState::parse("CANCELLED by 1000|None|00:03:10|UNLIMITED");  // sacct's words
        QCOMPARE(cancelled.word(), QString("CANCELLED"));
        QCOMPARE(cancelled.describe(), QString("CANCELLED by 1000"));
        QVERIFY(cancelled.isFinal());
        QCOMPARE(cancelled.limitSeconds, -1);
        const SlurmJobState unknown = SlurmJobState::parse("UNKNOWN|slurm_load_jobs error: Unable to contact slurm controller (connect failure)");
        QCOMPARE(unknown.describe(), QString("UNKNOWN (slurm_load_jobs error: Unable to contact slurm controller (connect failure))"));
        QVERIFY(!unknown.isFinal());
        QCOMPARE(unknown.elapsedSeconds, -1);
        QVERIFY(SlurmJobState::parse("").isFinal());  // nobody knows it
        QCOMPARE(SlurmJobState::parse("").describe(), QString("GONE"));
        QCOMPARE(SlurmJobState::parse("RUNNING").describe(), QString("RUNNING"));  // an SSH process
        QVERIFY(SlurmJobState::parse("GONE").isFinal());
    }
};

QTEST_GUILESS_MAIN(TestSlurmJobState)
#include "tst_SlurmJobState.moc"
