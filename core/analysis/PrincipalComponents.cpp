#include "analysis/PrincipalComponents.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "common/Errors.h"

namespace m2ds {
namespace {

constexpr int kOversampling = 4;
constexpr int kMaxIterations = 500;

/// Column-major [d, m] block of m vectors of length d.
using Block = std::vector<double>;

std::vector<double> covariance(const RowMatrix& x, const std::vector<double>& mean) {
    const std::size_t d = x.cols;
    std::vector<double> c(d * d, 0.0), centred(d);
    for (std::size_t r = 0; r < x.rows; ++r) {
        for (std::size_t i = 0; i < d; ++i) centred[i] = x.row(r)[i] - mean[i];
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t k = i; k < d; ++k) c[i * d + k] += centred[i] * centred[k];
    }
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t k = i; k < d; ++k) c[k * d + i] = c[i * d + k] /= double(x.rows - 1);
    return c;
}

/// Modified Gram–Schmidt on the m columns of `block` [d, m]; a column that vanishes becomes a unit vector.
void orthonormalise(Block& block, std::size_t d, std::size_t m) {
    for (std::size_t j = 0; j < m; ++j) {
        double* column = block.data() + j * d;
        for (int pass = 0; pass < 2; ++pass)
            for (std::size_t p = 0; p < j; ++p) {
                const double* previous = block.data() + p * d;
                const double dot = std::inner_product(column, column + d, previous, 0.0);
                for (std::size_t i = 0; i < d; ++i) column[i] -= dot * previous[i];
            }
        const double length = std::sqrt(std::inner_product(column, column + d, column, 0.0));
        if (length > 1e-300) {
            for (std::size_t i = 0; i < d; ++i) column[i] /= length;
        } else {
            std::fill(column, column + d, 0.0);
            column[j % d] = 1.0;
        }
    }
}

Block multiply(const std::vector<double>& c, const Block& block, std::size_t d, std::size_t m) {
    Block out(d * m, 0.0);
    for (std::size_t j = 0; j < m; ++j)
        for (std::size_t i = 0; i < d; ++i) out[j * d + i] = std::inner_product(c.begin() + std::ptrdiff_t(i * d), c.begin() + std::ptrdiff_t((i + 1) * d), block.begin() + std::ptrdiff_t(j * d), 0.0);
    return out;
}

/// Cyclic Jacobi on the symmetric m × m matrix `a` (row-major): returns eigenvalues, `vectors` gets them as columns.
std::vector<double> jacobiEigen(std::vector<double> a, std::size_t m, std::vector<double>& vectors) {
    vectors.assign(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i) vectors[i * m + i] = 1.0;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0.0;
        for (std::size_t p = 0; p < m; ++p)
            for (std::size_t q = p + 1; q < m; ++q) off += a[p * m + q] * a[p * m + q];
        if (off < 1e-30) break;
        for (std::size_t p = 0; p < m; ++p)
            for (std::size_t q = p + 1; q < m; ++q) {
                if (std::abs(a[p * m + q]) < 1e-300) continue;
                const double theta = (a[q * m + q] - a[p * m + p]) / (2.0 * a[p * m + q]);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double cosine = 1.0 / std::sqrt(t * t + 1.0), sine = t * cosine;
                for (std::size_t k = 0; k < m; ++k) {  // a ← Jᵀ a J, columns then rows
                    const double kp = a[k * m + p], kq = a[k * m + q];
                    a[k * m + p] = cosine * kp - sine * kq;
                    a[k * m + q] = sine * kp + cosine * kq;
                }
                for (std::size_t k = 0; k < m; ++k) {
                    const double pk = a[p * m + k], qk = a[q * m + k];
                    a[p * m + k] = cosine * pk - sine * qk;
                    a[q * m + k] = sine * pk + cosine * qk;
                }
                for (std::size_t k = 0; k < m; ++k) {
                    const double kp = vectors[k * m + p], kq = vectors[k * m + q];
                    vectors[k * m + p] = cosine * kp - sine * kq;
                    vectors[k * m + q] = sine * kp + cosine * kq;
                }
            }
    }
    std::vector<double> values(m);
    for (std::size_t i = 0; i < m; ++i) values[i] = a[i * m + i];
    return values;
}

