#include "analysis/RowSpool.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

#include "common/AtomicFileWriter.h"
#include "common/Errors.h"

namespace m2ds {

RowSpool::RowSpool(std::string outputPath) : outputPath_(std::move(outputPath)) {
    std::vector<char> pattern(outputPath_.begin(), outputPath_.end());
    const char suffix[] = ".spool-XXXXXX";
    pattern.insert(pattern.end(), suffix, suffix + sizeof(suffix));
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) fail("cannot create a temporary file there", errno);
    ::unlink(pattern.data());  // the open descriptor keeps the data; no name is left behind, whatever happens
    file_ = ::fdopen(fd, "w+b");
    if (!file_) {
        const int error = errno;
        ::close(fd);
        fail("cannot open a temporary file", error);
    }
}

RowSpool::RowSpool(RowSpool&& other) noexcept : outputPath_(std::move(other.outputPath_)), file_(other.file_), size_(other.size_) {
    other.file_ = nullptr;
}

RowSpool::~RowSpool() {
    if (file_) std::fclose(file_);
}

void RowSpool::append(const float* values, std::size_t count) {
    if (count > 0 && std::fwrite(values, sizeof(float), count, file_) != count) fail("cannot write the temporary frames", errno);
    size_ += count;
}

void RowSpool::copyTo(AtomicFileWriter& target) {
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) fail("cannot read the temporary frames back", errno);
    std::vector<float> buffer(std::size_t(1) << 18);
    for (std::size_t left = size_; left > 0;) {
        const std::size_t count = std::min(left, buffer.size());
        if (std::fread(buffer.data(), sizeof(float), count, file_) != count) fail("cannot read the temporary frames back", errno);
        target.write(buffer.data(), count * sizeof(float));
        left -= count;
    }
    std::fseek(file_, 0, SEEK_END);
}

void RowSpool::fail(const std::string& what, int errorNumber) const {
    throw OutputError(outputPath_, what + " (" + std::strerror(errorNumber) + "); nothing was written");
}

}  // namespace m2ds
