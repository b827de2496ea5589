// Layer views end to end in the workbench window, offscreen: the demo recording and the demo model open, the layer
// PCA lane appears with one colour per 20 ms frame of the chosen layer, a click in it adds the frame similarity lane
// (one value per frame, 1 at the clicked frame), and another layer recomputes it. With $M2DS_SCREENSHOT_DIR set, the
// window is saved there as layers.png.
#include <QSpinBox>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "TestData.h"
#include "mainwindow/MainWindow.h"
#include "plots/RecordingPlot.h"
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
    }
};

QTEST_MAIN(TestInspectLayers)
#include "tst_InspectLayers.moc"
