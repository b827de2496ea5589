// The Clusters dock's job on the demo model and the demo recording: features into the cache, a codebook, segments
// that tile the recording, statistics that add up; the cache makes a second run reuse the features; someone's
// centroids of the wrong width are a clear error.
#include <QTemporaryDir>
#include <QtTest>

#include "TestData.h"
#include "checkpoint/CheckpointImporter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/ProgressMonitor.h"
#include "jobs/ClusterJob.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"

using namespace m2ds;

class TestClusterJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        checkpoint_ = test::sourcePath("models/demo/m2d_s_vit_demo-80x208p80x2.safetensors");
        const ImportedCheckpoint imported = CheckpointImporter(ModelPresets::loadDirectory(test::sourcePath("models/presets").toStdString()))
                                                .read(checkpoint_.toStdString());
        model_ = std::make_shared<const M2dsModel>(M2dsModel::fromStateDict(imported.config, imported.weights, M2dsModel::Parts::EncoderOnly));
    }

    void learnsAndAssignsTheOpenRecordings() {
        QTemporaryDir cache;
        const QString demo = test::sourcePath("resources/demo/m2ds-demo.flac");
        ClusterRequest request{{demo}, checkpoint_, 2, 8, 1, {}, cache.path()};
        const ClusterTiers tiers = ClusterJob(model_, request)(ProgressMonitor());
        QCOMPARE(tiers.clusterCount, 8);
        QCOMPARE(tiers.framesPerSecond, 50.0);
        QVERIFY(tiers.segmentsByPath.contains(demo));
        const auto& segments = tiers.segmentsByPath[demo];
        QCOMPARE(segments.front().start, 0.0);
        for (std::size_t i = 1; i < segments.size(); ++i) {
            QCOMPARE(segments[i].start, segments[i - 1].end);  // they tile the recording
            QVERIFY(segments[i].cluster != segments[i - 1].cluster);
            QVERIFY(segments[i].distance <= segments[i].secondDistance);
        }
        double share = 0.0;
        for (const ClusterStatistics& s : tiers.statistics) share += s.share;
        QVERIFY(std::abs(share - 1.0) < 1e-9);

        std::vector<float> wrongWidth(8 * 5, 0.0f);
        NpyFile::writeFloat32(cache.filePath("c.npy").toStdString(), {8, 5}, wrongWidth.data());
        request.centroidsPath = cache.filePath("c.npy");
        try {
            ClusterJob(model_, request)(ProgressMonitor());
            QFAIL("centroids of the wrong width were accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("c.npy") && QString(error.what()).contains("96"), error.what());
        }
    }

private:
    QString checkpoint_;
    std::shared_ptr<const M2dsModel> model_;
};

QTEST_GUILESS_MAIN(TestClusterJob)
#include "tst_ClusterJob.moc"
