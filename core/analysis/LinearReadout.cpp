#include "analysis/LinearReadout.h"

#include <cmath>
#include <limits>
#include <string>

#include "common/Errors.h"

namespace m2ds {
namespace {

/// Training-row statistics: means of x and y, the centred Gram matrix XcᵀXc [dx, dx] and XcᵀYc [dx, dy], float64.
struct Moments {
    std::vector<double> meanX, meanY, gram, cross;
};

Moments centredMoments(const RowMatrix& x, const RowMatrix& y, const std::vector<std::size_t>& rows) {
    const std::size_t dx = x.cols, dy = y.cols;
    Moments m{std::vector<double>(dx, 0.0), std::vector<double>(dy, 0.0), std::vector<double>(dx * dx, 0.0), std::vector<double>(dx * dy, 0.0)};
    for (std::size_t r : rows) {
        for (std::size_t i = 0; i < dx; ++i) m.meanX[i] += x.row(r)[i];
        for (std::size_t j = 0; j < dy; ++j) m.meanY[j] += y.row(r)[j];
    }
    for (double& v : m.meanX) v /= double(rows.size());
    for (double& v : m.meanY) v /= double(rows.size());
    std::vector<double> cx(dx), cy(dy);
    for (std::size_t r : rows) {
        for (std::size_t i = 0; i < dx; ++i) cx[i] = x.row(r)[i] - m.meanX[i];
        for (std::size_t j = 0; j < dy; ++j) cy[j] = y.row(r)[j] - m.meanY[j];
        for (std::size_t i = 0; i < dx; ++i) {
            double* gramRow = m.gram.data() + i * dx;
            for (std::size_t k = i; k < dx; ++k) gramRow[k] += cx[i] * cx[k];
            double* crossRow = m.cross.data() + i * dy;
            for (std::size_t j = 0; j < dy; ++j) crossRow[j] += cx[i] * cy[j];
        }
    }
    for (std::size_t i = 0; i < dx; ++i)
        for (std::size_t k = 0; k < i; ++k) m.gram[i * dx + k] = m.gram[k * dx + i];
    return m;
}

/// Solves A·W = B for symmetric positive definite A [n, n] and B [n, m] by Cholesky; A is overwritten.
std::vector<double> choleskySolve(std::vector<double> a, std::vector<double> b, std::size_t n, std::size_t m) {
    for (std::size_t j = 0; j < n; ++j) {
        double diagonal = a[j * n + j];
        for (std::size_t k = 0; k < j; ++k) diagonal -= a[j * n + k] * a[j * n + k];
        if (!(diagonal > 0.0)) throw InvalidArgument("ridge system is not positive definite (pivot " + std::to_string(j) + ")");
        a[j * n + j] = std::sqrt(diagonal);
        for (std::size_t i = j + 1; i < n; ++i) {
            double value = a[i * n + j];
            for (std::size_t k = 0; k < j; ++k) value -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = value / a[j * n + j];
        }
    }
    for (std::size_t c = 0; c < m; ++c) {
        for (std::size_t i = 0; i < n; ++i) {  // L·z = b
            double value = b[i * m + c];
            for (std::size_t k = 0; k < i; ++k) value -= a[i * n + k] * b[k * m + c];
            b[i * m + c] = value / a[i * n + i];
        }
        for (std::size_t i = n; i-- > 0;) {  // Lᵀ·w = z
            double value = b[i * m + c];
            for (std::size_t k = i + 1; k < n; ++k) value -= a[k * n + i] * b[k * m + c];
            b[i * m + c] = value / a[i * n + i];
        }
    }
    return b;
}

RowMatrix selectRows(const RowMatrix& matrix, const std::vector<std::size_t>& rows) {
    RowMatrix out{rows.size(), matrix.cols, {}};
    out.values.reserve(rows.size() * matrix.cols);
    for (std::size_t r : rows) out.values.insert(out.values.end(), matrix.row(r), matrix.row(r) + matrix.cols);
    return out;
}

double meanSquaredError(const RowMatrix& y, const RowMatrix& predicted) {
    double sum = 0.0;
    for (std::size_t i = 0; i < y.values.size(); ++i) sum += double(y.values[i] - predicted.values[i]) * double(y.values[i] - predicted.values[i]);
    return sum / double(y.values.size());
}

}  // namespace

const std::vector<double>& LinearReadout::defaultLambdas() {
    static const std::vector<double> grid{1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0};
    return grid;
}

LinearReadout LinearReadout::fit(const RowMatrix& x, const RowMatrix& y, const std::vector<char>& heldOut,
                                 const std::vector<double>& relativeLambdas) {
    if (x.rows != y.rows || heldOut.size() != x.rows || x.values.size() != x.rows * x.cols || y.values.size() != y.rows * y.cols)
        throw InvalidArgument("readout fit needs x [n, dx], y [n, dy] and a held-out flag per row; got n = " + std::to_string(x.rows) +
                              ", " + std::to_string(y.rows) + ", " + std::to_string(heldOut.size()));
    std::vector<std::size_t> training, evaluation;
    for (std::size_t r = 0; r < x.rows; ++r) (heldOut[r] ? evaluation : training).push_back(r);
    if (training.size() < 2 || evaluation.empty() || relativeLambdas.empty())
        throw InvalidArgument("readout fit needs at least 2 training rows and 1 held-out row, got " + std::to_string(training.size()) +
                              " and " + std::to_string(evaluation.size()));
    const Moments moments = centredMoments(x, y, training);
    const std::size_t dx = x.cols, dy = y.cols;
    double trace = 0.0;
    for (std::size_t i = 0; i < dx; ++i) trace += moments.gram[i * dx + i];
    const double scale = trace > 0.0 ? trace / double(dx) : 1.0;
    const RowMatrix heldX = selectRows(x, evaluation), heldY = selectRows(y, evaluation);
    LinearReadout best;
    best.heldOutMse_ = std::numeric_limits<double>::infinity();
    for (double lambda : relativeLambdas) {
        std::vector<double> system = moments.gram;
        for (std::size_t i = 0; i < dx; ++i) system[i * dx + i] += lambda * scale;
        LinearReadout candidate;
        candidate.inputDim_ = dx;
        candidate.outputDim_ = dy;
        candidate.weights_ = choleskySolve(std::move(system), moments.cross, dx, dy);
        candidate.bias_ = moments.meanY;
        for (std::size_t i = 0; i < dx; ++i)
            for (std::size_t j = 0; j < dy; ++j) candidate.bias_[j] -= moments.meanX[i] * candidate.weights_[i * dy + j];
        const RowMatrix predicted = candidate.apply(heldX);
        candidate.heldOutMse_ = meanSquaredError(heldY, predicted);
        candidate.r2_ = rSquared(heldY, predicted);
        candidate.lambda_ = lambda;
        if (candidate.heldOutMse_ < best.heldOutMse_) best = std::move(candidate);
    }
    best.trainingRows_ = training.size();
    best.heldOutRows_ = evaluation.size();
    return best;
}

void LinearReadout::apply(const float* x, float* y) const {
    for (std::size_t j = 0; j < outputDim_; ++j) {
        double value = bias_[j];
        for (std::size_t i = 0; i < inputDim_; ++i) value += double(x[i]) * weights_[i * outputDim_ + j];
        y[j] = float(value);
    }
}

RowMatrix LinearReadout::apply(const RowMatrix& x) const {
    if (x.cols != inputDim_) throw InvalidArgument("readout takes " + std::to_string(inputDim_) + " features, got " + std::to_string(x.cols));
    RowMatrix y{x.rows, outputDim_, std::vector<float>(x.rows * outputDim_)};
    for (std::size_t r = 0; r < x.rows; ++r) apply(x.row(r), y.values.data() + r * outputDim_);
    return y;
}

double LinearReadout::rSquared(const RowMatrix& y, const RowMatrix& predicted) {
    std::vector<double> mean(y.cols, 0.0);
    for (std::size_t r = 0; r < y.rows; ++r)
        for (std::size_t j = 0; j < y.cols; ++j) mean[j] += y.row(r)[j];
    for (double& v : mean) v /= double(y.rows);
    double residual = 0.0, total = 0.0;
    for (std::size_t r = 0; r < y.rows; ++r)
        for (std::size_t j = 0; j < y.cols; ++j) {
            const double value = y.row(r)[j];
            residual += (value - predicted.row(r)[j]) * (value - predicted.row(r)[j]);
            total += (value - mean[j]) * (value - mean[j]);
        }
    return total > 0.0 ? 1.0 - residual / total : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace m2ds
