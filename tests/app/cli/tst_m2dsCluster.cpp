// `m2ds cluster learn/assign/score` end to end on real speech (asterisk digits in three languages): features from
// MFCCs, the demo model's layers, a HuBERT folder's hidden states and an .npy; the files fairseq's HuBERT recipe reads; scores against label CSVs
// and TextGrids; and the bad inputs of issue 10 each a clear message with exit 1 or 2.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "ProcessJob.h"
#include "TestData.h"
#include "common/NpyFile.h"
#include "labels/TextGrid.h"

using namespace m2ds;

namespace {

const QString kDigits = "/usr/share/asterisk/sounds/%1/digits/%2.wav";
const QStringList kLanguages{"en_US_f_Allison", "es_MX_f_Allison", "fr_CA_f_June"};

using Run = test::ProcessRun;

Run m2dsRun(const QStringList& arguments) { return test::runProgram(QStringLiteral(M2DS_EXECUTABLE), arguments); }

QJsonObject readJson(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList lines(const QString& path) {
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    QStringList result = QString::fromUtf8(file.readAll()).split('\n');
    if (!result.isEmpty() && result.last().isEmpty()) result.removeLast();
    return result;
}

}  // namespace

class TestM2dsCluster : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        speech_ = dir_.filePath("speech");
        QDir().mkpath(speech_);
        for (const QString& language : kLanguages) {
            M2DS_REQUIRE_RECORDING(kDigits.arg(language, "0"), "asterisk-core-sounds-" + language.left(2) + "-wav");
            for (int digit = 0; digit < 5; ++digit)
                QVERIFY(QFile::copy(kDigits.arg(language).arg(digit), speech_ + QString("/%1_%2.wav").arg(language.left(2)).arg(digit)));
        }
        cache_ = dir_.filePath("cache");
    }

    void learnAssignScoreOnMfccs() {
        const QString codebook = dir_.filePath("km");
        Run learn = m2dsRun({"cluster", "learn", speech_, "--mfcc", "-k", "8", "--n_init", "2", "--seed", "3", "--cache", cache_, "-o", codebook});
        QVERIFY2(learn.exitCode == 0, qPrintable(learn.err));
        const FloatArray centroids = NpyFile::readFloat32((codebook + "/centroids.npy").toStdString());
        QCOMPARE(centroids.shape, (std::vector<std::size_t>{8, 39}));
        const QJsonObject description = readJson(codebook + "/kmeans.json");
        QCOMPARE(description["k"].toInt(), 8);
        QCOMPARE(description["utterances"].toInt(), 15);
        QCOMPARE(description["frames_per_second"].toDouble(), 100.0);
        QCOMPARE(description["cluster_sizes"].toArray().size(), 8);
        // The same command again reuses the cached features and learns the same codebook.
        const Run again = m2dsRun({"cluster", "learn", speech_, "--mfcc", "-k", "8", "--n_init", "2", "--seed", "3", "--cache", cache_, "-o", codebook + "2"});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(QDir(cache_).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
        QCOMPARE(NpyFile::readFloat32((codebook + "2/centroids.npy").toStdString()).values, centroids.values);

        const QString labels = dir_.filePath("labels/train");
        const Run assign = m2dsRun({"cluster", "assign", "--centroids", codebook + "/centroids.npy", speech_, "--mfcc", "--cache", cache_, "-o", labels});
        QVERIFY2(assign.exitCode == 0, qPrintable(assign.err));
        const QJsonObject sidecar = readJson(labels + ".km.json");
        const QStringList km = lines(labels + ".km");
        QCOMPARE(km.size(), 15);
        int totalFrames = 0;
        for (int u = 0; u < km.size(); ++u) {
            const QStringList ids = km[u].split(' ');
            QCOMPARE(ids.size(), sidecar["frames"].toArray()[u].toInt());
            totalFrames += ids.size();
            for (const QString& id : ids) QVERIFY(id.toInt() >= 0 && id.toInt() < 8);
        }
        const QStringList dictionary = lines(dir_.filePath("labels/dict.km.txt"));
        QCOMPARE(dictionary.size(), 8);
        int counted = 0;
        for (int id = 0; id < 8; ++id) {
            QCOMPARE(dictionary[id].split(' ')[0].toInt(), id);
            counted += dictionary[id].split(' ')[1].toInt();
        }
        QCOMPARE(counted, totalFrames);
        // Segments: CSV and a TextGrid tier per recording, covering the recording's frames.
        const QString first = QFileInfo(sidecar["files"].toArray()[0].toString()).completeBaseName();
        const auto tier = TextGrid::readIntervalTier((labels + ".segments/" + first + ".TextGrid").toStdString(), "clusters");
        QCOMPARE(tier.items.front().start, 0.0);
        QVERIFY(std::abs(tier.items.back().end - km[0].split(' ').size() / 100.0) < 1e-9);
        QCOMPARE(lines(labels + ".segments/" + first + ".csv").size(), int(tier.items.size()) + 1);

        // Score against one label per recording (its language) and against TextGrids.
        QFile csv(dir_.filePath("languages.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("file,label\n");
        for (const QString& file : QDir(speech_).entryList({"*.wav"})) csv.write((file + "," + file.left(2) + "\n").toUtf8());
        csv.close();
        const Run score = m2dsRun({"cluster", "score", "--km", labels + ".km", "--labels", csv.fileName()});
        QVERIFY2(score.exitCode == 0, qPrintable(score.err));
        QVERIFY2(score.out.contains("3 labels") && score.out.contains("PNMI:") && score.out.contains("cluster sizes"), qPrintable(score.out));
        const double pnmi = QRegularExpression("PNMI: +([0-9.]+)").match(score.out).captured(1).toDouble();
        QVERIFY2(pnmi > 0.0 && pnmi < 1.0, qPrintable(score.out));
        const Run textgrids = m2dsRun({"cluster", "score", "--km", labels + ".km", "--textgrid", labels + ".segments", "--tier", "clusters"});
        QVERIFY2(textgrids.exitCode == 0, qPrintable(textgrids.err));
        QVERIFY2(textgrids.out.contains("phone purity:   1.0000") && textgrids.out.contains("PNMI:           1.0000"), qPrintable(textgrids.out));
    }

    void learnsOnAModelLayerAndAnNpy() {
        const QString demo = test::sourcePath("models/demo/m2d_s_vit_demo-80x208p80x2.safetensors");
        const Run layer = m2dsRun({"cluster", "learn", speech_, "--model", demo, "--layer", "2", "-k", "5", "--percent", "0.5", "--n_init", "1",
                                   "--cache", cache_, "-o", dir_.filePath("layer")});
        QVERIFY2(layer.exitCode == 0, qPrintable(layer.err));
        const QJsonObject description = readJson(dir_.filePath("layer/kmeans.json"));
        QCOMPARE(description["frames_per_second"].toDouble(), 50.0);
        QCOMPARE(description["dimension"].toInt(), 96);
        QVERIFY(description["frames_learnt"].toInt() < description["frames"].toInt());  // --percent 0.5 of the utterances
        QCOMPARE(description["features"].toObject()["extractor"].toObject()["layer"].toInt(), 2);

        std::vector<float> rows(40 * 3);
        for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = float(i % 3 == 0 ? (i / 3) % 2 * 10 : 0.1 * i);
        NpyFile::writeFloat32(dir_.filePath("rows.npy").toStdString(), {40, 3}, rows.data());
        QCOMPARE(m2dsRun({"cluster", "learn", "--features", dir_.filePath("rows.npy"), "-k", "2", "--algorithm", "lloyd", "-o", dir_.filePath("rows")}).exitCode, 0);
        const Run assign = m2dsRun({"cluster", "assign", "--centroids", dir_.filePath("rows/centroids.npy"), "--features", dir_.filePath("rows.npy"), "-o",
                                    dir_.filePath("ids")});
        QVERIFY2(assign.exitCode == 0, qPrintable(assign.err));
        QFile ids(dir_.filePath("ids.npy"));
        QVERIFY(ids.open(QIODevice::ReadOnly));
        QVERIFY(ids.readAll().contains("'descr': '<i8'"));
    }

    void learnsOnAHubertFolderLayer() {
        // A folder with config.json is a HuBERT model: hidden_states[1] of the whole recording, as `m2ds extract` gives it.
        const QString hubert = test::sourcePath("tests/golden/hubert/tiny/base");
        const Run learn = m2dsRun({"cluster", "learn", speech_, "--model", hubert, "--layer", "1", "-k", "4", "--n_init", "1", "--cache", cache_,
                                   "-o", dir_.filePath("hubert")});
        QVERIFY2(learn.exitCode == 0, qPrintable(learn.err));
        const QJsonObject description = readJson(dir_.filePath("hubert/kmeans.json"));
        QCOMPARE(description["frames_per_second"].toDouble(), 50.0);
        QCOMPARE(description["dimension"].toInt(), 32);
        const QJsonObject features = description["features"].toObject();
        const QJsonObject extractor = features["extractor"].toObject();
        QCOMPARE(extractor["kind"].toString(), QString("hubert_layer"));
        QCOMPARE(extractor["layer"].toInt(), 1);
        QVERIFY(extractor["checkpoint"].toString().endsWith("model.safetensors"));
        QCOMPARE(extractor["checkpoint_sha256"].toString().size(), 64);

        const QJsonObject dump = readJson(features["feature_dump"].toString() + "/dump.json");
        const QString first = dump["files"].toArray()[0].toString();
        const Run extract = m2dsRun({"extract", "--model", hubert, "--layers", "1", first, "-o", dir_.filePath("first.npy")});
        QVERIFY2(extract.exitCode == 0, qPrintable(extract.err));
        const FloatArray expected = NpyFile::readFloat32(dir_.filePath("first.npy").toStdString());
        const FloatArray dumped = NpyFile::readFloat32((features["feature_dump"].toString() + "/features.npy").toStdString());
        QCOMPARE(std::size_t(dump["frames"].toArray()[0].toInt()), expected.shape[0]);
        QVERIFY(std::equal(expected.values.begin(), expected.values.end(), dumped.values.begin()));

        const Run badLayer = m2dsRun({"cluster", "learn", speech_, "--model", hubert, "--layer", "3", "-k", "4", "--cache", cache_, "-o", dir_.filePath("x")});
        QVERIFY(badLayer.exitCode != 0);
        QVERIFY2(badLayer.err.contains("layer 3") && badLayer.err.contains("0 = transformer input .. 2"), qPrintable(badLayer.err));
    }

    // torchrun-style jobs of two processes (c10d Gloo over 127.0.0.1): one codebook, the same as one process learns;
    // labels of disjoint shards that concatenate to the single process's .km, and one dict.km.txt for the job.
    void twoProcessesMatchOneProcess() {
        std::vector<float> rows(3000 * 6);
        for (std::size_t i = 0; i < 3000; ++i)
            for (std::size_t j = 0; j < 6; ++j) rows[i * 6 + j] = float((i % 5) * 4 + (j == i % 6 ? 1 : 0)) + 0.01f * float((i * 7 + j * 3) % 11);
        NpyFile::writeFloat32(dir_.filePath("blobs.npy").toStdString(), {3000, 6}, rows.data());
        const QStringList learn{"cluster", "learn", "--features", dir_.filePath("blobs.npy"), "-k", "5", "--batch_size", "400", "--n_init", "2", "--seed", "9"};
        QCOMPARE(m2dsRun(learn + QStringList{"-o", dir_.filePath("one")}).exitCode, 0);
        const test::JobOutcome job = test::runJob(QStringLiteral(M2DS_EXECUTABLE), learn + QStringList{"-o", dir_.filePath("two")}, 2);
        QVERIFY(job.finished);
        for (int rank = 0; rank < 2; ++rank) QVERIFY2(job.exitCodes[std::size_t(rank)] == 0, qPrintable(job.err[rank]));
        QVERIFY2(job.out[1].contains("rank 1 of 2 done"), qPrintable(job.out[1]));
        const FloatArray single = NpyFile::readFloat32(dir_.filePath("one/centroids.npy").toStdString());
        const FloatArray pair = NpyFile::readFloat32(dir_.filePath("two/centroids.npy").toStdString());
        QCOMPARE(pair.shape, single.shape);
        for (std::size_t i = 0; i < single.values.size(); ++i)  // only the order of float64 additions differs
            QVERIFY2(std::abs(pair.values[i] - single.values[i]) <= 1e-5f, qPrintable(QString::number(i)));
        QCOMPARE(readJson(dir_.filePath("two/kmeans.json"))["processes"].toInt(), 2);

        const QStringList assign{"cluster", "assign", "--centroids", dir_.filePath("km/centroids.npy"), speech_, "--mfcc", "--cache", cache_};
        QCOMPARE(m2dsRun(assign + QStringList{"-o", dir_.filePath("single/train")}).exitCode, 0);
        const test::JobOutcome labels = test::runJob(QStringLiteral(M2DS_EXECUTABLE), assign + QStringList{"-o", dir_.filePath("shards/train")}, 2);
        for (int rank = 0; rank < 2; ++rank) QVERIFY2(labels.exitCodes[std::size_t(rank)] == 0, qPrintable(labels.err[rank]));
        QCOMPARE(lines(dir_.filePath("shards/train_0_2.km")) + lines(dir_.filePath("shards/train_1_2.km")), lines(dir_.filePath("single/train.km")));
        QCOMPARE(lines(dir_.filePath("shards/dict.km.txt")), lines(dir_.filePath("single/dict.km.txt")));
    }

    void badInputsAreClearMessages() {
        NpyFile::writeFloat32(dir_.filePath("five.npy").toStdString(), {5, 3}, std::vector<float>(15, 1.0f).data());
        const Run tooMany = m2dsRun({"cluster", "learn", "--features", dir_.filePath("five.npy"), "-k", "10", "-o", dir_.filePath("x")});
        QCOMPARE(tooMany.exitCode, 1);
        QVERIFY2(tooMany.err.contains("five.npy") && tooMany.err.contains("k = 10"), qPrintable(tooMany.err));

        std::vector<float> withNan(15, 1.0f);
        withNan[7] = std::nanf("");
        NpyFile::writeFloat32(dir_.filePath("nan.npy").toStdString(), {5, 3}, withNan.data());
        const Run nan = m2dsRun({"cluster", "learn", "--features", dir_.filePath("nan.npy"), "-k", "2", "-o", dir_.filePath("x")});
        QCOMPARE(nan.exitCode, 1);
        QVERIFY2(nan.err.contains("nan.npy") && nan.err.contains("row 2"), qPrintable(nan.err));

        NpyFile::writeFloat32(dir_.filePath("c4.npy").toStdString(), {2, 4}, std::vector<float>(8, 0.0f).data());
        const Run mismatch = m2dsRun({"cluster", "assign", "--centroids", dir_.filePath("c4.npy"), "--features", dir_.filePath("five.npy"), "-o", dir_.filePath("y")});
        QCOMPARE(mismatch.exitCode, 1);
        QVERIFY2(mismatch.err.contains("D = 3") && mismatch.err.contains("D = 4"), qPrintable(mismatch.err));

        QDir().mkpath(dir_.filePath("empty"));
        const Run empty = m2dsRun({"cluster", "learn", dir_.filePath("empty"), "--mfcc", "-k", "2", "--cache", cache_, "-o", dir_.filePath("x")});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.err.contains("empty"), qPrintable(empty.err));

        const Run noKind = m2dsRun({"cluster", "learn", speech_, "-k", "2", "-o", dir_.filePath("x")});
        QCOMPARE(noKind.exitCode, 2);
        QVERIFY2(noKind.err.contains("choose one of"), qPrintable(noKind.err));

        QDir().mkpath(dir_.filePath("grids"));
        QFile broken(dir_.filePath("grids/en_0.TextGrid"));
        broken.open(QIODevice::WriteOnly);
        broken.write("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n0\n");
        broken.close();
        const Run unreadable = m2dsRun({"cluster", "score", "--km", dir_.filePath("labels/train.km"), "--textgrid", dir_.filePath("grids")});
        QCOMPARE(unreadable.exitCode, 1);
        QVERIFY2(unreadable.err.contains("en_0.TextGrid"), qPrintable(unreadable.err));
        QVERIFY(!QFileInfo::exists(dir_.filePath("x/centroids.npy")));  // no failed run left an output behind
    }

private:
    QTemporaryDir dir_;
    QString speech_;
    QString cache_;
};

QTEST_GUILESS_MAIN(TestM2dsCluster)
#include "tst_m2dsCluster.moc"
