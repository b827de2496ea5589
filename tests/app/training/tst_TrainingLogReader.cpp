// The training log is tailed line by line: partial last lines wait, garbage is skipped, long logs are read in
// bounded chunks, a replaced log is read again, and "start"/"end" tell whether the run it describes has ended.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "training/TrainingLogReader.h"

using namespace m2ds;

namespace {

QByteArray step(int iteration, const char* loss = "0.5") {
    return QStringLiteral("{\"event\":\"step\",\"time\":%1.5,\"epoch\":%2,\"iteration\":%3,\"loss\":%4,\"l_m2d\":0.25,\"l_off\":0.125,"
                          "\"lr\":0.0003,\"ema\":0.99995,\"grad_norm\":1.5,\"samples_per_s\":80,\"memory_mib\":300,\"elapsed_s\":2}\n")
        .arg(1000 + iteration).arg(iteration / 10).arg(iteration).arg(QLatin1String(loss)).toUtf8();
}

const QByteArray kStart = "{\"event\":\"start\",\"time\":1000.0,\"pid\":4242,\"world_size\":1,\"device\":\"cpu\",\"steps_per_epoch\":10,"
                          "\"total_iterations\":100,\"epochs\":10,\"resumed_from\":null,\"config\":{\"batch_size\":4},\"model\":{}}\n";
const QByteArray kEnd = "{\"event\":\"end\",\"time\":1010.0,\"status\":\"stopped\",\"message\":\"stopped on request\",\"iteration\":7}\n";

}  // namespace

