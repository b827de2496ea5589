// The Inspect model jobs with the tiny official-layout checkpoint: a model loads, a burst of seed changes yields
// one inspection (the newest), a bad checkpoint is reported, inspections need a model, and a CUDA device this
// LibTorch cannot use falls back to the CPU with a message.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "SyntheticRecordings.h"
#include "ModelFixtures.h"
#include "jobs/ModelService.h"

using namespace m2ds;

class TestModelService : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QSignalSpy loaded(&service_, &ModelService::modelLoaded);
        QVERIFY(!service_.network());
        QSignalSpy failed(&service_, &ModelService::inspectionFailed);
        service_.inspect(test::wavyRecording(1.0), 0, 0.6, 0.0, 1.0);
        QCOMPARE(failed.count(), 1);  // no model yet
        service_.loadModel(test::tinyCheckpoint());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QVERIFY(service_.network());
        QCOMPARE(service_.model()->path, test::tinyCheckpoint());
    }

    void cudaFallsBackToTheCpuWithAMessage() {
        QSignalSpy loaded(&service_, &ModelService::modelLoaded);
        service_.setDevice(QStringLiteral("cuda"));  // reloads the model there
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        const ModelSummary summary = loaded.first().first().value<ModelSummary>();
        if (summary.device.startsWith(QLatin1String("cuda"))) {
            QVERIFY(summary.deviceMessage.isEmpty());
        } else {
            QCOMPARE(summary.device, QString("cpu"));
            QVERIFY2(summary.deviceMessage.contains("running on the CPU"), qPrintable(summary.deviceMessage));
        }
        service_.setDevice(QStringLiteral("cpu"));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
        QCOMPARE(service_.model()->device, QString("cpu"));
        QVERIFY(service_.model()->deviceMessage.isEmpty());
    }

    void aBurstOfSeedChangesYieldsOnlyTheNewest() {
        QSignalSpy ready(&service_, &ModelService::inspectionReady);
        const RecordingDataPtr recording = test::wavyRecording(6.0);
        for (unsigned seed = 1; seed <= 10; ++seed) service_.inspect(recording, seed, 0.6, 0.0, 6.0);
        QCOMPARE(service_.inspections().pendingCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(service_.inspections().pendingCount(), 0, 30000);
        QCOMPARE(ready.count(), 1);
        const InspectionDataPtr data = ready.first().first().value<InspectionDataPtr>();
        QCOMPARE(data->seed, 10u);
        QCOMPARE(data->chunkCount, 10);  // ceil(601 / 64)
        QCOMPARE(data->tokensPerChunk(), 32);
        QCOMPARE(int(std::count(data->masked.begin(), data->masked.begin() + 32, 1)), 20);
    }

    void aBadCheckpointIsReportedAndTheModelStays() {
        QSignalSpy failed(&service_, &ModelService::modelFailed);
        const QString missing = QStringLiteral("/nonexistent/model.safetensors");
        service_.loadModel(missing);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(failed.first().first().toString().contains(missing), qPrintable(failed.first().first().toString()));
        QCOMPARE(service_.model()->path, test::tinyCheckpoint());
    }

private:
    ModelService service_{test::presetsDirectory()};
};

QTEST_GUILESS_MAIN(TestModelService)
#include "tst_ModelService.moc"
