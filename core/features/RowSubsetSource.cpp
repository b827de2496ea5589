#include "features/RowSubsetSource.h"

#include <algorithm>

#include "common/Errors.h"

namespace m2ds {

RowSubsetSource::RowSubsetSource(const FeatureSource& base, const std::vector<RowRange>& ranges) : base_(base) {
    for (const RowRange& range : ranges) {
        if (range.first + range.count > base.rowCount())
            throw InvalidArgument(base.label() + ": rows " + std::to_string(range.first) + " + " + std::to_string(range.count) +
                                  " are past the last row " + std::to_string(base.rowCount()));
        if (range.count == 0) continue;
        if (!ranges_.empty() && ranges_.back().first + ranges_.back().count == range.first)
            ranges_.back().count += range.count;
        else
            ranges_.push_back(range);
    }
    for (const RowRange& range : ranges_) {
        starts_.push_back(rows_);
        rows_ += range.count;
    }
}

std::size_t RowSubsetSource::rowCount() const { return rows_; }

std::size_t RowSubsetSource::dimension() const { return base_.dimension(); }

std::string RowSubsetSource::label() const { return base_.label(); }

std::size_t RowSubsetSource::rangeOf(std::size_t row) const {
    if (row >= rows_) throw InvalidArgument(label() + ": subset row " + std::to_string(row) + " is past the last row " + std::to_string(rows_));
    return static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), row) - starts_.begin()) - 1;
}

std::size_t RowSubsetSource::baseRow(std::size_t row) const {
    const std::size_t range = rangeOf(row);
    return ranges_[range].first + (row - starts_[range]);
}

void RowSubsetSource::readRows(std::size_t first, std::size_t count, float* out) const {
    while (count > 0) {
        const std::size_t range = rangeOf(first);
        const std::size_t offset = first - starts_[range];
        const std::size_t take = std::min(count, ranges_[range].count - offset);
        base_.readRows(ranges_[range].first + offset, take, out);
        first += take;
        count -= take;
        out += take * dimension();
    }
}

void RowSubsetSource::gatherRows(const std::vector<std::size_t>& rows, float* out) const {
    std::vector<std::size_t> mapped(rows.size());
    std::transform(rows.begin(), rows.end(), mapped.begin(), [this](std::size_t row) { return baseRow(row); });
    base_.gatherRows(mapped, out);
}

RowLocation RowSubsetSource::locate(std::size_t row) const { return base_.locate(baseRow(row)); }

}  // namespace m2ds
