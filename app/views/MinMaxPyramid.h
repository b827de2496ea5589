#pragma once
#include <cstddef>
#include <vector>

namespace m2ds {

/// Min/max summaries of rows of samples at block sizes 8, 64, 512, ... so that any visible range reduces
/// to screen columns in time proportional to the column count, not to the samples (a 1-hour recording
/// redraws as fast as a short one).
class MinMaxPyramid {
public:
    struct Range {
        float min;
        float max;
    };

    /// data: `rows` rows of `length` floats, row-major; not copied, must outlive the pyramid.
    MinMaxPyramid(const float* data, int rows, std::size_t length);

    /// Splits [first, last) (sample positions of `row`) into `columns` equal slices and writes each slice's
    /// min and max to out[0..columns). A slice narrower than one sample takes the sample it starts in.
    void reduce(int row, double first, double last, int columns, Range* out) const;

    int rows() const { return rows_; }
    std::size_t length() const { return length_; }

private:
    struct Level {
        std::size_t factor;
        std::size_t length;
        std::vector<Range> ranges;  // rows × length
    };
    Range reduceSlice(int row, std::size_t begin, std::size_t end) const;

    const float* data_;
    int rows_;
    std::size_t length_;
    std::vector<Level> levels_;
};

}  // namespace m2ds
