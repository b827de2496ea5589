#include "common/NpyStreamWriter.h"

#include <functional>
#include <numeric>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"
#include "common/NpyFile.h"

namespace m2ds {

NpyStreamWriter::NpyStreamWriter(const std::string& path, const std::vector<std::size_t>& shape)
    : file_(std::make_unique<AtomicFileWriter>(path)), path_(path),
      expected_(std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>())) {
    const std::string header = NpyFile::header(shape);
    file_->write(header.data(), header.size());
}

NpyStreamWriter::~NpyStreamWriter() = default;

void NpyStreamWriter::append(const float* values, std::size_t count) {
    if (written_ + count > expected_) throw OutputError(path_, "more values than the declared shape holds");
    file_->write(values, count * sizeof(float));
    written_ += count;
}

void NpyStreamWriter::finish() {
    if (written_ != expected_)
        throw OutputError(path_, std::to_string(written_) + " of " + std::to_string(expected_) + " values were produced");
    file_->commit();
}

}  // namespace m2ds
