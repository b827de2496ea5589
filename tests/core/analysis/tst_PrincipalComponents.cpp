// PCA against an analytic SVD: rows X = U·diag(s)·Vᵀ + m with U's columns orthonormal and orthogonal to the ones
// vector (so X is centred around m) and V's orthonormal; then the covariance's eigenvectors are V's columns and its
// eigenvalues s²/(n − 1), exactly. Also the sign convention, the projection and the RGB / cosine helpers for frames.
#include <QtTest>
#include <random>

#include "analysis/FrameColouring.h"
#include "analysis/PrincipalComponents.h"
#include "common/Errors.h"

using namespace m2ds;

namespace {

/// Orthonormal columns [rows, count] (column-major) from Gram–Schmidt on random vectors, all orthogonal to `against`.
std::vector<std::vector<double>> orthonormal(std::size_t rows, std::size_t count, std::mt19937& random, const std::vector<double>& against) {
    std::normal_distribution<double> normal;
    std::vector<std::vector<double>> basis;
    if (!against.empty()) basis.push_back(against);
    while (basis.size() < count + (against.empty() ? 0 : 1)) {
        std::vector<double> v(rows);
        for (double& x : v) x = normal(random);
        for (const auto& b : basis) {
            double dot = 0.0;
            for (std::size_t i = 0; i < rows; ++i) dot += v[i] * b[i];
            for (std::size_t i = 0; i < rows; ++i) v[i] -= dot * b[i];
        }
        double length = 0.0;
        for (double x : v) length += x * x;
        for (double& x : v) x /= std::sqrt(length);
        basis.push_back(v);
    }
    if (!against.empty()) basis.erase(basis.begin());
    return basis;
}

}  // namespace

class TestPrincipalComponents : public QObject {
    Q_OBJECT
private slots:
    void matchesAnAnalyticSvd() {
        const std::size_t n = 300, d = 24;
        const std::vector<double> s{40.0, 25.0, 12.0, 5.0, 2.0, 1.0};
        std::mt19937 random(4);
        const auto u = orthonormal(n, s.size(), random, std::vector<double>(n, 1.0 / std::sqrt(double(n))));
        const auto v = orthonormal(d, s.size(), random, {});
        RowMatrix x{n, d, std::vector<float>(n * d)};
        std::vector<double> rows(n * d);
        for (std::size_t r = 0; r < n; ++r)
            for (std::size_t i = 0; i < d; ++i) {
                double value = 0.5 * double(i) - 3.0;  // the mean
                for (std::size_t k = 0; k < s.size(); ++k) value += u[k][r] * s[k] * v[k][i];
                x.values[r * d + i] = float(value);
            }
        const PrincipalComponents pca = PrincipalComponents::fit(x, 3);
        QCOMPARE(pca.components(), 3);
        for (int k = 0; k < 3; ++k) {
            const double expected = s[std::size_t(k)] * s[std::size_t(k)] / double(n - 1);
            QVERIFY2(std::abs(pca.variances()[std::size_t(k)] / expected - 1.0) < 1e-5, qPrintable(QString::number(pca.variances()[std::size_t(k)])));
            double dot = 0.0;
            for (std::size_t i = 0; i < d; ++i) dot += pca.axes()[std::size_t(k) * d + i] * v[std::size_t(k)][i];
            QVERIFY2(std::abs(std::abs(dot) - 1.0) < 1e-6, qPrintable(QString("axis %1: |cos| %2").arg(k).arg(dot)));
            const double* axis = pca.axes().data() + std::size_t(k) * d;
            QVERIFY(*std::max_element(axis, axis + d, [](double a, double b) { return std::abs(a) < std::abs(b); }) > 0.0);
        }
        for (std::size_t i = 0; i < d; ++i) QVERIFY(std::abs(pca.mean()[i] - (0.5 * double(i) - 3.0)) < 1e-4);
        double total = 0.0;
        for (double value : s) total += value * value / double(n - 1);
        QVERIFY(std::abs(pca.totalVariance() / total - 1.0) < 1e-5);
        const RowMatrix projected = pca.project(x);  // row r projects onto axis k as ±u_k[r]·s_k
        QCOMPARE(projected.cols, std::size_t(3));
        for (std::size_t r = 0; r < n; r += 37)
            QVERIFY(std::abs(std::abs(projected.row(r)[0]) - std::abs(u[0][r] * s[0])) < 1e-3);
    }

    void rejectsBadShapes() {
        const RowMatrix x{1, 4, std::vector<float>(4, 1.0f)};
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, PrincipalComponents::fit(x, 1));
        const RowMatrix y{5, 2, std::vector<float>(10, 1.0f)};
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, PrincipalComponents::fit(y, 3));
    }

    void framesGetColoursAndCosines() {
        RowMatrix projections{101, 3, {}};
        for (int r = 0; r <= 100; ++r) projections.values.insert(projections.values.end(), {float(r), float(-r), 7.0f});
        const std::vector<uint8_t> rgb = FrameColouring::rgb(projections);
        QCOMPARE(rgb.size(), std::size_t(303));
        QCOMPARE(int(rgb[0]), 0);          // below the 2nd percentile: clamped
        QCOMPARE(int(rgb[100 * 3]), 255);  // above the 98th
        QCOMPARE(int(rgb[50 * 3]), 128);
        QCOMPARE(int(rgb[50 * 3 + 1]), 128);
        const RowMatrix frames{3, 2, {1.0f, 0.0f, 0.0f, 2.0f, -3.0f, 0.0f}};
        const std::vector<float> cosine = FrameColouring::cosineTo(frames, 0);
        QCOMPARE(cosine, (std::vector<float>{1.0f, 0.0f, -1.0f}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, FrameColouring::cosineTo(frames, 3));
    }
};

QTEST_APPLESS_MAIN(TestPrincipalComponents)
#include "tst_PrincipalComponents.moc"
