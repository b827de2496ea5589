// Assigning rows to a codebook (nearest id, its distance, the runner-up's) and the cluster quality measures:
// inertia and sizes against sklearn, phone purity / cluster purity / PNMI against the plain-Python reference written
// from the HuBERT paper's definitions (tests/golden/cluster/make_kmeans_references.py), and the errors.
#include <QtTest>
#include <cmath>
#include <limits>

#include "ArrayComparison.h"
#include "ClusterFixtures.h"
#include "cluster/ClusterAssigner.h"
#include "cluster/ClusterQuality.h"
#include "features/InMemoryFeatureSource.h"
#include "common/Errors.h"

using namespace m2ds;

namespace {

/// Exact squared distances (float64) of every row to every centroid, [n, k].
std::vector<double> exactDistances(const FloatArray& rows, const FloatArray& centroids) {
    const std::size_t n = rows.shape[0], k = centroids.shape[0], d = rows.shape[1];
    std::vector<double> out(n * k, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t c = 0; c < k; ++c)
            for (std::size_t j = 0; j < d; ++j) {
                const double diff = double(rows.values[i * d + j]) - double(centroids.values[c * d + j]);
                out[i * k + c] += diff * diff;
            }
    return out;
}

}  // namespace

class TestClusterAssignment : public QObject {
    Q_OBJECT
private slots:
    void assignsSklearnLabelsWithTheirDistances() {
        const FloatArray& features = test::kmeansReference("features");
        const FloatArray& centroids = test::kmeansReference("lloyd_centroids");
        const Assignments result = ClusterAssigner(centroids, "cpu", 300).assign(InMemoryFeatureSource(features));
        QCOMPARE(result.labels, test::kmeansReferenceLabels("lloyd_labels"));
        const std::vector<double> exact = exactDistances(features, centroids);
        std::vector<float> nearest, second;
        for (std::size_t i = 0; i < result.labels.size(); ++i) {
            std::vector<double> row(exact.begin() + long(i * 8), exact.begin() + long(i * 8 + 8));
            std::sort(row.begin(), row.end());
            nearest.push_back(float(row[0]));
            second.push_back(float(row[1]));
        }
        // Squared distances of a few hundred from ||x||² − 2x·c + ||c||² in float32: a few 1e-5 of rounding.
        const test::Tolerance distance{2e-3, 2e-4};
        M2DS_COMPARE_ARRAYS(test::compareArrays(result.distances.data(), nearest.data(), nearest.size()), distance);
        M2DS_COMPARE_ARRAYS(test::compareArrays(result.secondDistances.data(), second.data(), second.size()), distance);
        const double inertia = ClusterQuality::inertia(result.distances);
        QVERIFY2(std::abs(inertia / test::kmeansReference("lloyd_scalars").values[0] - 1.0) < 1e-5, qPrintable(QString::number(inertia)));
    }

    void blocksCoverEveryRowOnce() {
        const FloatArray& features = test::kmeansReference("features");
        const ClusterAssigner assigner(test::kmeansReference("lloyd_centroids"), "cpu", 333);
        std::size_t next = 0;
        assigner.forEachBlock(InMemoryFeatureSource(features), [&next](std::size_t first, const Assignments& block) {
            QCOMPARE(first, next);
            QVERIFY(block.labels.size() <= 333);
            next += block.labels.size();
        });
        QCOMPARE(next, std::size_t{2000});
    }

    void oneCentroidHasNoRunnerUp() {
        const Assignments result = ClusterAssigner(FloatArray{{1, 2}, {1.0f, 1.0f}}).assign(InMemoryFeatureSource(FloatArray{{2, 2}, {1, 1, 4, 5}}));
        QCOMPARE(result.labels, (std::vector<std::int32_t>{0, 0}));
        QCOMPARE(result.distances, (std::vector<float>{0.0f, 25.0f}));
        QVERIFY(std::isinf(result.secondDistances[0]) && std::isinf(result.secondDistances[1]));
    }

