// Layer views end to end in the workbench window, offscreen: the demo recording and the demo model open, the layer
// PCA lane appears with one colour per 20 ms frame of the chosen layer, a click in it adds the frame similarity lane
// (one value per frame, 1 at the clicked frame), and another layer recomputes it; a click in the spectrogram shows that
// patch's attention over its model input as an overlay, for the chosen block and head. With $M2DS_SCREENSHOT_DIR set,
// the window is saved there as layers.png and attention.png.
#include <QComboBox>
#include <QSpinBox>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "TestData.h"
#include "mainwindow/MainWindow.h"
#include "plots/RecordingPlot.h"
#include "plots/lanes/AttentionOverlay.h"
#include "plots/lanes/FrameSimilarityLane.h"
#include "plots/lanes/LayerPcaLane.h"
#include "session/Session.h"

using namespace m2ds;

class TestInspectLayers : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void pcaLaneAndSimilarityOnClick() {
        Session session(QString(M2DS_PRESETS_DIRECTORY));
        MainWindow window(session);
        window.resize(1400, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openFiles({M2DS_DEMO_RECORDING, M2DS_DEMO_MODEL});
        auto* stack = window.findChild<RecordingPlot*>();
        QTRY_VERIFY_WITH_TIMEOUT(stack->visibleLanes().contains("layer-pca"), 60000);
        const LayerViewDataPtr view = stack->layerPcaLane()->view();
        QCOMPARE(view->layer, 2);  // depth 4: the middle layer by default
        QCOMPARE(view->frames, (stack->recording()->frameCount + 1) / 2);
        QCOMPARE(view->rgb.size(), view->frames * 3);
        QCOMPARE(view->dim, std::size_t(96));
        QCOMPARE(view->explained.size(), std::size_t(3));
        QVERIFY(view->explained[0] >= view->explained[1] && view->explained[1] >= view->explained[2]);
        QTRY_VERIFY(stack->layerPcaLane()->drawnColumns() > 0);

        stack->setVisibleRange(0.0, 4.0);
        QTest::qWait(100);
        const QRect lane = stack->laneRect("layer-pca")->rect();
        QTest::mouseClick(stack->customPlot(), Qt::LeftButton, {}, lane.center());
        QTRY_VERIFY_WITH_TIMEOUT(stack->visibleLanes().contains("similarity"), 10000);
        const FrameSimilarityDataPtr similarity = stack->similarityLane()->similarity();
        QCOMPARE(similarity->cosine.size(), view->frames);
        QCOMPARE(stack->similarityLane()->pointCount(), int(view->frames));
        QVERIFY(std::abs(similarity->cosine[similarity->frame] - 1.0f) < 1e-5f);
        QVERIFY(std::abs(double(similarity->frame) * view->secondsPerFrame - 2.0) < 0.1);  // the middle of 0–4 s
        const QString screenshots = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            QTest::qWait(300);
            window.grab().save(screenshots + "/layers.png");
        }

        window.findChild<QSpinBox*>("pcaLayer")->setValue(4);
        QTRY_VERIFY_WITH_TIMEOUT(stack->layerPcaLane()->view()->layer == 4, 30000);
        QVERIFY(!stack->visibleLanes().contains("similarity"));  // a new view drops the old similarity

        QTest::mouseClick(stack->customPlot(), Qt::LeftButton, {}, stack->laneRect("spectrogram")->rect().center());
        QTRY_VERIFY_WITH_TIMEOUT(stack->attentionOverlay()->attention() != nullptr, 10000);
        AttentionMapDataPtr map = stack->attentionOverlay()->attention();
        QCOMPARE(map->layer, 4);  // the last block by default
        QCOMPARE(map->head, -1);
        QCOMPARE(map->weights.size(), std::size_t(104));  // 80x208 input, 80x2 patches
        QCOMPARE(map->chunk, 0);  // 2 s of 0–4 s: frame 200 lies in the first 208-frame input
        QVERIFY(std::abs(map->token - 100) <= 1);  // the pixel under the click: within a patch of 2 s
        double sum = map->clsWeight;
        for (float weight : map->weights) sum += weight;
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        stack->refresh();
        QVERIFY(stack->attentionOverlay()->drawnColumns() > 0);
        if (!screenshots.isEmpty()) {
            QTest::qWait(300);
            window.grab().save(screenshots + "/attention.png");
        }
        window.findChild<QComboBox*>("attentionHead")->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(stack->attentionOverlay()->attention()->head == 0, 10000);
    }
};

QTEST_MAIN(TestInspectLayers)
#include "tst_InspectLayers.moc"
