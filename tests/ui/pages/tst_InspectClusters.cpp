// Cluster tiers end to end in the workbench window, offscreen: the demo recording and the demo model open, Learn in
// the Clusters dock runs the job off the GUI thread, the tier lane appears under the spectrogram with the
// recording's segments, the cluster list fills, choosing a cluster highlights its segments and "Play cluster" asks
// for exactly its segments. With $M2DS_SCREENSHOT_DIR set, the window is saved there as clusters.png.
#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "TestData.h"
#include "mainwindow/MainWindow.h"
#include "pages/InspectPage.h"
#include "plots/RecordingPlot.h"
#include "plots/lanes/ClusterTierLane.h"
#include "session/Session.h"
#include "widgets/ClusterPanel.h"

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

private:
    QTemporaryDir cache_;
};

QTEST_MAIN(TestInspectClusters)
#include "tst_InspectClusters.moc"
