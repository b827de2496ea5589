#include "analysis/FrameColouring.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/Errors.h"

namespace m2ds {
namespace {

/// The value at quantile q of `values` (nearest rank).
float quantile(std::vector<float> values, double q) {
    const auto rank = std::size_t(std::lround(q * double(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank), values.end());
    return values[rank];
}

}  // namespace

std::vector<uint8_t> FrameColouring::rgb(const RowMatrix& projections) {
    const std::size_t n = projections.rows, channels = std::min<std::size_t>(3, projections.cols);
    std::vector<uint8_t> out(n * 3, 0);
    if (n == 0) return out;
    for (std::size_t c = 0; c < channels; ++c) {
        std::vector<float> column(n);
        for (std::size_t r = 0; r < n; ++r) column[r] = projections.row(r)[c];
        const float low = quantile(column, 0.02), high = quantile(column, 0.98);
        const float span = high > low ? high - low : 1.0f;
        for (std::size_t r = 0; r < n; ++r) out[r * 3 + c] = uint8_t(std::lround(255.0f * std::clamp((column[r] - low) / span, 0.0f, 1.0f)));
    }
    return out;
}

std::vector<float> FrameColouring::cosineTo(const RowMatrix& frames, std::size_t frame) {
    if (frame >= frames.rows) throw InvalidArgument("frame " + std::to_string(frame) + " is past the last of " + std::to_string(frames.rows));
    const auto length = [&](std::size_t r) {
        double squares = 0.0;
        for (std::size_t i = 0; i < frames.cols; ++i) squares += double(frames.row(r)[i]) * frames.row(r)[i];
        return std::sqrt(squares);
    };
    const double reference = length(frame);
    std::vector<float> out(frames.rows, 0.0f);
    for (std::size_t r = 0; r < frames.rows; ++r) {
        double dot = 0.0;
        for (std::size_t i = 0; i < frames.cols; ++i) dot += double(frames.row(r)[i]) * frames.row(frame)[i];
        const double norms = length(r) * reference;
        out[r] = norms > 0.0 ? float(dot / norms) : 0.0f;
    }
    return out;
}

}  // namespace m2ds
