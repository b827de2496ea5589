// The Clusters dock's job on the demo model and the demo recording: features into the cache, a codebook, segments
// that tile the recording, statistics that add up; the cache makes a second run reuse the features; someone's
// centroids of the wrong width are a clear error. The same on a hidden state of the tiny HuBERT folder: segments in
// seconds at 50 Hz that end at the model's last frame; a folder that is not a model and a layer outside it are one line.
#include <QTemporaryDir>
#include <QtTest>

#include "TestData.h"
#include "audio/WaveformLoader.h"
#include "checkpoint/CheckpointImporter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"
#include "common/ProgressMonitor.h"
#include "jobs/ClusterJob.h"
#include "model/M2dsModel.h"
#include "model/ModelPresets.h"
#include "model/hubert/HubertConfig.h"

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
        ClusterRequest request;
        request.recordings = {demo};
        request.checkpointPath = checkpoint_;
        request.layer = 2;
        request.clusterCount = 8;
        request.seed = 1;
        request.cacheDirectory = cache.path();
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

    void learnsAHubertHiddenStateAt50Hz() {
        QTemporaryDir cache;
        const QString demo = test::sourcePath("resources/demo/m2ds-demo.flac");
        const QString hubert = test::sourcePath("tests/golden/hubert/tiny/base");
        ClusterRequest request;
        request.recordings = {demo};
        request.hubertFolder = hubert;
        request.layer = 2;
        request.clusterCount = 6;
        request.cacheDirectory = cache.path();
        const ClusterTiers tiers = ClusterJob(nullptr, request)(ProgressMonitor());  // no M2D model needed
        QCOMPARE(tiers.clusterCount, 6);
        QCOMPARE(tiers.framesPerSecond, 50.0);
        QVERIFY2(tiers.name.startsWith("base layer 2"), qPrintable(tiers.name));
        const auto& segments = tiers.segmentsByPath[demo];
        QVERIFY(segments.size() > 1);
        const std::size_t samples = WaveformLoader(16000).load(demo.toStdString(), nullptr).samples.size();
        const std::size_t frames = HubertConfig::fromFile((hubert + "/config.json").toStdString()).frameCount(samples);  // 20 ms hop
        QCOMPARE(segments.front().start, 0.0);
        QCOMPARE(segments.back().end, double(frames) / 50.0);
        long long counted = 0;
        for (std::size_t i = 0; i < segments.size(); ++i) {
            if (i > 0) QCOMPARE(segments[i].start, segments[i - 1].end);
            const double startFrames = segments[i].start * 50.0;
            QCOMPARE(startFrames, std::round(startFrames));  // on the 20 ms grid
        }
        for (const ClusterStatistics& s : tiers.statistics) counted += s.frames;
        QCOMPARE(counted, (long long)frames);

        request.layer = 3;
        try {
            ClusterJob(nullptr, request)(ProgressMonitor());
            QFAIL("a layer outside the HuBERT model was accepted");
        } catch (const InvalidArgument& error) {
            QVERIFY2(QString(error.what()).contains("layer 3") && QString(error.what()).contains(".. 2"), error.what());
        }
        request.layer = 1;
        request.hubertFolder = cache.path();  // a folder, but no model in it
        try {
            ClusterJob(nullptr, request)(ProgressMonitor());
            QFAIL("a folder without config.json was accepted");
        } catch (const InputError& error) {
            const QString message = error.what();
            QVERIFY2(message.contains(cache.path()) && message.contains("config.json") && !message.contains('\n'), error.what());
        }
    }

private:
    QString checkpoint_;
    std::shared_ptr<const M2dsModel> model_;
};

QTEST_GUILESS_MAIN(TestClusterJob)
#include "tst_ClusterJob.moc"
