// The Layers dock's jobs with the tiny official-layout checkpoint: a burst of layer changes yields one view (the
// newest) with a colour per frame, a similarity follows a click, an attention map has a row per patch of its input,
// and nothing runs without a model.
#include <QSignalSpy>
#include <QtTest>
#include <cmath>

#include "SyntheticRecordings.h"
#include "ModelFixtures.h"
#include "jobs/LayerService.h"
#include "jobs/ModelService.h"

using namespace m2ds;

class TestLayerService : public QObject {
    Q_OBJECT
private slots:
    void withoutAModelNothingRuns() {
        ModelService models(test::presetsDirectory());
        LayerService layers(models);
        QSignalSpy failed(&layers, &LayerService::failed);
        layers.view(test::wavyRecording(1.0), 1);
        QCOMPARE(failed.count(), 1);
    }

    void aBurstOfLayersYieldsTheNewestAndClicksFollow() {
        ModelService models(test::presetsDirectory());
        QSignalSpy loaded(&models, &ModelService::modelLoaded);
        models.loadModel(test::tinyCheckpoint());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        LayerService layers(models);
        QSignalSpy views(&layers, &LayerService::viewReady);
        const RecordingDataPtr recording = test::wavyRecording(3.0);
        for (int layer : {0, 1, 2, 1, 2}) layers.view(recording, layer);
        QTRY_COMPARE_WITH_TIMEOUT(views.count(), 1, 30000);
        QTest::qWait(100);
        QCOMPARE(views.count(), 1);
        const LayerViewDataPtr view = views.first().first().value<LayerViewDataPtr>();
        QCOMPARE(view->layer, 2);
        QCOMPARE(view->frames, (recording->frameCount + 1) / 2);
        QCOMPARE(view->rgb.size(), view->frames * 3);
        QCOMPARE(view->dim, std::size_t(32));

        QSignalSpy similarities(&layers, &LayerService::similarityReady);
        layers.similarityAt(1.0);
        QTRY_COMPARE_WITH_TIMEOUT(similarities.count(), 1, 10000);
        const FrameSimilarityDataPtr similarity = similarities.first().first().value<FrameSimilarityDataPtr>();
        QCOMPARE(similarity->frame, std::size_t(50));
        QVERIFY(std::abs(similarity->cosine[50] - 1.0f) < 1e-5f);

        QSignalSpy maps(&layers, &LayerService::attentionReady);
        layers.attentionAt(recording, 1.0, 40, 2, -1);
        QTRY_COMPARE_WITH_TIMEOUT(maps.count(), 1, 10000);
        const AttentionMapDataPtr map = maps.first().first().value<AttentionMapDataPtr>();
        QCOMPARE(map->chunk, 1);  // frame 100 of 64-frame inputs
        QCOMPARE(map->token, 18);
        QCOMPARE(map->weights.size(), std::size_t(32));
    }
};

QTEST_MAIN(TestLayerService)
#include "tst_LayerService.moc"
