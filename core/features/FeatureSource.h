#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace m2ds {

/// Where a row of a feature source comes from, for error messages: the file (or the source's label) and the
/// row's place in it.
struct RowLocation {
    std::string file;
    std::string where;  ///< e.g. "row 17" or "row 17 (utterance 3, frame 2)"
};

/// A contiguous range of rows [first, first + count).
struct RowRange {
    std::size_t first = 0;
    std::size_t count = 0;
};

/// A read-only [N, D] float32 matrix of frame features, read by row ranges so that features larger than memory can
/// stream from disk. Implementations must allow concurrent const calls.
class FeatureSource {
public:
    /// Polymorphic base.
    virtual ~FeatureSource();

    /// Rows N.
    virtual std::size_t rowCount() const = 0;
    /// Columns D of every row.
    virtual std::size_t dimension() const = 0;
    /// Copies rows [first, first + count) into out ([count, D] float32, row-major); throws InputError.
    virtual void readRows(std::size_t first, std::size_t count, float* out) const = 0;
    /// Copies the listed rows (any order, repeats allowed) into out ([rows.size(), D] float32); throws InputError.
    /// The default reads each run of consecutive indices with one readRows call.
    virtual void gatherRows(const std::vector<std::size_t>& rows, float* out) const;
    /// Names the source in errors: a file path, or a description such as "in-memory features".
    virtual std::string label() const = 0;
    /// The file and place of global row `row` (< rowCount()), for errors that name a row.
    virtual RowLocation locate(std::size_t row) const;
};

}  // namespace m2ds
