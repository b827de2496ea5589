// Feature sources: fairseq's dump layout (.npy shards + .len) read by row ranges and gathered rows exactly as the
// matrix in memory, rows named by file and utterance in errors, fairseq's --percent utterance sampling, subsets,
// and the errors for malformed dumps.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <limits>
#include <numeric>

#include "ClusterFixtures.h"
#include "features/FeatureBlocks.h"
#include "features/InMemoryFeatureSource.h"
#include "features/NpyShardFeatureSource.h"
#include "features/RowSubsetSource.h"
#include "features/UtteranceSampling.h"
#include "common/Errors.h"
#include "common/NpyFile.h"

using namespace m2ds;

namespace {

std::vector<float> rowsOf(const FeatureSource& source, std::size_t first, std::size_t count) {
    std::vector<float> out(count * source.dimension());
    source.readRows(first, count, out.data());
    return out;
}

std::vector<float> gathered(const FeatureSource& source, const std::vector<std::size_t>& rows) {
    std::vector<float> out(rows.size() * source.dimension());
    source.gatherRows(rows, out.data());
    return out;
}

void writeText(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

template <typename Call>
QString inputErrorOf(Call call) {
    try {
        call();
    } catch (const InputError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

std::size_t totalRows(const std::vector<RowRange>& ranges) {
    return std::accumulate(ranges.begin(), ranges.end(), std::size_t{0}, [](std::size_t n, const RowRange& r) { return n + r.count; });
}

}  // namespace

class TestFeatureSources : public QObject {
    Q_OBJECT
private slots:
    void shardsReadAsTheMatrixInMemory() {
        QTemporaryDir dir;
        const FloatArray& features = test::kmeansReference("features");
        test::writeFeatureShards(dir.path(), features, {700, 0, 1300}, 97);
        const NpyShardFeatureSource shards = NpyShardFeatureSource::fairseqLayout(dir.path().toStdString(), "train", 3);
        const InMemoryFeatureSource memory(features);
        QCOMPARE(shards.rowCount(), std::size_t{2000});
        QCOMPARE(shards.dimension(), std::size_t{16});
        QCOMPARE(shards.shardCount(), std::size_t{3});
        QVERIFY(rowsOf(shards, 0, 2000) == features.values);
        QVERIFY(rowsOf(shards, 650, 100) == rowsOf(memory, 650, 100));  // across the shard boundary
        const std::vector<std::size_t> rows{1999, 3, 700, 699, 4, 4, 5, 1200, 0};
        QVERIFY(gathered(shards, rows) == gathered(memory, rows));
        const auto utterances = shards.utterances();
        QCOMPARE(utterances[0].size(), std::size_t{8});  // 7 × 97 + 21
        QCOMPARE(utterances[1].size(), std::size_t{0});
        QCOMPARE(utterances[2].front().first, std::size_t{700});
        QCOMPARE(utterances[2].back().count, std::size_t{1300 - 13 * 97});
        const RowLocation location = shards.locate(700 + 97 * 2 + 5);
        QVERIFY(QString::fromStdString(location.file).endsWith("train_2_3.npy"));
        QCOMPARE(QString::fromStdString(location.where), QString("row 199 (utterance 2, frame 5)"));
    }

    void aMissingLengthFileIsOneUtteranceWhenAllowed() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("features.npy").toStdString();
        const FloatArray& features = test::kmeansReference("features");
        NpyFile::writeFloat32(path, {2000, 16}, features.values.data());
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource{{path}}; }).contains("features.len: cannot open"));
        const NpyShardFeatureSource single({path}, /*requireLengths=*/false);
        QCOMPARE(single.utterances().front().size(), std::size_t{1});
        QCOMPARE(single.label(), path);
    }

    void nonFiniteValuesNameTheFileAndUtterance() {
        QTemporaryDir dir;
        FloatArray features = test::kmeansReference("features");
        features.values[(700 + 100) * 16 + 2] = std::numeric_limits<float>::infinity();
        const NpyShardFeatureSource shards(test::writeFeatureShards(dir.path(), features, {700, 1300}, 50));
        const QString error = inputErrorOf([&] { FeatureBlocks(shards, 64).forEach([](std::size_t, std::size_t, const float*) {}); });
        QVERIFY2(error.contains("train_1_2.npy: row 100 (utterance 2, frame 0) has a non-finite value (inf) in column 2"), qPrintable(error));
        QVERIFY(!inputErrorOf([&] { FeatureBlocks(shards, 64).gather({5, 800}); }).isEmpty());
    }

    void malformedDumpsAreClearErrors() {
        QTemporaryDir dir;
        const FloatArray& features = test::kmeansReference("features");
        const auto paths = test::writeFeatureShards(dir.path(), features, {100, 50}, 30);
        const std::string second = paths[1].substr(0, paths[1].size() - 4);
        writeText(second + ".len", "30\n30\n");
        QCOMPARE(inputErrorOf([&] { NpyShardFeatureSource{paths}; }),
                 QString::fromStdString(second + ".len: the frame counts add up to 60 but " + paths[1] + " has 50 rows"));
        writeText(second + ".len", "30\nx20\n");
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource{paths}; }).contains("line 2 is not a frame count: 'x20'"));
        NpyFile::writeFloat32(paths[1], {50, 8}, features.values.data());
        writeText(second + ".len", "50\n");
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource{paths}; }).contains("rows have D = 8 columns but"));
        NpyFile::writeFloat32(paths[1], {50, 16}, features.values.data());
        QVERIFY(QFile::resize(QString::fromStdString(paths[1]), 1000));
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource{paths}; }).contains("truncated"));
        NpyFile::writeFloat32(paths[1], {50, 2, 8}, features.values.data());
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource{paths}; }).contains("[N, D] matrix"));
        QFile::remove(QString::fromStdString(paths[1]));
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource{paths}; }).contains("cannot open"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, NpyShardFeatureSource{std::vector<std::string>{}});
    }

    void float64DumpsAreRejected() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("f8.npy").toStdString();
        std::string bytes = NpyFile::encode({2, 2}, std::vector<float>(4, 1.0f).data());
        const auto at = bytes.find("<f4");
        bytes.replace(at, 3, "<f8");
        bytes.append(16, '\0');
        writeText(path, bytes);
        QVERIFY(inputErrorOf([&] { NpyShardFeatureSource({path}, false); }).contains("features must be float32 ('<f4'), the file holds '<f8'"));
    }

    void percentSamplesUtterancesAsFairseq() {
        std::vector<std::vector<RowRange>> utterances(2);
        for (std::size_t i = 0; i < 10; ++i) utterances[0].push_back({i * 10, 10});
        for (std::size_t i = 0; i < 7; ++i) utterances[1].push_back({100 + i * 5, 5});
        const auto sample = sampleUtterances(utterances, 0.25, 1);
        // fairseq's ceil(len · percent) per shard: ceil(10 · 0.25) = 3, ceil(7 · 0.25) = 2.
        QCOMPARE(sample.size(), std::size_t{5});
        QCOMPARE(totalRows(sample), std::size_t{3 * 10 + 2 * 5});
        QVERIFY(std::is_sorted(sample.begin(), sample.end(), [](const RowRange& a, const RowRange& b) { return a.first < b.first; }));
        QCOMPARE(std::count_if(sample.begin(), sample.end(), [](const RowRange& r) { return r.first >= 100; }), 2L);
        const auto again = sampleUtterances(utterances, 0.25, 1);
        QVERIFY(std::equal(sample.begin(), sample.end(), again.begin(), [](const RowRange& a, const RowRange& b) { return a.first == b.first; }));
        bool differs = false;
        for (std::uint64_t seed = 2; seed < 6 && !differs; ++seed) {
            const auto other = sampleUtterances(utterances, 0.25, seed);
            differs = !std::equal(sample.begin(), sample.end(), other.begin(), [](const RowRange& a, const RowRange& b) { return a.first == b.first; });
        }
        QVERIFY(differs);
        QCOMPARE(sampleUtterances(utterances, -1.0, 1).size(), std::size_t{17});
        QCOMPARE(sampleUtterances(utterances, 1.0, 1).size(), std::size_t{17});
        QCOMPARE(sampleUtterances(utterances, 0.0, 1).size(), std::size_t{0});
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, sampleUtterances(utterances, 1.5, 1));
    }

    void subsetsReadTheirRangesInOrder() {
        const FloatArray& features = test::kmeansReference("features");
        const InMemoryFeatureSource memory(features, "memory");
        const RowSubsetSource subset(memory, {{10, 3}, {13, 2}, {0, 0}, {100, 4}});
        QCOMPARE(subset.rowCount(), std::size_t{9});
        QCOMPARE(subset.baseRow(4), std::size_t{14});
        QCOMPARE(subset.baseRow(5), std::size_t{100});
        QVERIFY(rowsOf(subset, 3, 4) == gathered(memory, {13, 14, 100, 101}));
        QVERIFY(gathered(subset, {8, 0, 0}) == gathered(memory, {103, 10, 10}));
        QCOMPARE(QString::fromStdString(subset.locate(6).where), QString("row 101"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, RowSubsetSource(memory, {{1999, 2}}));
    }
};

QTEST_GUILESS_MAIN(TestFeatureSources)
#include "tst_FeatureSources.moc"
