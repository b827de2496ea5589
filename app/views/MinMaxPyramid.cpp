#include "views/MinMaxPyramid.h"

#include <algorithm>
#include <cmath>

namespace m2ds {
namespace {
constexpr std::size_t kFanOut = 8;
constexpr std::size_t kSmallestTop = 256;
}  // namespace

MinMaxPyramid::MinMaxPyramid(const float* data, int rows, std::size_t length) : data_(data), rows_(rows), length_(length) {
    std::size_t factor = kFanOut;
    while (length / factor >= kSmallestTop || levels_.empty()) {
        Level level{factor, (length + factor - 1) / factor, {}};
        level.ranges.resize(std::size_t(rows) * level.length);
        for (int row = 0; row < rows; ++row) {
            for (std::size_t i = 0; i < level.length; ++i) {
                Range range{};
                if (levels_.empty()) {  // from the samples
                    const float* begin = data + std::size_t(row) * length + i * factor;
                    const float* end = data + std::size_t(row) * length + std::min(length, (i + 1) * factor);
                    const auto [low, high] = std::minmax_element(begin, end);
                    range = {*low, *high};
                } else {  // from the level below
                    const Level& below = levels_.back();
                    const Range* first = &below.ranges[std::size_t(row) * below.length + i * kFanOut];
                    const std::size_t count = std::min(kFanOut, below.length - i * kFanOut);
                    range = first[0];
                    for (std::size_t j = 1; j < count; ++j)
                        range = {std::min(range.min, first[j].min), std::max(range.max, first[j].max)};
                }
                level.ranges[std::size_t(row) * level.length + i] = range;
            }
        }
        levels_.push_back(std::move(level));
        factor *= kFanOut;
        if (length <= kFanOut) break;
    }
}

MinMaxPyramid::Range MinMaxPyramid::reduceSlice(int row, std::size_t begin, std::size_t end) const {
    const std::size_t width = end - begin;
    const Level* level = nullptr;
    for (const Level& candidate : levels_)
        if (candidate.factor * 2 <= width) level = &candidate;
    if (!level) {
        const float* rowData = data_ + std::size_t(row) * length_;
        const auto [low, high] = std::minmax_element(rowData + begin, rowData + end);
        return {*low, *high};
    }
    // Whole blocks covering the slice: the slice grows by less than one block on each side, invisible on screen.
    const Range* ranges = &level->ranges[std::size_t(row) * level->length];
    const std::size_t firstBlock = begin / level->factor;
    const std::size_t endBlock = std::min(level->length, (end + level->factor - 1) / level->factor);
    Range range = ranges[firstBlock];
    for (std::size_t i = firstBlock + 1; i < endBlock; ++i)
        range = {std::min(range.min, ranges[i].min), std::max(range.max, ranges[i].max)};
    return range;
}

void MinMaxPyramid::reduce(int row, double first, double last, int columns, Range* out) const {
    first = std::clamp(first, 0.0, double(length_));
    last = std::clamp(last, first, double(length_));
    const double step = (last - first) / columns;
    for (int column = 0; column < columns; ++column) {
        auto begin = std::size_t(std::floor(first + column * step));
        auto end = std::size_t(std::ceil(first + (column + 1) * step));
        begin = std::min(begin, length_ - 1);
        end = std::clamp(end, begin + 1, length_);
        out[column] = reduceSlice(row, begin, end);
    }
}

}  // namespace m2ds