    void clusterSizesAreAHistogram() {
        const std::vector<std::int64_t> sizes = ClusterQuality::clusterSizes(test::kmeansReferenceLabels("lloyd_labels"), 8);
        QCOMPARE(sizes, (std::vector<std::int64_t>{500, 150, 100, 250, 249, 251, 250, 250}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClusterQuality::clusterSizes({0, 8}, 8));
    }

    void purityAndPnmiMatchThePaperDefinitions() {
        const LabelAgreement agreement = ClusterQuality::agreement(test::kmeansReferenceLabels("phones"), test::kmeansReferenceLabels("lloyd_labels"));
        const FloatArray& expected = test::kmeansReference("quality");  // phone purity, cluster purity, PNMI
        const float actual[3] = {float(agreement.phonePurity), float(agreement.clusterPurity), float(agreement.pnmi)};
        M2DS_COMPARE_ARRAYS(test::compareArrays(actual, expected.values.data(), 3), (test::Tolerance{1e-6, 1e-6}));
        QCOMPARE(agreement.frames, std::size_t{2000});
        QCOMPARE(agreement.labelClasses, std::size_t{16});
        QCOMPARE(agreement.clusterClasses, std::size_t{8});
    }

    void purityAndPnmiOfAHandWorkedExample() {
        // p(y,z): (0,0) 1/2, (1,0) 1/4, (1,1) 1/4. Phone purity 1/2 + 1/4, cluster purity 1/2 + 1/4, H(y) = ln 2,
        // I = 1/2 ln(4/3) + 1/4 ln(2/3) + 1/4 ln 2.
        const LabelAgreement agreement = ClusterQuality::agreement({0, 0, 1, 1}, {0, 0, 0, 1});
        const double mutual = 0.5 * std::log(4.0 / 3.0) + 0.25 * std::log(2.0 / 3.0) + 0.25 * std::log(2.0);
        QCOMPARE(agreement.phonePurity, 0.75);
        QCOMPARE(agreement.clusterPurity, 0.75);
        QVERIFY(std::abs(agreement.mutualInformation - mutual) < 1e-12);
        QVERIFY(std::abs(agreement.labelEntropy - std::log(2.0)) < 1e-12);
        QVERIFY(std::abs(agreement.pnmi - mutual / std::log(2.0)) < 1e-12);
        const LabelAgreement perfect = ClusterQuality::agreement({3, 3, 7}, {1, 1, 0});
        QCOMPARE(perfect.pnmi, 1.0);
        QCOMPARE(perfect.phonePurity, 1.0);
    }

    void badInputsAreClearErrors() {
        try {
            ClusterQuality::agreement({1, 2, 3}, {0, 1});
            QFAIL("mismatched lengths accepted");
        } catch (const InvalidArgument& error) {
            QCOMPARE(QString(error.what()), QString("cluster quality needs one reference label per frame: 3 labels for 2 clustered frames"));
        }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClusterQuality::agreement({}, {}));
        const ClusterAssigner assigner(test::kmeansReference("lloyd_centroids"));
        try {
            assigner.assign(InMemoryFeatureSource(FloatArray{{2, 3}, std::vector<float>(6, 0.0f)}, "small.npy"));
            QFAIL("D mismatch accepted");
        } catch (const InputError& error) {
            QCOMPARE(QString(error.what()), QString("small.npy: the features have D = 3 columns but the centroids have D = 16"));
        }
        FloatArray rows{{3, 16}, std::vector<float>(48, 0.0f)};
        rows.values[2 * 16 + 5] = std::numeric_limits<float>::quiet_NaN();
        try {
            assigner.assign(InMemoryFeatureSource(rows, "rows.npy"));
            QFAIL("NaN accepted");
        } catch (const InputError& error) {
            QVERIFY2(QString(error.what()).startsWith("rows.npy: row 2 has a non-finite value") && QString(error.what()).contains("column 5"), error.what());
        }
        FloatArray centroids = test::kmeansReference("lloyd_centroids");
        centroids.values[3] = std::numeric_limits<float>::infinity();
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClusterAssigner{centroids});
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClusterAssigner(FloatArray{{0, 16}, {}}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, ClusterAssigner(test::kmeansReference("lloyd_centroids"), "tpu:0"));
    }
};

QTEST_GUILESS_MAIN(TestClusterAssignment)
#include "tst_ClusterAssignment.moc"
