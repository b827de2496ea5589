#include "probe/FeatureStandardiser.h"

#include <cmath>
#include <string>

#include "common/Errors.h"

namespace m2ds {

FeatureStandardiser FeatureStandardiser::fit(const RowMatrix& x, const std::vector<char>& use) {
    if (use.size() != x.rows)
        throw InvalidArgument("standardiser: a row mask of " + std::to_string(use.size()) + " for " + std::to_string(x.rows) + " rows");
    const std::size_t d = x.cols;
    std::vector<double> sum(d, 0.0);
    std::size_t count = 0;
    for (std::size_t r = 0; r < x.rows; ++r) {
        if (!use[r]) continue;
        ++count;
        for (std::size_t c = 0; c < d; ++c) sum[c] += x.row(r)[c];
    }
    if (count == 0) throw InvalidArgument("standardiser: no row to fit on");
    FeatureStandardiser result;
    result.mean_.resize(d);
    for (std::size_t c = 0; c < d; ++c) result.mean_[c] = sum[c] / double(count);
    std::vector<double> squares(d, 0.0);  // two passes: no cancellation for columns with a large mean
    for (std::size_t r = 0; r < x.rows; ++r) {
        if (!use[r]) continue;
        for (std::size_t c = 0; c < d; ++c) {
            const double centred = x.row(r)[c] - result.mean_[c];
            squares[c] += centred * centred;
        }
    }
    result.scale_.resize(d);
    for (std::size_t c = 0; c < d; ++c) {
        const double std = std::sqrt(squares[c] / double(count));
        result.scale_[c] = std > 0.0 ? std : 1.0;
    }
    return result;
}

FeatureStandardiser FeatureStandardiser::fit(const RowMatrix& x) { return fit(x, std::vector<char>(x.rows, 1)); }

RowMatrix FeatureStandardiser::apply(const RowMatrix& x, const std::vector<char>& keep) const {
    if (x.cols != mean_.size())
        throw InvalidArgument("standardiser fitted on " + std::to_string(mean_.size()) + " columns applied to " + std::to_string(x.cols));
    if (!keep.empty() && keep.size() != x.rows)
        throw InvalidArgument("standardiser: a row mask of " + std::to_string(keep.size()) + " for " + std::to_string(x.rows) + " rows");
    RowMatrix out;
    out.cols = x.cols;
    for (std::size_t r = 0; r < x.rows; ++r) out.rows += keep.empty() || keep[r];
    out.values.resize(out.rows * out.cols);
    float* target = out.values.data();
    for (std::size_t r = 0; r < x.rows; ++r) {
        if (!keep.empty() && !keep[r]) continue;
        const float* source = x.row(r);
        for (std::size_t c = 0; c < x.cols; ++c) *target++ = static_cast<float>((double(source[c]) - mean_[c]) / scale_[c]);
    }
    return out;
}

}  // namespace m2ds
