#pragma once
#include <cstddef>
#include <cstdio>
#include <string>

namespace m2ds {

class AtomicFileWriter;

/// float32 values parked on disk while an export grows to a size known only at its end: an unlinked temporary file
/// in the output's folder (so it needs no memory, lands on the output's disk and vanishes with the process).
class RowSpool {
public:
    /// Creates the spool beside `outputPath`; throws OutputError naming the output.
    explicit RowSpool(std::string outputPath);
    ~RowSpool();
    RowSpool(RowSpool&& other) noexcept;
    RowSpool(const RowSpool&) = delete;
    RowSpool& operator=(const RowSpool&) = delete;
    RowSpool& operator=(RowSpool&&) = delete;

    /// Appends `count` float32 values; throws OutputError (a full disk).
    void append(const float* values, std::size_t count);
    /// Values appended so far.
    std::size_t size() const { return size_; }
    /// Copies every value, in order, to `target` (in 1-MiB reads); throws OutputError.
    void copyTo(AtomicFileWriter& target);

private:
    [[noreturn]] void fail(const std::string& what, int errorNumber) const;

    std::string outputPath_;
    std::FILE* file_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace m2ds
