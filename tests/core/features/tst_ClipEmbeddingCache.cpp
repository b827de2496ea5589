// Clip embeddings of several layers per pass (M2D, HuBERT, the log-mel baseline), pooled and cached per recording:
// the pooled values are those of the extractors' own frames, a second call reads instead of computing, a changed
// recording is recomputed, unusable files are listed and skipped, the estimate says what is to compute.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>
#include <sndfile.h>

#include "ArrayComparison.h"
#include "AudioFixtures.h"
#include "TestData.h"
#include "TinyModel.h"
#include "analysis/RecordingEmbeddings.h"
#include "audio/RecordingAnalyser.h"
#include "audio/WaveformLoader.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/ClipEmbeddingCache.h"
#include "features/HubertLayerEmbeddings.h"
#include "features/LogMelEmbeddings.h"
#include "features/ModelLayerEmbeddings.h"
#include "model/hubert/HubertModel.h"
#include "model/hubert/TeacherNormalisation.h"

using namespace m2ds;

namespace {

/// Tones of different pitch and length (0.5 s, 0.75 s, …) in `dir`, plus what the cache must skip: a file that is
/// not audio and one that does not exist.
struct Recordings {
    std::vector<std::string> tones;
    std::string broken;
    std::string absent;
    std::vector<std::string> all() const {
        std::vector<std::string> files = tones;
        files.insert(files.begin() + 1, broken);
        files.push_back(absent);
        return files;
    }
};

Recordings writeRecordings(const QTemporaryDir& dir, int count) {
    Recordings recordings;
    for (int i = 0; i < count; ++i) {
        const QString path = dir.filePath(QString("tone%1.wav").arg(i));
        test::writeAudio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(220.0 * (i + 1), 0.5 + 0.25 * i, 16000));
        recordings.tones.push_back(path.toStdString());
    }
    QFile broken(dir.filePath("broken.wav"));
    broken.open(QIODevice::WriteOnly);
    broken.write("RIFF nonsense");
    recordings.broken = broken.fileName().toStdString();
    recordings.absent = dir.filePath("absent.wav").toStdString();
    return recordings;
}

/// Mean over time of frames [T, D] in float64, and the population std when `withStd`: what the pooling should give.
std::vector<float> pooledByHand(const std::vector<float>& frames, std::size_t dim, bool withStd) {
    const std::size_t count = frames.size() / dim;
    std::vector<double> sum(dim), squares(dim);
    for (std::size_t t = 0; t < count; ++t)
        for (std::size_t d = 0; d < dim; ++d) sum[d] += frames[t * dim + d], squares[d] += double(frames[t * dim + d]) * frames[t * dim + d];
    std::vector<float> pooled;
    for (std::size_t d = 0; d < dim; ++d) pooled.push_back(float(sum[d] / count));
    if (withStd)
        for (std::size_t d = 0; d < dim; ++d) pooled.push_back(float(std::sqrt(std::max(0.0, squares[d] / count - std::pow(sum[d] / count, 2)))));
    return pooled;
}

const test::Tolerance kSamePooling{1e-5, 1e-6};

}  // namespace

