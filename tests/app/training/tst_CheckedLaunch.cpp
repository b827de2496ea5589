// CheckedLaunch on a target nobody listens on (no sshd needed): the check's lines, the problem under where the run
// stood, no launch; Stop during the check cancels it and keeps the run's state; a new target drops the check. The
// passing check and its launch run through a real sshd in tst_TrainPageRemote.
#include <QSignalSpy>
#include <QtTest>

#include "TestData.h"
#include "UnreachableTarget.h"
#include "training/CheckedLaunch.h"
#include "training/RemoteTrainingController.h"

using namespace m2ds;

class TestCheckedLaunch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        nobody_ = test::unreachableTarget(QStringLiteral("/tmp/runs"));
    }

    void aFailedCheckLaunchesNothingAndKeepsTheRunsState() {
        RemoteTrainingController remote;
        remote.setTarget(nobody_);
        CheckedLaunch launch(remote);
        QSignalSpy lines(&launch, &CheckedLaunch::stateLine);
        int launched = 0;
        launch.start(QStringLiteral("/tmp/runs/run"), [&] { ++launched; }, QStringLiteral("Stopped. Resume continues from the last checkpoint."));
        QVERIFY(launch.isChecking());
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0][0].toString().startsWith("Checking nobody before the launch:"), qPrintable(lines[0][0].toString()));
        QVERIFY(!lines[0][1].toBool());
        QTRY_VERIFY_WITH_TIMEOUT(!launch.isChecking(), 30000);
        QCOMPARE(lines.size(), 2);
        const QString problem = lines[1][0].toString();
        QVERIFY2(problem.startsWith("Stopped. Resume continues from the last checkpoint.\nNothing was launched on nobody:\n"), qPrintable(problem));
        QVERIFY2(problem.contains("Connection refused"), qPrintable(problem));
        QVERIFY(lines[1][1].toBool());
        QCOMPARE(launched, 0);
    }

    void stopCancelsTheCheck() {
        RemoteTrainingController remote;
        remote.setTarget(nobody_);
        CheckedLaunch launch(remote);
        QSignalSpy lines(&launch, &CheckedLaunch::stateLine);
        QSignalSpy changes(&launch, &CheckedLaunch::checkingChanged);
        int launched = 0;
        launch.start(QStringLiteral("/tmp/runs/run"), [&] { ++launched; }, QStringLiteral("Finished."));
        launch.stop();
        QVERIFY(!launch.isChecking());
        QCOMPARE(changes.size(), 2);  // began, cancelled
        QCOMPARE(lines.last()[0].toString(), QString("Finished.\nThe check of nobody was cancelled; nothing was launched."));
        launch.start(QStringLiteral("/tmp/runs/run"), [&] { ++launched; });
        launch.cancel();  // another target chosen: dropped without a word
        QCOMPARE(lines.size(), 3);
        QTest::qWait(1500);  // the checks' answers, dropped
        QCOMPARE(lines.size(), 3);
        QCOMPARE(launched, 0);
    }

private:
    LaunchTarget nobody_;
};

QTEST_GUILESS_MAIN(TestCheckedLaunch)
#include "tst_CheckedLaunch.moc"
