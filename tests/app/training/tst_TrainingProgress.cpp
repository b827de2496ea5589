// The status line of a run: schedule position counted from 1, speed, time left from the pace since the
// latest start (a resumed run does not count the pause), losses and RankMe.
#include <QtTest>

#include "training/TrainingProgress.h"

using namespace m2ds;

namespace {

TrainingStep step(qint64 iteration, double time) {
    TrainingStep s;
    s.iteration = iteration;
    s.epoch = int(iteration / 10);
    s.time = time;
    s.loss = 0.75;
    s.lossM2d = 0.5;
    s.lossOff = 0.25;
    s.samplesPerSecond = 64.0;
    s.memoryMib = 512.0;
    return s;
}

TrainingStart start(double time) {
    TrainingStart s;
    s.time = time;
    s.device = "cpu";
    s.epochs = 10;
    s.totalIterations = 100;
    s.stepsPerEpoch = 10;
    return s;
}

}  // namespace

class TestTrainingProgress : public QObject {
    Q_OBJECT
private slots:
    void summarisesTheLatestStep() {
        TrainingProgress progress;
        QVERIFY(progress.summary().isEmpty());
        TrainingLogBatch batch;
        batch.starts << start(100.0);
        progress.add(batch);
        QCOMPARE(progress.summary(), QString("Started on cpu, preparing data…"));
        batch = {};
        batch.steps << step(0, 101.0) << step(9, 110.0) << step(19, 120.0);
        batch.rankMe << TrainingRankMe{1, 19, 23.5};
        progress.add(batch);
        QCOMPARE(progress.latestStep()->iteration, qint64(19));
        QCOMPARE(*progress.secondsLeft(), 80.0);  // 1 s per iteration, 80 iterations to go
        QCOMPARE(progress.summary(), QString("Epoch 2 / 10 · iteration 20 / 100 · 64.0 samples/s · 1 min 20 s left · "
                                             "loss 0.75 (m2d 0.5, off 0.25) · RankMe 23.5 · 512 MiB"));
    }

    void aResumedRunTakesItsPaceAfresh() {
        TrainingProgress progress;
        TrainingLogBatch batch;
        batch.starts << start(0.0);
        batch.steps << step(0, 1.0) << step(10, 11.0);
        batch.starts << start(5000.0);  // resumed much later; its steps come in the next read
        progress.add(batch);
        QVERIFY(!progress.secondsLeft());
        batch = {};
        batch.steps << step(11, 5001.0) << step(21, 5006.0);  // twice as fast now
        progress.add(batch);
        QCOMPARE(*progress.secondsLeft(), 39.0);
        batch = {};
        batch.steps << step(99, 5045.0);
        progress.add(batch);
        QCOMPARE(*progress.secondsLeft(), 0.0);
        QVERIFY(!progress.summary().contains("left"));  // done: no time left to announce
    }

    void durationsRead() {
        QCOMPARE(TrainingProgress::formatDuration(42.4), QString("42 s"));
        QCOMPARE(TrainingProgress::formatDuration(725), QString("12 min 05 s"));
        QCOMPARE(TrainingProgress::formatDuration(3 * 3600 + 7 * 60 + 10), QString("3 h 07 min"));
        QCOMPARE(TrainingProgress::formatDuration(2 * 86400 + 4 * 3600), QString("2 d 04 h"));
    }
};

QTEST_GUILESS_MAIN(TestTrainingProgress)
#include "tst_TrainingProgress.moc"
