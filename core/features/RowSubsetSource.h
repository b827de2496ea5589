#pragma once
#include <string>
#include <vector>

#include "features/FeatureSource.h"

namespace m2ds {

/// The rows of another source that fall in a list of ranges, concatenated in list order (e.g. the utterances
/// sampled by sampleUtterances for learning). `base` must outlive this object.
class RowSubsetSource : public FeatureSource {
public:
    /// ranges: row ranges of base (empty ones dropped, adjacent ones merged); throws InvalidArgument past its end.
    RowSubsetSource(const FeatureSource& base, const std::vector<RowRange>& ranges);

    /// Rows in all ranges.
    std::size_t rowCount() const override;
    /// Columns D.
    std::size_t dimension() const override;
    /// Rows [first, first + count) into out, [count, D] float32.
    void readRows(std::size_t first, std::size_t count, float* out) const override;
    /// The listed rows into out, [rows.size(), D] float32.
    void gatherRows(const std::vector<std::size_t>& rows, float* out) const override;
    /// The base source's label.
    std::string label() const override;
    /// Where the base source says subset row `row` comes from.
    RowLocation locate(std::size_t row) const override;

    /// The base row of subset row `row`.
    std::size_t baseRow(std::size_t row) const;

private:
    std::size_t rangeOf(std::size_t row) const;

    const FeatureSource& base_;
    std::vector<RowRange> ranges_;
    std::vector<std::size_t> starts_;  ///< subset row where each range begins
    std::size_t rows_ = 0;
};

}  // namespace m2ds
