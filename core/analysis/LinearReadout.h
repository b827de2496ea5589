#pragma once
#include <cstddef>
#include <vector>

namespace m2ds {

/// Rows of a float32 matrix, row-major: [rows, cols].
struct RowMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<float> values;
    const float* row(std::size_t r) const { return values.data() + r * cols; }
};

/// A linear map with a bias from features to targets, y = x·W + b, fitted by ridge regression in closed form
/// (float64 normal equations, Cholesky). The bias is not penalised. λ is picked from a grid by the mean squared
/// error on held-out rows; the grid is relative to the mean eigenvalue of the centred Gram matrix (trace / dx), so it
/// needs no tuning to the features' scale. The map kept is the one fitted on the training rows with that λ, and r2()
/// is its R² on the held-out rows, which it never saw.
class LinearReadout {
public:
    /// Relative ridge strengths tried by fit().
    static const std::vector<double>& defaultLambdas();

    /// x [n, dx], y [n, dy] (same n); heldOut [n]: 1 = evaluation row. Needs ≥ 2 training and ≥ 1 held-out rows;
    /// throws InvalidArgument otherwise.
    static LinearReadout fit(const RowMatrix& x, const RowMatrix& y, const std::vector<char>& heldOut,
                             const std::vector<double>& relativeLambdas = defaultLambdas());

    /// y [dy] = x [dx]·W + b for one row of features.
    void apply(const float* x, float* y) const;
    /// Every row of x [n, dx] → [n, dy].
    RowMatrix apply(const RowMatrix& x) const;
    /// 1 − Σ(y − ŷ)² / Σ(y − ȳ)² over every element of y [n, dy], ȳ the per-column mean of y; NaN when y is constant.
    static double rSquared(const RowMatrix& y, const RowMatrix& predicted);

    std::size_t inputDim() const { return inputDim_; }
    std::size_t outputDim() const { return outputDim_; }
    /// Weights [dx, dy] row-major and bias [dy].
    const std::vector<double>& weights() const { return weights_; }
    const std::vector<double>& bias() const { return bias_; }
    /// The relative λ chosen, and the held-out R² and mean squared error of the map kept.
    double lambda() const { return lambda_; }
    double r2() const { return r2_; }
    double heldOutMse() const { return heldOutMse_; }
    /// Training and held-out rows used.
    std::size_t trainingRows() const { return trainingRows_; }
    std::size_t heldOutRows() const { return heldOutRows_; }

private:
    std::size_t inputDim_ = 0;
    std::size_t outputDim_ = 0;
    std::vector<double> weights_;
    std::vector<double> bias_;
    double lambda_ = 0.0;
    double r2_ = 0.0;
    double heldOutMse_ = 0.0;
    std::size_t trainingRows_ = 0;
    std::size_t heldOutRows_ = 0;
};

}  // namespace m2ds
