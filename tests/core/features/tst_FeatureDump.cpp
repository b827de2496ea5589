// Feature dumps: fairseq's .npy + .len written without knowing the row count up front, read back row for row; the
// cache computes once, reuses a complete dump, recomputes when a file changes, and lists unusable files.
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>
#include <sndfile.h>

#include "AudioFixtures.h"
#include "audio/KaldiMfcc.h"
#include "common/Errors.h"
#include "common/ProgressMonitor.h"
#include "features/FeatureDump.h"
#include "features/FeatureDumpWriter.h"
#include "features/MfccFeatures.h"
#include "features/NpyShardFeatureSource.h"

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
};

QTEST_GUILESS_MAIN(TestFeatureDump)
#include "tst_FeatureDump.moc"
