#pragma once
#include <cstddef>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

/// Principal component analysis of rows [n, d]: the mean and the first k axes of the sample covariance (float64,
/// divided by n − 1), found by subspace iteration with Rayleigh–Ritz on k + 4 vectors. Each axis is a unit vector,
/// signed so that its largest-magnitude entry is positive, in order of decreasing variance.
class PrincipalComponents {
public:
    /// x [n, d] with n ≥ 2 and 1 ≤ components ≤ d; throws InvalidArgument otherwise.
    static PrincipalComponents fit(const RowMatrix& x, int components);

    /// (x − mean)·axesᵀ: [n, d] → [n, k].
    RowMatrix project(const RowMatrix& x) const;
    /// [d] mean of the fitted rows.
    const std::vector<double>& mean() const { return mean_; }
    /// [k, d] row-major: axis c is row c.
    const std::vector<double>& axes() const { return axes_; }
    /// [k] variance along each axis (covariance eigenvalues).
    const std::vector<double>& variances() const { return variances_; }
    /// Sum of the covariance's diagonal: the total variance.
    double totalVariance() const { return totalVariance_; }
    int components() const { return int(variances_.size()); }

private:
    std::size_t dim_ = 0;
    std::vector<double> mean_;
    std::vector<double> axes_;
    std::vector<double> variances_;
    double totalVariance_ = 0.0;
};

}  // namespace m2ds
