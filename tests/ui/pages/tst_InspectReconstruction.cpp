// Masked reconstruction end to end in the workbench window, offscreen: the demo recording and the demo model open,
// the readout is fitted off the GUI thread, and the three lanes (model input, reconstruction, target readout) appear
// with one cell per log-mel frame and mel band of the inspected model inputs; the Model dock reports the readout's
// held-out R²; a seed change redraws them. With $M2DS_SCREENSHOT_DIR set, the window is saved there as
// reconstruction.png; the seed-change-to-redraw time is printed (never asserted). $M2DS_INSPECT_MODEL replaces the
// demo model (to time another, e.g. a ViT-Base checkpoint).
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>
#include <algorithm>
#include <qcustomplot.h>

#include "TestData.h"
#include "jobs/ModelService.h"
#include "mainwindow/MainWindow.h"
#include "plots/RecordingPlot.h"
#include "session/Session.h"
#include "widgets/ModelPanel.h"

using namespace m2ds;

class TestInspectReconstruction : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::isolateSettings(); }

    void reconstructionLanesAppearWithTheInputsShape() {
        Session session(QString(M2DS_PRESETS_DIRECTORY));
        MainWindow window(session);
        window.resize(1400, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy readouts(session.models(), &ModelService::readoutReady);
        const QString model = qEnvironmentVariableIsEmpty("M2DS_INSPECT_MODEL") ? QString(M2DS_DEMO_MODEL) : qEnvironmentVariable("M2DS_INSPECT_MODEL");
        window.openFiles({M2DS_DEMO_RECORDING, model});
        QTRY_VERIFY_WITH_TIMEOUT(readouts.count() == 1, 120000);
        auto* stack = window.findChild<RecordingPlot*>();
        QTRY_VERIFY_WITH_TIMEOUT(stack->visibleLanes().contains("target-readout"), 60000);
        for (const char* lane : {"model-input", "reconstruction", "target-readout"}) QVERIFY(stack->visibleLanes().contains(lane));
        const InspectionDataPtr inspection = stack->inspection();
        QVERIFY(inspection);
        for (auto image : {PatchImageLane::Image::ModelInput, PatchImageLane::Image::Reconstruction, PatchImageLane::Image::TargetReadout}) {
            QCOMPARE(stack->patchImageLane(image)->columnCount(), int(inspection->imageFrames()));
            QCOMPARE(stack->patchImageLane(image)->rowCount(), 80);
        }
        QVERIFY(std::isfinite(inspection->readoutR2));
        QVERIFY(std::isfinite(inspection->meanPatchError));
        const auto labels = window.findChild<ModelPanel*>()->findChildren<QLabel*>("readout");
        QVERIFY(!labels.isEmpty() && labels.front()->text().contains(QString::number(inspection->readoutR2, 'f', 3)));
        qInfo("readout R² on held-out patches of the demo recording: %.4f; mean patch error %.4f ln power²",
              inspection->readoutR2, double(inspection->meanPatchError));
        const QString screenshots = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            stack->setVisibleRange(0.0, 4.0);
            QTest::qWait(500);
            window.grab().save(screenshots + "/reconstruction.png");
        }
        measureSeedRedraws(window, session, *stack);
    }

private:
    /// Seed change → the lanes redrawn with the new mask (the page sets the inspection before the spy sees it, then
    /// one immediate replot): the median of a few, printed.
    static void measureSeedRedraws(MainWindow& window, Session& session, RecordingPlot& stack) {
        auto* seed = window.findChild<QSpinBox*>("maskSeed");
        QSignalSpy ready(session.models(), &ModelService::inspectionReady);
        std::vector<qint64> times;
        for (int step = 1; step <= 9; ++step) {
            QElapsedTimer timer;
            timer.start();
            seed->setValue(seed->value() + 1);
            QVERIFY(ready.wait(60000));
            QCOMPARE(stack.inspection()->seed, unsigned(seed->value()));
            stack.customPlot()->replot(QCustomPlot::rpImmediateRefresh);
            times.push_back(timer.elapsed());
        }
        std::sort(times.begin(), times.end());
        qInfo("seed change to redrawn lanes: median %lld ms, min %lld, max %lld over %zu changes", times[times.size() / 2], times.front(),
              times.back(), times.size());
    }
};

QTEST_MAIN(TestInspectReconstruction)
#include "tst_InspectReconstruction.moc"