class TestClipEmbeddingCache : public QObject {
    Q_OBJECT
private slots:
    void modelLayersPoolTheirRecordingEmbeddings() {
        QTemporaryDir dir;
        const Recordings recordings = writeRecordings(dir, 2);
        const auto model = test::loadTinyModel();
        const int depth = model->config().depth;
        const ModelLayerEmbeddings extractor(*model, {0, depth}, test::tinyCheckpoint().toStdString(), 1);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ModelLayerEmbeddings(*model, {depth + 1}, test::tinyCheckpoint().toStdString()));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ModelLayerEmbeddings(*model, {}, test::tinyCheckpoint().toStdString()));
        const ClipEmbeddings clips = ClipEmbeddingCache(dir.filePath("cache").toStdString())
                                         .ensure(recordings.tones, extractor, ClipPoolingKind::Mean, ProgressMonitor());
        QCOMPARE(clips.layerIds, (std::vector<int>{0, depth}));
        QCOMPARE(clips.layers.size(), std::size_t(2));
        const std::size_t dim = std::size_t(model->config().frameFeatureDim());
        for (std::size_t file = 0; file < recordings.tones.size(); ++file) {
            std::vector<std::vector<float>> frames(2);
            RecordingEmbeddings(*model, {0, depth}, 1).extract(recordings.tones[file], [&](std::size_t, std::size_t, const std::vector<FloatArray>& layers) {
                for (std::size_t l = 0; l < 2; ++l) frames[l].insert(frames[l].end(), layers[l].values.begin(), layers[l].values.end());
            });
            for (std::size_t l = 0; l < 2; ++l) {
                QCOMPARE(clips.layers[l].cols, dim);
                M2DS_COMPARE_ARRAYS(test::compareArrays(clips.layers[l].row(file), pooledByHand(frames[l], dim, false).data(), dim), kSamePooling);
            }
        }
    }

    void hubertLayersPoolTheirHiddenStates() {
        QTemporaryDir dir;
        const Recordings recordings = writeRecordings(dir, 1);
        const std::string folder = test::sourcePath("tests/golden/hubert/tiny/base").toStdString();
        const HubertModel model = HubertModel::load(folder);
        const HubertLayerEmbeddings extractor(model, {0, 2}, folder + "/model.safetensors");
        QCOMPARE(extractor.framesPerSecond(), 50.0);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, HubertLayerEmbeddings(model, {3}, folder + "/model.safetensors"));
        const ClipEmbeddings clips = ClipEmbeddingCache(dir.filePath("cache").toStdString())
                                         .ensure(recordings.tones, extractor, ClipPoolingKind::MeanStd, ProgressMonitor());
        const std::vector<FloatArray> states = model.hiddenStates(normaliseForHubert(WaveformLoader(16000).load(recordings.tones[0]).samples), {0, 2});
        for (std::size_t l = 0; l < 2; ++l) {
            QCOMPARE(clips.layers[l].cols, std::size_t(2 * 32));
            M2DS_COMPARE_ARRAYS(test::compareArrays(clips.layers[l].row(0), pooledByHand(states[l].values, 32, true).data(), 64), kSamePooling);
        }
    }

    // Recordings sharing forward passes (M2D: 4 chunks per pass, the tones being 1–3 chunks; HuBERT: 3 recordings per
    // pass) give the clip embeddings of one at a time, and the unusable files are skipped alike, in order.
    void sharedPassesGiveTheSameClipEmbeddings() {
        QTemporaryDir dir;
        const Recordings recordings = writeRecordings(dir, 4);
        const auto model = test::loadTinyModel();
        const ModelLayerEmbeddings m2d(*model, {0, model->config().depth}, test::tinyCheckpoint().toStdString(), 1);
        const std::string folder = test::sourcePath("tests/golden/hubert/tiny/base").toStdString();
        const HubertModel hubert = HubertModel::load(folder);
        const HubertLayerEmbeddings alone(hubert, {0, 2}, folder + "/model.safetensors"), together(hubert, {0, 2}, folder + "/model.safetensors", 3);
        const ClipEmbeddings m2dAlone = ClipEmbeddingCache(dir.filePath("a").toStdString()).ensure(recordings.all(), m2d, ClipPoolingKind::MeanStd, ProgressMonitor());
        model->setChunksPerPass(4);
        const ClipEmbeddings m2dTogether = ClipEmbeddingCache(dir.filePath("b").toStdString()).ensure(recordings.all(), m2d, ClipPoolingKind::MeanStd, ProgressMonitor());
        const ClipEmbeddings hubertAlone = ClipEmbeddingCache(dir.filePath("c").toStdString()).ensure(recordings.all(), alone, ClipPoolingKind::MeanStd, ProgressMonitor());
        const ClipEmbeddings hubertTogether = ClipEmbeddingCache(dir.filePath("d").toStdString()).ensure(recordings.all(), together, ClipPoolingKind::MeanStd, ProgressMonitor());
        for (const auto& [one, shared] : {std::pair{&m2dAlone, &m2dTogether}, std::pair{&hubertAlone, &hubertTogether}}) {
            QCOMPARE(shared->files, recordings.tones);
            QCOMPARE(shared->skipped, one->skipped);
            QCOMPARE(shared->skipped.size(), std::size_t(2));
            QCOMPARE(shared->computed, std::size_t(4));
            for (std::size_t l = 0; l < 2; ++l) {
                QCOMPARE(shared->layers[l].rows, one->layers[l].rows);
                M2DS_COMPARE_ARRAYS(test::compareArrays(shared->layers[l].values.data(), one->layers[l].values.data(), one->layers[l].values.size()),
                                    (test::Tolerance{1e-4, 1e-5}));
            }
        }
    }

    void logMelBaselineIsMeanAndStdOf80Bands() {
        QTemporaryDir dir;
        const Recordings recordings = writeRecordings(dir, 1);
        const LogMelEmbeddings baseline({-7.1f, 4.2f}, 1);
        QCOMPARE(baseline.framesPerSecond(), 100.0);
        const ClipEmbeddings clips = ClipEmbeddingCache(dir.filePath("cache").toStdString())
                                         .ensure(recordings.tones, baseline, parseClipPooling("mean+std"), ProgressMonitor());
        QCOMPARE(clips.layerIds, std::vector<int>{0});
        QCOMPARE(clips.layers[0].cols, std::size_t(160));
        QCOMPARE(clips.pooling, std::string("mean+std"));
        LogMelSpectrogram logMel = RecordingAnalyser({}, 1).analyse(recordings.tones[0]).logMel;
        logMel.normalise(-7.1f, 4.2f);
        std::vector<float> frames;
        for (std::size_t t = 0; t < logMel.frameCount; ++t)
            for (int band = 0; band < 80; ++band) frames.push_back(logMel.at(band, t));
        M2DS_COMPARE_ARRAYS(test::compareArrays(clips.layers[0].row(0), pooledByHand(frames, 80, true).data(), 160), kSamePooling);
    }

    void secondCallReadsAndAChangedRecordingIsRecomputed() {
        QTemporaryDir dir;
        const Recordings recordings = writeRecordings(dir, 3);
        const LogMelEmbeddings baseline({}, 1);
        const ClipEmbeddingCache cache(dir.filePath("cache").toStdString());
        const std::vector<std::string> files = recordings.all();  // tone0, broken, tone1, tone2, absent

        const ClipEmbeddingEstimate before = cache.estimate(files, baseline, ClipPoolingKind::Mean);
        QCOMPARE(before.cached, std::size_t(0));
        QCOMPARE(before.missing, std::size_t(3));
        QCOMPARE(before.unreadable, std::size_t(2));
        QCOMPARE(before.missingSeconds, 0.5 + 0.75 + 1.0);
        QCOMPARE(before.resultBytes, std::size_t(3 * 80 * 4));

        std::vector<double> reported;
        const ClipEmbeddings first = cache.ensure(files, baseline, ClipPoolingKind::Mean, ProgressMonitor([&](double f) { reported.push_back(f); }));
        QCOMPARE(first.computed, std::size_t(3));
        QCOMPARE(first.kept, (std::vector<std::size_t>{0, 2, 3}));
        QCOMPARE(first.files, recordings.tones);
        QCOMPARE(first.skipped.size(), std::size_t(2));
        QVERIFY2(QString::fromStdString(first.skipped[0]).startsWith(QString::fromStdString(recordings.broken + ": ")), first.skipped[0].c_str());
        QCOMPARE(first.skipped[1], recordings.absent + ": no such file");
        QVERIFY(!reported.empty() && reported.back() == 1.0);
        QVERIFY(std::is_sorted(reported.begin(), reported.end()));

        const std::string entry = cache.entryPath(recordings.tones[1], baseline, ClipPoolingKind::Mean);
        const auto written = std::filesystem::last_write_time(entry);
        const ClipEmbeddings again = cache.ensure(files, baseline, ClipPoolingKind::Mean, ProgressMonitor());
        QCOMPARE(again.computed, std::size_t(0));  // read, not recomputed
        QVERIFY(std::filesystem::last_write_time(entry) == written);
        QCOMPARE(again.layers[0].values, first.layers[0].values);
        QCOMPARE(cache.estimate(files, baseline, ClipPoolingKind::Mean).cached, std::size_t(3));
        QCOMPARE(cache.estimate(files, baseline, ClipPoolingKind::Max).missing, std::size_t(3));  // another pooling, other entries

        test::writeAudio(QString::fromStdString(recordings.tones[1]), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(3000.0, 0.6, 16000));
        const ClipEmbeddings changed = cache.ensure(files, baseline, ClipPoolingKind::Mean, ProgressMonitor());
        QCOMPARE(changed.computed, std::size_t(1));
        QVERIFY(changed.layers[0].values != first.layers[0].values);
        QCOMPARE(std::vector<float>(changed.layers[0].row(0), changed.layers[0].row(0) + 80),
                 std::vector<float>(first.layers[0].row(0), first.layers[0].row(0) + 80));

        QFile::resize(QString::fromStdString(cache.entryPath(recordings.tones[2], baseline, ClipPoolingKind::Mean)), 20);  // torn: recomputed
        QCOMPARE(cache.ensure(files, baseline, ClipPoolingKind::Mean, ProgressMonitor()).computed, std::size_t(1));
    }

    void noUsableFileOrACancelIsAnError() {
        QTemporaryDir dir;
        const Recordings recordings = writeRecordings(dir, 1);
        const LogMelEmbeddings baseline({}, 1);
        const ClipEmbeddingCache cache(dir.filePath("cache").toStdString());
        try {
            cache.ensure({recordings.broken, recordings.absent}, baseline, ClipPoolingKind::Mean, ProgressMonitor());
            QFAIL("no usable file was accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).contains("none of the 2 files gave clip embeddings"), error.what());
        }
        ProgressMonitor cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(CancelledError, cache.ensure(recordings.tones, baseline, ClipPoolingKind::Mean, cancelled));
    }
};

QTEST_GUILESS_MAIN(TestClipEmbeddingCache)
#include "tst_ClipEmbeddingCache.moc"
