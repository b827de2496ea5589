// Linear CKA against the published formula (Kornblith et al. 2019) computed in the Python reference, in both the
// pairwise and the matrix form (one model, and A/B between models of different widths); CKA(X, X) = 1 and invariance
// to an orthogonal map and an isotropic scale; bad shapes are refused.
#include <QtTest>
#include <cmath>
#include <random>

#include "ProbeFixtures.h"
#include "common/Errors.h"
#include "probe/LinearCka.h"

using namespace m2ds;

namespace {

// Float64 sums of float32 inputs: ours and numpy's differ by rounding order only (~1e-15 relative); the bound leaves
// room for BLAS kernels that sum in other orders.
constexpr double kCka = 1e-9;

/// x·Q·s for a random orthogonal Q [d, d] (Gram–Schmidt of a seeded Gaussian matrix) and a scale s.
RowMatrix rotatedAndScaled(const RowMatrix& x, double scale) {
    const std::size_t d = x.cols;
    std::mt19937 random(11);
    std::normal_distribution<double> normal;
    std::vector<double> q(d * d);
    for (double& v : q) v = normal(random);
    for (std::size_t i = 0; i < d; ++i) {  // orthonormal rows
        for (std::size_t j = 0; j < i; ++j) {
            double dot = 0.0;
            for (std::size_t k = 0; k < d; ++k) dot += q[i * d + k] * q[j * d + k];
            for (std::size_t k = 0; k < d; ++k) q[i * d + k] -= dot * q[j * d + k];
        }
        double norm = 0.0;
        for (std::size_t k = 0; k < d; ++k) norm += q[i * d + k] * q[i * d + k];
        for (std::size_t k = 0; k < d; ++k) q[i * d + k] /= std::sqrt(norm);
    }
    RowMatrix out{x.rows, d, std::vector<float>(x.values.size())};
    for (std::size_t r = 0; r < x.rows; ++r)
        for (std::size_t j = 0; j < d; ++j) {
            double sum = 0.0;
            for (std::size_t k = 0; k < d; ++k) sum += double(x.row(r)[k]) * q[k * d + j];
            out.values[r * d + j] = float(scale * sum);
        }
    return out;
}

}  // namespace

class TestLinearCka : public QObject {
    Q_OBJECT
private slots:
    void pairsMatchThePublishedFormula() {
        const std::vector<RowMatrix> a = test::probeLayers("cka_layers_a"), b = test::probeLayers("cka_layers_b");
        const FloatArray& ab = test::probeReference("cka_ab");
        for (std::size_t i = 0; i < a.size(); ++i)
            for (std::size_t j = 0; j < b.size(); ++j) {
                const double ours = LinearCka::between(a[i], b[j]);
                QVERIFY2(std::abs(ours - ab.values[i * b.size() + j]) < 1e-6, qPrintable(QString("%1 vs %2").arg(ours).arg(ab.values[i * b.size() + j])));
            }
    }

    void matricesMatchThePairs() {
        // The reference stores float32; the pairwise form (float64) is the tight comparison for the matrix form.
        const std::vector<RowMatrix> a = test::probeLayers("cka_layers_a"), b = test::probeLayers("cka_layers_b");
        const std::vector<double> self = LinearCka::matrix(a, a);
        const std::vector<double> cross = LinearCka::matrix(a, b);
        const FloatArray& aa = test::probeReference("cka_aa");
        QCOMPARE(self.size(), std::size_t(9));
        QCOMPARE(cross.size(), std::size_t(6));
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(std::abs(self[i * 3 + i] - 1.0) < kCka);
            for (std::size_t j = 0; j < 3; ++j) {
                QVERIFY(std::abs(self[i * 3 + j] - self[j * 3 + i]) < kCka);
                QVERIFY(std::abs(self[i * 3 + j] - aa.values[i * 3 + j]) < 1e-6);
                QVERIFY(std::abs(self[i * 3 + j] - LinearCka::between(a[i], a[j])) < kCka);
            }
            for (std::size_t j = 0; j < 2; ++j) QVERIFY(std::abs(cross[i * 2 + j] - LinearCka::between(a[i], b[j])) < kCka);
        }
        const std::vector<RowMatrix> copy = a;  // another vector: the general path, not the symmetric one
        const std::vector<double> general = LinearCka::matrix(a, copy);
        for (std::size_t k = 0; k < 9; ++k) QVERIFY(std::abs(general[k] - self[k]) < kCka);
    }

    void identityOrthogonalMapsAndScaleGiveOne() {
        const RowMatrix x = test::probeLayers("cka_layers_a")[1];
        QVERIFY(std::abs(LinearCka::between(x, x) - 1.0) < kCka);
        const RowMatrix moved = rotatedAndScaled(x, 3.5);
        // x·Q·s in float32 (rounding ~1e-7 relative) against x.
        QVERIFY2(std::abs(LinearCka::between(x, moved) - 1.0) < 1e-6, qPrintable(QString::number(LinearCka::between(x, moved) - 1.0, 'g', 3)));
        const RowMatrix other = test::probeLayers("cka_layers_b")[0];
        QVERIFY(std::abs(LinearCka::between(moved, other) - LinearCka::between(x, other)) < 1e-6);
    }

    void constantRepresentationIsNotANumber() {
        const RowMatrix x = test::probeLayers("cka_layers_a")[0];
        const RowMatrix constant{x.rows, 4, std::vector<float>(x.rows * 4, 2.0f)};
        QVERIFY(std::isnan(LinearCka::between(x, constant)));
    }

    void badShapesAreRefused() {
        const RowMatrix x = test::probeLayers("cka_layers_a")[0];
        const RowMatrix fewer{10, 20, std::vector<float>(200, 1.0f)};
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LinearCka::between(x, fewer));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LinearCka::matrix({x}, {}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, LinearCka::matrix({x, fewer}, {x}));
    }
};

QTEST_GUILESS_MAIN(TestLinearCka)
#include "tst_LinearCka.moc"
