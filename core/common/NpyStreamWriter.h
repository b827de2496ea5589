#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace m2ds {

class AtomicFileWriter;

/// Writes a float32 .npy of a shape known up front, values appended in C order as they are produced, so a large
/// array never sits in memory. Atomic: the file appears on finish() only.
class NpyStreamWriter {
public:
    NpyStreamWriter(const std::string& path, const std::vector<std::size_t>& shape);
    ~NpyStreamWriter();
    /// Appends `count` values; throws OutputError past the declared size.
    void append(const float* values, std::size_t count);
    /// Checks every value arrived and commits; throws OutputError.
    void finish();

private:
    std::unique_ptr<AtomicFileWriter> file_;
    std::string path_;
    std::size_t expected_;
    std::size_t written_ = 0;
};

}  // namespace m2ds
