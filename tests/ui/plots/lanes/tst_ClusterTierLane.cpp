// The cluster tier under a recording: it appears once assignments for the shown recording exist, colours one cell
// per pixel column by cluster, writes ids in wide segments only, answers hover with id, extent and distances,
// fades the other clusters when one is chosen, and stays aligned with the other lanes when zooming.
#include <QtTest>
#include <qcustomplot.h>

#include "SyntheticRecordings.h"
#include "plots/lanes/ClusterTierLane.h"
#include "plots/lanes/LaneStack.h"
#include "plots/lanes/WaveformLane.h"
#include "widgets/ClusterPanel.h"

using namespace m2ds;

namespace {

/// 2 s of alternating clusters 0..3, each segment 0.1 s, with distances that grow with the id.
ClusterTiersPtr tiersFor(const QString& path) {
    auto tiers = std::make_shared<ClusterTiers>();
    tiers->name = "layer 2, k = 4";
    tiers->clusterCount = 4;
    std::vector<ClusterSegment> segments;
    for (int i = 0; i < 20; ++i) segments.push_back({0.1 * i, 0.1 * (i + 1), i % 4, 1.0f + i % 4, 2.0f + i % 4});
    tiers->segmentsByPath.insert(path, segments);
    for (int c = 0; c < 4; ++c) tiers->statistics.push_back({c, 25, 0.25, 0.1, 5});
    return tiers;
}

}  // namespace

class TestClusterTierLane : public QObject {
    Q_OBJECT
private slots:
    void tierFollowsTheRecordingAndTheTimeAxis() {
        LaneStack stack;
        stack.resize(800, 400);
        stack.show();
        QVERIFY(QTest::qWaitForWindowExposed(&stack));
        stack.addLane(std::make_unique<WaveformLane>());
        auto* lane = static_cast<ClusterTierLane*>(stack.addLane(std::make_unique<ClusterTierLane>()));
        stack.setRecording(test::silentRecording(2.0, "/a.wav"));
        QVERIFY(!stack.visibleLanes().contains("clusters"));  // no assignments yet
        lane->setTiers(tiersFor("/a.wav"));
        stack.refresh();
        QVERIFY(stack.visibleLanes().contains("clusters"));
        QVERIFY(lane->drawnColumns() > 100);
        QCOMPARE(lane->segments().size(), std::size_t(20));
        QVERIFY2(lane->readout(0.35, 0.5).contains("cluster 3") && lane->readout(0.35, 0.5).contains("0.300–0.400 s") &&
                     lane->readout(0.35, 0.5).contains("distance 4.00") && lane->readout(0.35, 0.5).contains("next nearest 5.00"),
                 qPrintable(lane->readout(0.35, 0.5)));
        const int labelsWhole = lane->drawnLabels();
        stack.setVisibleRange(0.0, 0.5);  // five segments across ~700 px: every one wide enough for its id
        QCOMPARE(lane->drawnLabels(), 5);
        QVERIFY(labelsWhole <= 20);
        QCOMPARE(stack.laneRect("clusters")->axis(QCPAxis::atBottom)->range().upper,
                 stack.laneRect("waveform")->axis(QCPAxis::atBottom)->range().upper);
        lane->chooseCluster(1);
        stack.refresh();
        QCOMPARE(lane->drawnLabels(), 1);  // only cluster 1's segment in [0, 0.5] keeps its label
        stack.setRecording(test::silentRecording(1.0, "/other.wav"));
        QVERIFY(!stack.visibleLanes().contains("clusters"));  // not assigned: the tier leaves
    }

    void paletteKeepsNeighbouringIdsApart() {
        for (int id = 0; id + 1 < 100; ++id) {
            const QColor a = ClusterTierLane::colourOf(id, 100), b = ClusterTierLane::colourOf(id + 1, 100);
            const int distance = std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
            QVERIFY2(distance > 60, qPrintable(QString("ids %1 and %2 look alike").arg(id).arg(id + 1)));
        }
    }

    void panelListsClustersAndReportsTheChoice() {
        ClusterPanel panel;
        panel.setLoadedModel("tiny", 4);
        QCOMPARE(panel.layer(), 2);
        auto tiers = std::make_shared<ClusterTiers>(*tiersFor("/a.wav"));
        tiers->statistics[2].frames = 40;
        panel.showTiers(tiers);
        auto* table = panel.findChild<QTableWidget*>();
        QCOMPARE(table->rowCount(), 4);
        QCOMPARE(table->item(0, 0)->text(), QString("2"));  // largest first
        QSignalSpy chosen(&panel, &ClusterPanel::clusterChosen);
        table->selectRow(0);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.takeFirst().at(0).toInt(), 2);
        QCOMPARE(panel.chosenCluster(), 2);
    }
};

QTEST_MAIN(TestClusterTierLane)
#include "tst_ClusterTierLane.moc"
