// Cluster tiers end to end in the workbench window, offscreen: the demo recording and the demo model open, Learn in
// the Clusters dock runs the job off the GUI thread, the tier lane appears under the spectrogram with the
// recording's segments, the cluster list fills, choosing a cluster highlights its segments and "Play cluster" asks
// for exactly its segments. With no model loaded, a hidden state of the tiny HuBERT folder chosen in the dock (its
// config.json bounds the layer box) gives a tier whose segments (and hover) sit on its 20 ms frame grid and end at
// its last frame. With $M2DS_SCREENSHOT_DIR set, the window is saved there as clusters-*.png.
#include <QDockWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <qcustomplot.h>

#include "TestData.h"
#include "mainwindow/MainWindow.h"
#include "pages/InspectPage.h"
#include "plots/RecordingPlot.h"
#include "plots/lanes/ClusterTierLane.h"
#include "session/Session.h"
#include "widgets/ClusterPanel.h"
#include "widgets/EncoderChoice.h"

using namespace m2ds;

class TestInspectClusters : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        test::isolateSettings();
        QVERIFY(cache_.isValid());
        qputenv("XDG_CACHE_HOME", cache_.path().toUtf8());  // the feature cache, kept out of the user's
    }

    void learnShowsATierAndAClusterList() {
        Session session(QString(M2DS_PRESETS_DIRECTORY));
        MainWindow window(session);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openFiles({M2DS_DEMO_RECORDING, M2DS_DEMO_MODEL});
        auto* panel = window.findChild<ClusterPanel*>();
        QVERIFY(panel);
        auto* learn = panel->findChild<QPushButton*>();  // the first button is Learn
        QTRY_VERIFY_WITH_TIMEOUT(learn->isEnabled(), 30000);  // the model has loaded
        auto* stack = window.findChild<RecordingPlot*>();
        QTRY_VERIFY_WITH_TIMEOUT(stack->recording() != nullptr, 30000);
        QVERIFY(!stack->visibleLanes().contains("clusters"));
        panel->findChildren<QSpinBox*>()[1]->setValue(12);  // k
        learn->click();
        QTRY_VERIFY_WITH_TIMEOUT(stack->visibleLanes().contains("clusters"), 60000);
        QCOMPARE(stack->visibleLanes().last(), QString("clusters"));
        auto* table = panel->findChild<QTableWidget*>();
        QCOMPARE(table->rowCount(), 12);
        const QString screenshots = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            stack->setVisibleRange(0.0, 4.0);
            QTest::qWait(200);
            window.grab().save(screenshots + "/clusters-all.png");
        }
        table->selectRow(0);  // the largest cluster
        const int chosen = panel->chosenCluster();
        QVERIFY(chosen >= 0);
        auto* page = window.findChild<InspectPage*>();
        QSignalSpy status(page, &InspectPage::statusMessage);
        panel->findChildren<QPushButton*>().last()->click();  // Play cluster
        QStringList messages;  // without an audio device the player adds its own message
        for (const auto& message : status) messages << message.at(0).toString();
        QVERIFY2(messages.join('\n').contains(QString("segments of cluster %1").arg(chosen)), qPrintable(messages.join('\n')));
        if (!screenshots.isEmpty()) {
            QTest::qWait(200);
            window.grab().save(screenshots + "/clusters-chosen.png");
        }
    }

    void learnsOnAHubertFolderWithoutAModel() {
        Session session(QString(M2DS_PRESETS_DIRECTORY));
        MainWindow window(session);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openFiles({M2DS_DEMO_RECORDING});
        auto* stack = window.findChild<RecordingPlot*>();
        QTRY_VERIFY_WITH_TIMEOUT(stack->recording() != nullptr, 30000);
        auto* panel = window.findChild<ClusterPanel*>();
        auto* learn = panel->findChild<QPushButton*>();
        QVERIFY(!learn->isEnabled());  // neither a model nor a folder yet
        panel->findChild<EncoderChoice*>()->setHubertFolder(test::sourcePath("tests/golden/hubert/tiny/base"));
        QVERIFY(learn->isEnabled());
        auto* layer = panel->findChildren<QSpinBox*>()[0];
        QCOMPARE(layer->maximum(), 2);  // the folder's config.json: 2 layers
        QCOMPARE(layer->value(), 2);    // its last, as it has fewer than the M2D-S teacher's 9
        panel->findChildren<QSpinBox*>()[1]->setValue(6);
        learn->click();
        QTRY_VERIFY_WITH_TIMEOUT(stack->visibleLanes().contains("clusters"), 60000);
        QCOMPARE(panel->findChild<QTableWidget*>()->rowCount(), 6);
        // Hover: the segment's extent is on the 20 ms grid around the time under the mouse; the tier ends at frame
        // 920 (294700 samples: (294700 - 400) / 320 + 1 frames at 50 Hz), 18.40 s.
        for (const double seconds : {9.013, 18.39}) {
            const auto [start, end] = hoveredExtent(stack, seconds);
            QVERIFY2(start <= seconds + 0.01 && seconds - 0.01 < end, qPrintable(QString("%1–%2 s at %3 s").arg(start).arg(end).arg(seconds)));
            for (const double edge : {start, end}) QVERIFY2(std::abs(edge * 50.0 - std::round(edge * 50.0)) < 1e-6, qPrintable(QString::number(edge)));
            if (seconds > 18.0) QCOMPARE(end, 18.4);
        }
        const QString screenshots = qEnvironmentVariable("M2DS_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            stack->setVisibleRange(0.0, 4.0);
            QTest::qWait(200);
            window.grab().save(screenshots + "/clusters-hubert.png");
        }
    }

private:
    /// The start and end (seconds) of the cluster segment that the tier lane's hover read-out names at `seconds`.
    static std::pair<double, double> hoveredExtent(RecordingPlot* stack, double seconds) {
        QSignalSpy readout(stack, &RecordingPlot::readoutChanged);
        QCPAxisRect* tier = stack->laneRect("clusters");
        const QPoint at(int(std::lround(tier->axis(QCPAxis::atBottom)->coordToPixel(seconds))), tier->rect().center().y());
        QTest::mouseMove(stack->customPlot(), at);
        if (readout.isEmpty() && !readout.wait(5000)) return {-1.0, -1.0};
        const QRegularExpressionMatch extent = QRegularExpression("cluster \\d+ · ([0-9.]+)–([0-9.]+) s").match(readout.last().first().toString());
        if (!extent.hasMatch()) return {-1.0, -1.0};
        return {extent.captured(1).toDouble(), extent.captured(2).toDouble()};
    }

    QTemporaryDir cache_;
};

QTEST_MAIN(TestInspectClusters)
#include "tst_InspectClusters.moc"
