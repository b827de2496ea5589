// A training run as the workbench sees it, driven against a stand-in for `m2ds train` (fake-m2ds.sh) that
// follows the log contract: launch detached, follow the log, stop with SIGINT, resume with --resume auto,
// report a crash or an early failure with stderr, attach to a run that is going or has ended; the dry run.
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "training/DryRunJob.h"
#include "training/TrainingRun.h"

using namespace m2ds;

namespace {

/// Collects what a TrainingRun reports; kills a run that a failed test left going.
struct RunRecorder {
    explicit RunRecorder(TrainingRun& run) : followed(run) {
        QObject::connect(&run, &TrainingRun::recordsRead, [this](const TrainingLogBatch& batch) {
            steps += batch.steps;
            checkpoints += batch.checkpoints;
            starts += int(batch.starts.size());
        });
        QObject::connect(&run, &TrainingRun::ended, [this](const TrainingEnd& end) { ends << end; });
    }
    ~RunRecorder() {
        if (followed.pid() > 0) ::kill(pid_t(followed.pid()), SIGKILL);
    }
    TrainingRun& followed;
    QVector<TrainingStep> steps;
    QVector<TrainingCheckpoint> checkpoints;
    int starts = 0;
    QVector<TrainingEnd> ends;
};

QStringList trainArguments(const QString& directory) {
    return {"train", "--speech", "/data/speech", "--noise", "/data/noise", "--output_dir", directory, "--batch_size", "4"};
}

QStringList invocations(const QString& directory) {
    QFile file(directory + "/fake-invocations.txt");
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed().split('\n') : QStringList();
}

}  // namespace

class TestTrainingRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        program_ = dir_.filePath("m2ds");
        QVERIFY(QFile::copy(QStringLiteral(M2DS_FAKE_M2DS), program_));
        QVERIFY(QFile::setPermissions(program_, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }
    void init() {
        qunsetenv("FAKE_M2DS_MODE");
        qputenv("FAKE_M2DS_STEPS", "400");
        runDirectory_ = dir_.filePath(QTest::currentTestFunction());
    }

    void startsFollowsStopsAndResumes() {
        TrainingRun run(program_);
        RunRecorder seen(run);
        QVERIFY(run.start(trainArguments(runDirectory_), runDirectory_));
        QCOMPARE(run.state(), TrainingRun::State::Running);
        QVERIFY(run.pid() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(seen.steps.size() >= 3, 10000);
        QCOMPARE(seen.starts, 1);
        QVERIFY(QFile::exists(runDirectory_ + "/train-command.json"));
        QCOMPARE(run.recordedCommand(), trainArguments(runDirectory_));

        run.stop();
        QCOMPARE(run.state(), TrainingRun::State::Stopping);
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 1, 10000);
        QCOMPARE(seen.ends[0].status, QString("stopped"));
        QCOMPARE(run.state(), TrainingRun::State::Idle);
        QCOMPARE(run.pid(), qint64(0));
        QCOMPARE(seen.checkpoints.size(), 1);
        QVERIFY(QFile::exists(seen.checkpoints[0].path));
        QVERIFY(run.canResume());
        const qint64 stoppedAt = seen.ends[0].iteration;
        const int stepsBefore = int(seen.steps.size());

        QVERIFY(run.resume());
        QTRY_VERIFY_WITH_TIMEOUT(seen.steps.size() >= stepsBefore + 2, 10000);
        QCOMPARE(seen.starts, 2);
        QCOMPARE(seen.steps[stepsBefore].iteration, stoppedAt);  // continues where it stopped
        QCOMPARE(invocations(runDirectory_).size(), 2);
        QCOMPARE(invocations(runDirectory_)[1], (trainArguments(runDirectory_) << "--resume" << "auto").join(' '));
        run.stop();
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 2, 10000);
    }

    void aFinishedRunCannotBeResumed() {
        qputenv("FAKE_M2DS_STEPS", "12");
        TrainingRun run(program_);
        RunRecorder seen(run);
        QVERIFY(run.start(trainArguments(runDirectory_), runDirectory_));
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 1, 10000);
        QCOMPARE(seen.ends[0].status, QString("finished"));
        QCOMPARE(seen.steps.size(), 12);
        QCOMPARE(seen.checkpoints.size(), 1);
        QVERIFY(!run.canResume());
        QVERIFY(!run.resume());
    }

    void aCrashIsReportedWithTheLastLinesOfStderr() {
        qputenv("FAKE_M2DS_MODE", "crash");
        TrainingRun run(program_);
        RunRecorder seen(run);
        QVERIFY(run.start(trainArguments(runDirectory_), runDirectory_));
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 1, 10000);
        QCOMPARE(seen.ends[0].status, QString("crashed"));
        QVERIFY2(seen.ends[0].message.contains("c10::Error"), qPrintable(seen.ends[0].message));
        QCOMPARE(seen.steps.size(), 2);
        QVERIFY(run.canResume());
    }

    void aFailureBeforeTheStartIsReported() {
        qputenv("FAKE_M2DS_MODE", "fail");
        TrainingRun run(program_);
        RunRecorder seen(run);
        QVERIFY(run.start(trainArguments(runDirectory_), runDirectory_));
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 1, 10000);
        QCOMPARE(seen.ends[0].status, QString("failed"));
        QCOMPARE(seen.ends[0].message, QString("m2ds train: --batch_size: must be positive"));
    }

    void aMissingProgramCannotLaunch() {
        TrainingRun run(dir_.filePath("no-such-m2ds"));
        QSignalSpy failed(&run, &TrainingRun::launchFailed);
        QVERIFY(!run.start(trainArguments(runDirectory_), runDirectory_));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains("no-such-m2ds"));
        QCOMPARE(run.state(), TrainingRun::State::Idle);
    }

    // A second workbench (or the same one restarted) attaches: it sees the history, then follows and stops the run.
    void attachesToARunningRun() {
        TrainingRun first(program_);
        RunRecorder firstSeen(first);
        QVERIFY(first.start(trainArguments(runDirectory_), runDirectory_));
        QTRY_VERIFY_WITH_TIMEOUT(firstSeen.steps.size() >= 3, 10000);

        TrainingRun second(program_);
        RunRecorder secondSeen(second);
        QVERIFY(second.attach(runDirectory_));
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), TrainingRun::State::Running, 10000);
        QCOMPARE(second.pid(), first.pid());
        QVERIFY(secondSeen.steps.size() >= 3);
        QCOMPARE(secondSeen.steps[0].iteration, qint64(0));
        second.stop();
        QTRY_COMPARE_WITH_TIMEOUT(secondSeen.ends.size(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(firstSeen.ends.size(), 1, 10000);
        QCOMPARE(firstSeen.ends[0].status, QString("stopped"));
        QCOMPARE(secondSeen.steps.size(), firstSeen.steps.size());

        TrainingRun later(program_);  // after the end: the history and how it ended
        RunRecorder laterSeen(later);
        QVERIFY(later.attach(runDirectory_));
        QTRY_COMPARE_WITH_TIMEOUT(laterSeen.ends.size(), 1, 10000);
        QCOMPARE(laterSeen.ends[0].status, QString("stopped"));
        QCOMPARE(later.state(), TrainingRun::State::Idle);
        QVERIFY(later.canResume());
        QCOMPARE(later.recordedCommand(), trainArguments(runDirectory_));
    }

    void attachingToALogWhoseProcessIsGoneReportsACrash() {
        QProcess gone;
        gone.start("true");
        QVERIFY(gone.waitForFinished());
        const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
        QVERIFY(QDir().mkpath(runDirectory_));
        QFile log(runDirectory_ + "/log.jsonl");
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write(QStringLiteral("{\"event\":\"start\",\"time\":1.0,\"pid\":%1,\"total_iterations\":10}\n").arg(deadPid).toUtf8());
        log.close();
        TrainingRun run(program_);
        RunRecorder seen(run);
        QVERIFY(run.attach(runDirectory_));
        QTRY_COMPARE_WITH_TIMEOUT(seen.ends.size(), 1, 10000);
        QCOMPARE(seen.ends[0].status, QString("crashed"));
        QVERIFY(!run.attach(dir_.filePath("no-run-here")));
    }

    void dryRunReportsItsMeasurements() {
        DryRunJob job(program_);
        QSignalSpy finished(&job, &DryRunJob::finished);
        job.start(trainArguments(runDirectory_), 5);
        QVERIFY(job.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const auto result = finished.first().first().value<DryRunResult>();
        QCOMPARE(result.steps, 5);
        QCOMPARE(result.samplesPerSecond, 12.5);
        QCOMPARE(result.memoryMib, 321.0);
        QCOMPARE(result.secondsPerEpoch, 3725.0);
        QCOMPARE(result.totalIterations, qint64(400));
        QCOMPARE(result.parameters, qint64(5300000));
        QCOMPARE(result.device, QString("cpu"));
        QVERIFY(!QFile::exists(runDirectory_ + "/log.jsonl"));
    }

    void dryRunFailuresCarryStderr() {
        qputenv("FAKE_M2DS_MODE", "fail");
        DryRunJob job(program_);
        QSignalSpy failed(&job, &DryRunJob::failed);
        job.start(trainArguments(runDirectory_), 5);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed.first().first().toString(), "m2ds train: " + runDirectory_ + ": no speech recordings found");

        DryRunJob missing(dir_.filePath("no-such-m2ds"));
        QSignalSpy missingFailed(&missing, &DryRunJob::failed);
        missing.start(trainArguments(runDirectory_), 5);
        QTRY_COMPARE_WITH_TIMEOUT(missingFailed.count(), 1, 10000);
        QVERIFY(missingFailed.first().first().toString().startsWith("Could not run"));
    }

private:
    QTemporaryDir dir_;
    QString program_;
    QString runDirectory_;
};

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "tst_TrainingRun.moc"
