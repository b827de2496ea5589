// Feature dumps: fairseq's .npy + .len written without knowing the row count up front, read back row for row; the
// cache computes once, reuses a complete dump, recomputes when a file changes, and lists unusable files; model layers
// that share forward passes dump what one file at a time dumps.
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <sndfile.h>

#include "ArrayComparison.h"
#include "AudioFixtures.h"
#include "TestData.h"
#include "TinyModel.h"
#include "audio/KaldiMfcc.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/FeatureDump.h"
#include "features/FeatureDumpWriter.h"
#include "features/HubertLayerFeatures.h"
#include "features/MfccFeatures.h"
#include "features/ModelLayerFeatures.h"
#include "features/NpyShardFeatureSource.h"
#include "model/hubert/HubertModel.h"

using namespace m2ds;

namespace {

FloatArray frames(std::size_t rows, std::size_t columns, float first) {
    FloatArray array{{rows, columns}, std::vector<float>(rows * columns)};
    for (std::size_t i = 0; i < array.values.size(); ++i) array.values[i] = first + float(i);
    return array;
}

}  // namespace

class TestFeatureDump : public QObject {
    Q_OBJECT
private slots:
    void writerMakesAFairseqShard() {
        QTemporaryDir dir;
        const std::string npy = dir.filePath("train_0_1.npy").toStdString();
        FeatureDumpWriter writer(npy, 3);
        writer.append(frames(2, 3, 0.0f));
        writer.append(frames(0, 3, 0.0f));  // an utterance too short for one frame
        writer.append(frames(4, 3, 100.0f));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(npy)));  // nothing before finish()
        writer.finish();
        const NpyShardFeatureSource source({npy});
        QCOMPARE(source.rowCount(), std::size_t(6));
        const auto utterances = source.utterances().front();
        QCOMPARE(utterances.size(), std::size_t(3));
        QCOMPARE(utterances[2].first, std::size_t(2));
        std::vector<float> row(3);
        source.readRows(5, 1, row.data());
        QCOMPARE(row, (std::vector<float>{109.0f, 110.0f, 111.0f}));
        QVERIFY(!QFileInfo::exists(QString::fromStdString(npy + ".rows.tmp")));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, writer.append(frames(1, 4, 0.0f)));
    }

    void cacheComputesOnceAndNamesUnusableFiles() {
        QTemporaryDir dir;
        std::vector<std::string> files;
        for (int i = 0; i < 3; ++i) {
            const QString path = dir.filePath(QString("tone%1.wav").arg(i));
            QVERIFY(test::writeAudio(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(200.0 + 100 * i, 0.5 + 0.25 * i, 16000, 1)));
            files.push_back(path.toStdString());
        }
        QFile broken(dir.filePath("broken.wav"));
        broken.open(QIODevice::WriteOnly);
        broken.write("RIFF nonsense");
        broken.close();
        files.push_back(broken.fileName().toStdString());
        const MfccFeatures mfcc(1);
        const std::string cache = dir.filePath("cache").toStdString();
        const FeatureDump first = FeatureDump::ensure(cache, files, mfcc, ProgressMonitor());
        QCOMPARE(first.files.size(), std::size_t(3));
        QCOMPARE(first.skipped.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(first.skipped[0]).contains("broken.wav"), first.skipped[0].c_str());
        QCOMPARE(first.frames[2], KaldiMfcc().frameCount(16000));
        QCOMPARE(first.source().dimension(), std::size_t(39));
        QCOMPARE(first.framesPerSecond, 100.0);
        const auto written = std::filesystem::last_write_time(first.npyPath());
        const FeatureDump again = FeatureDump::ensure(cache, files, mfcc, ProgressMonitor());
        QCOMPARE(again.folder, first.folder);
        QVERIFY(std::filesystem::last_write_time(again.npyPath()) == written);  // read back, not recomputed
        QCOMPARE(again.frames, first.frames);
        QVERIFY(test::writeAudio(QString::fromStdString(files[0]), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine(300.0, 0.3, 16000, 1)));
        QVERIFY(FeatureDump::ensure(cache, files, mfcc, ProgressMonitor()).folder != first.folder);  // the file changed
        QVERIFY_THROWS_EXCEPTION(InputError, FeatureDump::ensure(cache, {files.back()}, mfcc, ProgressMonitor()));
    }

    // Model layers sharing forward passes (M2D: 4 chunks per pass over tones of 1–3 chunks; HuBERT: 3 recordings per
    // pass) dump the features of one at a time, and skip the broken file in its place.
    void sharedPassesDumpTheSameFeatures() {
        QTemporaryDir dir;
        std::vector<std::string> files;
        for (int i = 0; i < 5; ++i) {
            files.push_back(dir.filePath(QString("tone%1.wav").arg(i)).toStdString());
            QVERIFY(test::writeAudio(QString::fromStdString(files.back()), SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1,
                                     test::sine(200.0 + 100 * i, 0.4 + 0.3 * i, 16000, 1)));
        }
        QFile broken(dir.filePath("broken.wav"));
        QVERIFY(broken.open(QIODevice::WriteOnly) && broken.write("RIFF nonsense") > 0);
        broken.close();
        files.insert(files.begin() + 2, broken.fileName().toStdString());
        const auto model = test::loadTinyModel();
        const ModelLayerFeatures m2d(*model, 1, test::tinyCheckpoint().toStdString(), 1);
        const std::string folder = test::sourcePath("tests/golden/hubert/tiny/base").toStdString();
        const HubertModel hubert = HubertModel::load(folder);
        const HubertLayerFeatures alone(hubert, 2, folder + "/model.safetensors"), together(hubert, 2, folder + "/model.safetensors", 3);
        const FeatureDump m2dAlone = FeatureDump::ensure(dir.filePath("a").toStdString(), files, m2d, ProgressMonitor());
        model->setChunksPerPass(4);
        const FeatureDump m2dTogether = FeatureDump::ensure(dir.filePath("b").toStdString(), files, m2d, ProgressMonitor());
        const FeatureDump hubertAlone = FeatureDump::ensure(dir.filePath("c").toStdString(), files, alone, ProgressMonitor());
        const FeatureDump hubertTogether = FeatureDump::ensure(dir.filePath("d").toStdString(), files, together, ProgressMonitor());
        for (const auto& [one, shared] : {std::pair{&m2dAlone, &m2dTogether}, std::pair{&hubertAlone, &hubertTogether}}) {
            QCOMPARE(shared->files.size(), std::size_t(5));
            QCOMPARE(shared->files, one->files);
            QCOMPARE(shared->frames, one->frames);
            QCOMPARE(shared->skipped, one->skipped);
            const NpyShardFeatureSource a = one->source(), b = shared->source();
            std::vector<float> expected(a.rowCount() * a.dimension()), actual(b.rowCount() * b.dimension());
            QCOMPARE(actual.size(), expected.size());
            a.readRows(0, a.rowCount(), expected.data());
            b.readRows(0, b.rowCount(), actual.data());
            M2DS_COMPARE_ARRAYS(test::compareArrays(actual.data(), expected.data(), expected.size()), (test::Tolerance{1e-4, 1e-5}));
        }
    }
};

QTEST_GUILESS_MAIN(TestFeatureDump)
#include "tst_FeatureDump.moc"
