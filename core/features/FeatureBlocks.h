#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include "features/FeatureSource.h"
#include "common/ProgressMonitor.h"

namespace m2ds {

/// Reads a FeatureSource block by block (or by gathered rows), subtracting an optional per-column offset, and
/// checks every value: a NaN or infinity throws InputError naming the file and the row. What the k-means passes
/// stream through, so that features larger than memory never sit in memory whole.
class FeatureBlocks {
public:
    /// rows: offset-subtracted [count, D] float32 of source rows [firstRow, firstRow + count).
    using Visitor = std::function<void(std::size_t firstRow, std::size_t count, const float* rows)>;

    /// blockRows ≥ 1 rows per block; offset: D float32 values subtracted from every row (empty = none).
    FeatureBlocks(const FeatureSource& source, std::size_t blockRows, std::vector<float> offset = {});

    /// The source read.
    const FeatureSource& source() const { return source_; }
    /// Its rows N.
    std::size_t rowCount() const { return source_.rowCount(); }
    /// Its columns D.
    std::size_t dimension() const { return source_.dimension(); }
    /// The D float32 values subtracted from each row (empty: none).
    const std::vector<float>& offset() const { return offset_; }

    /// Visits consecutive blocks covering every row in order; reports the fraction of rows done after each block
    /// (and so throws CancelledError once cancelled).
    void forEach(const Visitor& visit, const ProgressMonitor& progress = {}) const;
    /// The listed rows (any order, repeats allowed) as [rows.size(), D] float32, offset subtracted, checked.
    std::vector<float> gather(const std::vector<std::size_t>& rows) const;

private:
    /// Checks `count` rows at `values` (source row of row i: rowOf(i)) and subtracts the offset in place.
    void prepare(float* values, std::size_t count, const std::function<std::size_t(std::size_t)>& rowOf) const;

    const FeatureSource& source_;
    std::size_t blockRows_;
    std::vector<float> offset_;
};

}  // namespace m2ds
