#include "features/FeatureBlocks.h"

#include <algorithm>
#include <cmath>

#include "common/Errors.h"

namespace m2ds {

FeatureBlocks::FeatureBlocks(const FeatureSource& source, std::size_t blockRows, std::vector<float> offset)
    : source_(source), blockRows_(std::max<std::size_t>(blockRows, 1)), offset_(std::move(offset)) {
    if (!offset_.empty() && offset_.size() != source.dimension())
        throw InvalidArgument("feature offset has " + std::to_string(offset_.size()) + " values for D = " + std::to_string(source.dimension()));
}

void FeatureBlocks::prepare(float* values, std::size_t count, const std::function<std::size_t(std::size_t)>& rowOf) const {
    const std::size_t d = dimension();
    for (std::size_t i = 0; i < count; ++i) {
        float* row = values + i * d;
        for (std::size_t j = 0; j < d; ++j) {
            if (!std::isfinite(row[j])) {
                const RowLocation location = source_.locate(rowOf(i));
                throw InputError(location.file, location.where + " has a non-finite value (" + std::to_string(row[j]) + ") in column " +
                                                    std::to_string(j));
            }
        }
        if (!offset_.empty())
            for (std::size_t j = 0; j < d; ++j) row[j] -= offset_[j];
    }
}

void FeatureBlocks::forEach(const Visitor& visit, const ProgressMonitor& progress) const {
    const std::size_t rows = rowCount();
    std::vector<float> block(std::min(blockRows_, rows) * dimension());
    for (std::size_t first = 0; first < rows; first += blockRows_) {
        const std::size_t count = std::min(blockRows_, rows - first);
        source_.readRows(first, count, block.data());
        prepare(block.data(), count, [first](std::size_t i) { return first + i; });
        visit(first, count, block.data());
        progress.report(static_cast<double>(first + count) / static_cast<double>(rows));
    }
}

std::vector<float> FeatureBlocks::gather(const std::vector<std::size_t>& rows) const {
    std::vector<float> values(rows.size() * dimension());
    source_.gatherRows(rows, values.data());
    prepare(values.data(), rows.size(), [&rows](std::size_t i) { return rows[i]; });
    return values;
}

}  // namespace m2ds