class TestTrainingLogReader : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath(QString("log-%1.jsonl").arg(QTest::currentTestFunction()));
    }

    void aPartialLastLineWaitsForItsEnd() {
        const QByteArray second = step(1);
        append(kStart + step(0) + second.left(40));
        TrainingLogReader reader(path_);
        TrainingLogBatch batch = reader.readNew();
        QCOMPARE(batch.starts.size(), 1);
        QCOMPARE(batch.starts[0].pid, qint64(4242));
        QCOMPARE(batch.starts[0].totalIterations, qint64(100));
        QVERIFY(batch.starts[0].resumedFrom.isEmpty());
        QCOMPARE(batch.steps.size(), 1);
        QCOMPARE(reader.offset(), qint64(kStart.size() + step(0).size()));
        QVERIFY(reader.atEnd());
        QVERIFY(reader.isOpen());
        QVERIFY(reader.readNew().isEmpty());  // nothing complete was added

        append(second.mid(40) + kEnd);
        batch = reader.readNew();
        QCOMPARE(batch.steps.size(), 1);
        const TrainingStep& s = batch.steps[0];
        QCOMPARE(s.iteration, qint64(1));
        QCOMPARE(s.loss, 0.5);
        QCOMPARE(s.lossM2d, 0.25);
        QCOMPARE(s.lossOff, 0.125);
        QCOMPARE(s.learningRate, 0.0003);
        QCOMPARE(s.emaDecay, 0.99995);
        QCOMPARE(s.gradNorm, 1.5);
        QCOMPARE(s.samplesPerSecond, 80.0);
        QCOMPARE(s.time, 1001.5);
        QCOMPARE(batch.ends.size(), 1);
        QCOMPARE(batch.ends[0].status, QString("stopped"));
        QCOMPARE(batch.ends[0].iteration, qint64(7));
        QVERIFY(!reader.isOpen());
        QCOMPARE(reader.malformedLines(), 0);
    }

    void garbageLinesAreSkippedAndCounted() {
        append(kStart + "not json at all\n[1, 2]\n{\"no_event\": 1}\n\n   \n{\"event\":\"from_the_future\"}\n" + step(3) +
               "{\"event\":\"checkpoint\",\"time\":1.0,\"epoch\":0,\"iteration\":9,\"path\":\"/runs/a/checkpoint-0.safetensors\"}\r\n"
               "{\"event\":\"rankme\",\"time\":1.0,\"epoch\":0,\"iteration\":9,\"rankme\":31.5}\n");
        TrainingLogReader reader(path_);
        const TrainingLogBatch batch = reader.readNew();
        QCOMPARE(reader.malformedLines(), 3);
        QCOMPARE(batch.starts.size(), 1);
        QCOMPARE(batch.steps.size(), 1);
        QCOMPARE(batch.steps[0].iteration, qint64(3));
        QCOMPARE(batch.checkpoints.size(), 1);
        QCOMPARE(batch.checkpoints[0].path, QString("/runs/a/checkpoint-0.safetensors"));
        QCOMPARE(batch.checkpoints[0].iteration, qint64(9));
        QCOMPARE(batch.rankMe.size(), 1);
        QCOMPARE(batch.rankMe[0].rankMe, 31.5);
    }

    void nullNumbersBecomeNaN() {
        append(step(0, "null"));
        const TrainingLogBatch batch = TrainingLogReader(path_).readNew();
        QCOMPARE(batch.steps.size(), 1);
        QVERIFY(std::isnan(batch.steps[0].loss));
        QCOMPARE(batch.steps[0].lossM2d, 0.25);
    }

    void aLongLogIsReadInBoundedChunks() {
        QByteArray text = kStart;
        for (int i = 0; i < 50; ++i) text += step(i);
        append(text);
        TrainingLogReader reader(path_, 1000);
        int steps = 0;
        int calls = 0;
        do {
            steps += int(reader.readNew().steps.size());
            ++calls;
        } while (!reader.atEnd() && calls < 100);
        QCOMPARE(steps, 50);
        QVERIFY2(calls > 5, qPrintable(QString::number(calls)));
        QCOMPARE(reader.offset(), qint64(text.size()));
    }

    void aLineLongerThanAChunkIsStillRead() {
        append("{\"event\":\"start\",\"pid\":7,\"config\":{\"note\":\"" + QByteArray(5000, 'x') + "\"}}\n" + step(0));
        TrainingLogReader reader(path_, 1000);
        const TrainingLogBatch batch = reader.readNew();
        QCOMPARE(batch.starts.size(), 1);
        QCOMPARE(batch.starts[0].pid, qint64(7));
        QCOMPARE(batch.steps.size(), 1);
        QVERIFY(reader.atEnd());
    }

    void aMissingLogIsEmpty() {
        TrainingLogReader reader(dir_.filePath("nothing-here.jsonl"));
        QVERIFY(reader.readNew().isEmpty());
        QVERIFY(reader.atEnd());
        QVERIFY(!reader.isOpen());
        QVERIFY(!reader.lastStart());
    }

    void aReplacedLogIsReadFromItsStart() {
        append(kStart + step(0) + step(1) + step(2) + kEnd);
        TrainingLogReader reader(path_);
        QCOMPARE(reader.readNew().steps.size(), 3);
        QVERIFY(!reader.isOpen());
        QFile::remove(path_);
        append(kStart + step(0));
        const TrainingLogBatch batch = reader.readNew();
        QCOMPARE(batch.starts.size(), 1);
        QCOMPARE(batch.steps.size(), 1);
        QVERIFY(reader.isOpen());
        QVERIFY(!reader.lastEnd());
    }

    void aResumedRunReopensTheLog() {
        append(kStart + step(0) + kEnd + QByteArray(kStart).replace("null", "\"/runs/a/checkpoint-0-it7.safetensors\"") + step(7));
        TrainingLogReader reader(path_);
        const TrainingLogBatch batch = reader.readNew();
        QCOMPARE(batch.starts.size(), 2);
        QCOMPARE(batch.ends.size(), 1);
        QVERIFY(reader.isOpen());
        QCOMPARE(reader.lastStart()->resumedFrom, QString("/runs/a/checkpoint-0-it7.safetensors"));
        QCOMPARE(reader.lastEnd()->status, QString("stopped"));
    }

private:
    void append(const QByteArray& bytes) {
        QFile file(path_);
        QVERIFY(file.open(QIODevice::Append));
        QCOMPARE(file.write(bytes), qint64(bytes.size()));
    }

    QTemporaryDir dir_;
    QString path_;
};

QTEST_GUILESS_MAIN(TestTrainingLogReader)
#include "tst_TrainingLogReader.moc"