/// A deterministic start block [d, m]: a fixed pseudo-random sequence (no dependence on global state).
Block startBlock(std::size_t d, std::size_t m) {
    Block block(d * m);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (double& v : block) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        v = double(state >> 11) / double(1ull << 53) - 0.5;
    }
    return block;
}

}  // namespace

PrincipalComponents PrincipalComponents::fit(const RowMatrix& x, int components) {
    const std::size_t d = x.cols;
    if (x.rows < 2 || components < 1 || std::size_t(components) > d || x.values.size() != x.rows * d)
        throw InvalidArgument("PCA needs rows [n ≥ 2, d] and 1 ≤ components ≤ d; got n = " + std::to_string(x.rows) + ", d = " +
                              std::to_string(d) + ", components = " + std::to_string(components));
    PrincipalComponents pca;
    pca.dim_ = d;
    pca.mean_.assign(d, 0.0);
    for (std::size_t r = 0; r < x.rows; ++r)
        for (std::size_t i = 0; i < d; ++i) pca.mean_[i] += x.row(r)[i];
    for (double& v : pca.mean_) v /= double(x.rows);
    const std::vector<double> c = covariance(x, pca.mean_);
    for (std::size_t i = 0; i < d; ++i) pca.totalVariance_ += c[i * d + i];
    const std::size_t m = std::min(d, std::size_t(components + kOversampling));
    Block block = startBlock(d, m);
    orthonormalise(block, d, m);
    for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
        Block next = multiply(c, block, d, m);
        orthonormalise(next, d, m);
        double change = 0.0;  // 1 − |cos| between successive leading vectors
        for (int j = 0; j < components; ++j)
            change = std::max(change, 1.0 - std::abs(std::inner_product(next.begin() + std::ptrdiff_t(j * d), next.begin() + std::ptrdiff_t((j + 1) * d), block.begin() + std::ptrdiff_t(j * d), 0.0)));
        block = std::move(next);
        if (change < 1e-15) break;
    }
    const Block projected = multiply(c, block, d, m);  // Rayleigh–Ritz: B = Qᵀ C Q
    std::vector<double> small(m * m), rotation;
    for (std::size_t a = 0; a < m; ++a)
        for (std::size_t b = 0; b < m; ++b)
            small[a * m + b] = std::inner_product(block.begin() + std::ptrdiff_t(a * d), block.begin() + std::ptrdiff_t((a + 1) * d), projected.begin() + std::ptrdiff_t(b * d), 0.0);
    const std::vector<double> values = jacobiEigen(small, m, rotation);
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
    pca.axes_.assign(std::size_t(components) * d, 0.0);
    for (int k = 0; k < components; ++k) {
        double* axis = pca.axes_.data() + std::size_t(k) * d;
        for (std::size_t j = 0; j < m; ++j)
            for (std::size_t i = 0; i < d; ++i) axis[i] += block[j * d + i] * rotation[j * m + order[std::size_t(k)]];
        const double* largest = std::max_element(axis, axis + d, [](double a, double b) { return std::abs(a) < std::abs(b); });
        if (*largest < 0.0)
            for (std::size_t i = 0; i < d; ++i) axis[i] = -axis[i];
        pca.variances_.push_back(values[order[std::size_t(k)]]);
    }
    return pca;
}

RowMatrix PrincipalComponents::project(const RowMatrix& x) const {
    if (x.cols != dim_) throw InvalidArgument("PCA was fitted on " + std::to_string(dim_) + " columns, got " + std::to_string(x.cols));
    const std::size_t k = variances_.size();
    RowMatrix out{x.rows, k, std::vector<float>(x.rows * k)};
    for (std::size_t r = 0; r < x.rows; ++r)
        for (std::size_t c = 0; c < k; ++c) {
            double value = 0.0;
            for (std::size_t i = 0; i < dim_; ++i) value += (x.row(r)[i] - mean_[i]) * axes_[c * dim_ + i];
            out.values[r * k + c] = float(value);
        }
    return out;
}

}  // namespace m2ds
