#pragma once
#include <cstddef>
#include <vector>

#include "analysis/LinearReadout.h"

namespace m2ds {

/// Per-column standardisation (x − mean) / std as scikit-learn's StandardScaler: mean and population std (ddof 0) in
/// float64 over the rows it is fitted on, applied to any rows; a column with std 0 keeps scale 1.
class FeatureStandardiser {
public:
    /// Fits on the rows of x [n, d] where use[r] is 1 (use [n]); throws InvalidArgument when no row is used or the
    /// lengths differ.
    static FeatureStandardiser fit(const RowMatrix& x, const std::vector<char>& use);
    /// Fits on every row of x.
    static FeatureStandardiser fit(const RowMatrix& x);

    /// Standardised rows of x [n, d] where keep[r] is 1 (all when keep is empty), in order → [kept, d] float32.
    RowMatrix apply(const RowMatrix& x, const std::vector<char>& keep = {}) const;
    /// [d] per-column means and scales.
    const std::vector<double>& mean() const { return mean_; }
    const std::vector<double>& scale() const { return scale_; }

private:
    std::vector<double> mean_;
    std::vector<double> scale_;
};

}  // namespace m2ds
